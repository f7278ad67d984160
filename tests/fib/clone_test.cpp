// Cloners that make two interfaces: FreeBSD's epair(4) (sys/net/if_epair.c
// epair_clone_match, epair_handle_unit, epair_clone_create and
// epair_clone_destroy); elsewhere an epair name is one interface.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

struct Lab {
  explicit Lab(const char* kernel = "freebsd") : fib(ConfigOf(kernel)) {
    fib.set_listener([this](const Change& c) { log.push_back(c); });
  }
  static Config ConfigOf(const char* kernel) {
    Config c;
    auto s = semantics_for(kernel);
    EXPECT_TRUE(s.has_value()) << kernel;
    if (s) c.semantics = *s;
    return c;
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> v;
    for (const Interface* i : fib.interfaces()) v.push_back(i->name);
    return v;
  }
  Fib fib;
  std::vector<Change> log;
};

IfSpec Clone(const char* name) {
  IfSpec s;
  s.name = name;
  s.type = ift::ether;
  s.flags = iff::broadcast | iff::simplex | iff::multicast;
  return s;
}

using Names = std::vector<std::string>;

TEST(Clone, epair_makes_a_and_b_with_paired_macs) {
  Lab L;
  auto a = L.fib.attach(Clone("epair3"));
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(L.Names(), (Names{"epair3a", "epair3b"}));
  const Interface* ia = L.fib.interface("epair3a");
  const Interface* ib = L.fib.interface("epair3b");
  ASSERT_NE(ia, nullptr);
  ASSERT_NE(ib, nullptr);
  EXPECT_EQ(*a, ia->index);
  EXPECT_EQ(ia->lladdr, (std::vector<std::uint8_t>{0x02, 0, 0, 0, 1, 0x0a}));
  EXPECT_EQ(ib->lladdr, (std::vector<std::uint8_t>{0x02, 0, 0, 0, 1, 0x0b}));
  EXPECT_EQ(ia->type, ift::ether);
  EXPECT_EQ(ia->mtu, 1500u);
  EXPECT_FALSE(ia->up());
  EXPECT_EQ(ia->link, LinkState::up);
  EXPECT_EQ(ib->link, LinkState::up);
  // Both arrivals, then both links up.
  ASSERT_EQ(L.log.size(), 4u);
  EXPECT_EQ(L.log[0].kind, ChangeKind::if_arrival);
  EXPECT_EQ(L.log[0].ifindex, ia->index);
  EXPECT_EQ(L.log[1].kind, ChangeKind::if_arrival);
  EXPECT_EQ(L.log[1].ifindex, ib->index);
  EXPECT_EQ(L.log[2].kind, ChangeKind::if_change);
  EXPECT_EQ(L.log[2].ifindex, ia->index);
  EXPECT_EQ(L.log[3].kind, ChangeKind::if_change);
  EXPECT_EQ(L.log[3].ifindex, ib->index);
}

TEST(Clone, epair_without_unit_takes_first_free) {
  Lab L;
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair"))));
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair"))));
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair3"))));
  EXPECT_EQ(L.Names(), (Names{"epair0a", "epair0b", "epair1a", "epair1b", "epair3a", "epair3b"}));
  ASSERT_TRUE(Ok(L.fib.detach(L.fib.interface("epair0b")->index)));
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair"))));
  EXPECT_NE(L.fib.interface("epair0a"), nullptr);
  EXPECT_NE(L.fib.interface("epair0b"), nullptr);
}

TEST(Clone, epair_either_half_taken_eexist) {
  Lab L;
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair2b"))));  // not a cloner name: one interface
  EXPECT_TRUE(Errno(L.fib.attach(Clone("epair2")), EEXIST));
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair4"))));
  EXPECT_TRUE(Errno(L.fib.attach(Clone("epair4")), EEXIST));
  EXPECT_EQ(L.Names(), (Names{"epair2b", "epair4a", "epair4b"}));
}

TEST(Clone, epair_no_room_for_suffix_enospc) {
  Lab L;
  EXPECT_TRUE(Errno(L.fib.attach(Clone("epair1234567890")), ENOSPC));  // 15 characters
  ASSERT_TRUE(Ok(L.fib.attach(Clone("epair123456789"))));
  EXPECT_EQ(L.Names(), (Names{"epair123456789a", "epair123456789b"}));
}

TEST(Clone, epair_destroy_either_half_takes_both) {
  for (const char* half : {"epair0a", "epair0b"}) {
    Lab L;
    ASSERT_TRUE(Ok(L.fib.attach(Clone("epair0"))));
    const std::uint16_t named = L.fib.interface(half)->index;
    const std::uint16_t other = named == 1 ? 2 : 1;
    L.log.clear();
    ASSERT_TRUE(Ok(L.fib.detach(named)));
    EXPECT_TRUE(L.fib.interfaces().empty()) << half;
    // Links down (the named half first), then the departures in that order.
    ASSERT_EQ(L.log.size(), 4u) << half;
    EXPECT_EQ(L.log[0].kind, ChangeKind::if_change);
    EXPECT_EQ(L.log[0].ifindex, named);
    EXPECT_EQ(L.log[1].kind, ChangeKind::if_change);
    EXPECT_EQ(L.log[1].ifindex, other);
    EXPECT_EQ(L.log[2].kind, ChangeKind::if_departure);
    EXPECT_EQ(L.log[2].ifindex, named);
    EXPECT_EQ(L.log[3].kind, ChangeKind::if_departure);
    EXPECT_EQ(L.log[3].ifindex, other);
  }
}

TEST(Clone, epair_is_one_interface_elsewhere) {
  for (const char* k : {"openbsd", "netbsd", "darwin", "dragonfly"}) {
    Lab L(k);
    ASSERT_TRUE(Ok(L.fib.attach(Clone("epair0")))) << k;
    EXPECT_EQ(L.Names(), (Names{"epair0"})) << k;
    ASSERT_TRUE(Ok(L.fib.attach(Clone("epair0a")))) << k;
    ASSERT_TRUE(Ok(L.fib.attach(Clone("epair0b")))) << k;
    ASSERT_TRUE(Ok(L.fib.detach(L.fib.interface("epair0a")->index))) << k;
    EXPECT_EQ(L.Names(), (Names{"epair0", "epair0b"})) << k;
  }
}

}  // namespace
