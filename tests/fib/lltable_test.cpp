// Neighbour entries in per-interface tables (FreeBSD 8+ lltables): add,
// replace, delete, their errors, and what removing an address or an
// interface does to them. Facts: docs/research/freebsd-lltable.md.
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

Config FreeBsd(int version) {
  Config c;
  c.semantics = semantics_for(Kernel::freebsd, version);
  // Interfaces without IPv6 addresses unless a test gives them one; with
  // its automatic link-local address an interface takes any ND entry
  // (in6ifattach_test.cpp).
  c.semantics.auto_linklocal = false;
  return c;
}

IfSpec Iface(const char* name, std::uint8_t type, std::uint8_t mac_last) {
  IfSpec s;
  s.name = name;
  s.type = type;
  s.flags = iff::up | iff::broadcast | iff::multicast;
  if (type == ift::ether) s.lladdr = {0x02, 0x00, 0x00, 0x00, 0x00, mac_last};
  if (type == ift::loop) s.flags = iff::up | iff::loopback | iff::multicast;
  return s;
}

Neighbor N(const char* addr, std::uint8_t mac_last, std::int64_t expire = 0) {
  Neighbor n;
  n.addr = A(addr);
  n.lladdr = {0x00, 0x00, 0x5e, 0x00, 0x53, mac_last};
  n.lladdr_len = 6;
  n.is_static = expire == 0;
  n.expire = expire;
  return n;
}

int Errno(const Error& e) { return e.code().value(); }

// lo0, em0 192.0.2.10/24 + 2001:db8::10/64, em1 198.51.100.10/24, a default
// route through em0 and tun0 (not Ethernet) 10.9.9.1/24.
struct Lab {
  Fib fib{FreeBsd(14)};
  std::uint16_t lo = 0, em0 = 0, em1 = 0, tun = 0;
  Lab() {
    lo = fib.attach(Iface("lo0", ift::loop, 0)).value();
    em0 = fib.attach(Iface("em0", ift::ether, 1)).value();
    em1 = fib.attach(Iface("em1", ift::ether, 2)).value();
    tun = fib.attach(Iface("tun0", ift::tunnel, 0)).value();
    EXPECT_TRUE(fib.add_address(lo, {A("127.0.0.1"), 8, {}, {}}));
    EXPECT_TRUE(fib.add_address(em0, {A("192.0.2.10"), 24, {}, {}}));
    EXPECT_TRUE(fib.add_address(em0, {A("2001:db8::10"), 64, {}, {}}));
    EXPECT_TRUE(fib.add_address(em1, {A("198.51.100.10"), 24, {}, {}}));
    EXPECT_TRUE(fib.add_address(tun, {A("10.9.9.1"), 24, {}, {}}));
    RouteRequest r;
    r.dst = A("0.0.0.0");
    r.plen = 0;
    r.gateway = Gateway::address(A("192.0.2.1"));
    r.flags = rtf::up | rtf::gateway | rtf::static_;
    EXPECT_TRUE(fib.add(r));
  }
  const std::vector<Neighbor>& on(std::uint16_t i) const { return fib.interface(i)->neighbors; }
};

TEST(Lltable, AddKeepsEntryOutOfTheRoutingTable) {
  Lab l;
  const std::size_t routes4 = l.fib.size(0, Family::inet4);
  auto r = l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x20));
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_FALSE(r->replaced);
  ASSERT_EQ(l.on(l.em0).size(), 1u);
  EXPECT_EQ(l.on(l.em0)[0].addr, A("192.0.2.20"));
  EXPECT_TRUE(l.on(l.em0)[0].is_static);
  EXPECT_TRUE(l.on(l.em1).empty());
  EXPECT_EQ(l.fib.size(0, Family::inet4), routes4);
  // The longest match is still the interface prefix.
  auto m = l.fib.lookup(0, A("192.0.2.20"));
  ASSERT_TRUE(m);
  EXPECT_TRUE(PrefixIs(m->prefix, Net("192.0.2.0", 24)));
}

TEST(Lltable, AddSameAddressReplacesAndReportsTheOldEntry) {
  Lab l;
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x20)));
  auto r = l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x21, 1'700'000'100));
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->replaced);
  EXPECT_EQ(r->replaced->lladdr[5], 0x20);
  ASSERT_EQ(l.on(l.em0).size(), 1u);
  EXPECT_EQ(l.on(l.em0)[0].lladdr[5], 0x21);
  EXPECT_FALSE(l.on(l.em0)[0].is_static);
  EXPECT_GT(l.on(l.em0)[0].serial, r->replaced->serial);
}

// nd6_add_ifa_lle: a new IPv6 address's own entry displaces a learned one
// of the same address; the change record carries it (LLENTRY_EXPIRED).
TEST(Lltable, Inet6AddressDisplacesALearnedEntryOfItsAddress) {
  Lab l;
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("2001:db8::20", 0x20)));
  std::vector<Change> log;
  l.fib.set_listener([&](const Change& c) { log.push_back(c); });
  ASSERT_TRUE(l.fib.add_address(l.em0, {A("2001:db8::20"), 64, {}, {}}));
  EXPECT_TRUE(l.on(l.em0).empty());
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].kind, ChangeKind::addr_lle);
  ASSERT_TRUE(log[0].neighbor);
  EXPECT_EQ(log[0].neighbor->lladdr[5], 0x20);
  // IPv4 (arp_add_ifa_lle) announces nothing; an address without a learned
  // entry carries none.
  log.clear();
  ASSERT_TRUE(l.fib.add_address(l.em0, {A("2001:db8::21"), 64, {}, {}}));
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].kind, ChangeKind::addr_lle);
  EXPECT_FALSE(log[0].neighbor);
  log.clear();
  ASSERT_TRUE(l.fib.add_address(l.em0, {A("192.0.2.21"), 24, {}, {}}));
  for (const Change& c : log) EXPECT_NE(c.kind, ChangeKind::addr_lle);
}

struct AddCase {
  const char* name;
  const char* iface;  // em0 / em1 / tun0 / lo0 / none
  const char* addr;
  int error;  // 0 = accepted
};

class LltableAdd : public ::testing::TestWithParam<AddCase> {};

TEST_P(LltableAdd, ErrorsAsLlaRtOutput) {
  Lab l;
  const AddCase& c = GetParam();
  std::uint16_t idx = 99;
  if (std::string(c.iface) == "em0") idx = l.em0;
  if (std::string(c.iface) == "em1") idx = l.em1;
  if (std::string(c.iface) == "tun0") idx = l.tun;
  if (std::string(c.iface) == "lo0") idx = l.lo;
  auto r = l.fib.add_neighbor(idx, N(c.addr, 0x42));
  if (c.error == 0) {
    EXPECT_TRUE(r) << r.error().message();
  } else {
    ASSERT_FALSE(r);
    EXPECT_EQ(Errno(r.error()), c.error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LltableAdd,
    ::testing::Values(
        AddCase{"v4_on_link", "em0", "192.0.2.77", 0},
        // Covered only by the default route (a gateway): in_lltable_rtcheck.
        AddCase{"v4_off_link", "em0", "203.0.113.7", ENOMEM},
        // Covered by em1's prefix, asked on em0: the route is not a gateway,
        // and the address is inside its prefix, so rtcheck lets it through.
        AddCase{"v4_other_iface_prefix", "em0", "198.51.100.7", 0},
        AddCase{"v4_own_address", "em0", "192.0.2.10", EPERM},
        AddCase{"v4_not_ethernet", "tun0", "10.9.9.7", EINVAL},
        AddCase{"no_interface", "none", "192.0.2.77", ENXIO},
        // IPv6: no covering route at all is accepted (in6_lltable_rtcheck).
        AddCase{"v6_no_route", "em1", "2001:db8:77::1", 0},
        AddCase{"v6_on_link", "em0", "2001:db8::77", 0},
        // A route through another interface needs an IPv6 address here.
        AddCase{"v6_other_iface_no_inet6", "em1", "2001:db8::77", ENOMEM},
        AddCase{"v6_own_address", "em0", "2001:db8::10", EPERM}),
    [](const auto& i) { return std::string(i.param.name); });

TEST(Lltable, DeleteUnknownIsEnoentOwnAddressEperm) {
  Lab l;
  auto r = l.fib.delete_neighbor(l.em0, A("192.0.2.20"));
  ASSERT_FALSE(r);
  EXPECT_EQ(Errno(r.error()), ENOENT);
  r = l.fib.delete_neighbor(l.em0, A("192.0.2.10"));
  ASSERT_FALSE(r);
  EXPECT_EQ(Errno(r.error()), EPERM);
  r = l.fib.delete_neighbor(99, A("192.0.2.20"));
  ASSERT_FALSE(r);
  EXPECT_EQ(Errno(r.error()), ENXIO);
}

TEST(Lltable, DeleteIsPerInterfaceAndFamily) {
  Lab l;
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x20)));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("2001:db8::20", 0x20)));
  ASSERT_TRUE(l.fib.add_neighbor(l.em1, N("198.51.100.20", 0x21)));
  // Asked on the wrong interface: its table has no such entry.
  auto wrong = l.fib.delete_neighbor(l.em1, A("192.0.2.20"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(Errno(wrong.error()), ENOENT);
  auto r = l.fib.delete_neighbor(l.em0, A("192.0.2.20"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->lladdr[5], 0x20);
  ASSERT_EQ(l.on(l.em0).size(), 1u);
  EXPECT_EQ(l.on(l.em0)[0].addr, A("2001:db8::20"));
  EXPECT_EQ(l.on(l.em1).size(), 1u);
}

TEST(Lltable, AddressRemovalFreesItsPrefixOnEveryInterface) {
  Lab l;
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x20)));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.21", 0x21, 1'700'000'100)));
  ASSERT_TRUE(l.fib.add_neighbor(l.em1, N("192.0.2.22", 0x22)));  // via em0's prefix
  ASSERT_TRUE(l.fib.add_neighbor(l.em1, N("198.51.100.20", 0x23)));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("2001:db8::20", 0x24)));
  ASSERT_TRUE(l.fib.delete_address(l.em0, A("192.0.2.10")));
  // lltable_prefix_free(LLE_STATIC): static and dynamic, all interfaces.
  ASSERT_EQ(l.on(l.em0).size(), 1u);
  EXPECT_EQ(l.on(l.em0)[0].addr, A("2001:db8::20"));
  ASSERT_EQ(l.on(l.em1).size(), 1u);
  EXPECT_EQ(l.on(l.em1)[0].addr, A("198.51.100.20"));
  ASSERT_TRUE(l.fib.delete_address(l.em0, A("2001:db8::10")));
  EXPECT_TRUE(l.on(l.em0).empty());
}

TEST(Lltable, AddressRemovalKeepsEntriesWhenTheSameInterfaceKeepsThePrefix) {
  Lab l;
  ASSERT_TRUE(l.fib.add_address(l.em0, {A("192.0.2.11"), 24, {}, {}}));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x20)));
  // The prefix moves to 192.0.2.11 on em0 (in_scrubprefixlle with all = 0).
  ASSERT_TRUE(l.fib.delete_address(l.em0, A("192.0.2.10")));
  EXPECT_EQ(l.on(l.em0).size(), 1u);
}

TEST(Lltable, AddressRemovalFreesWhenThePrefixMovesToAnotherInterface) {
  Lab l;
  ASSERT_TRUE(l.fib.add_address(l.em1, {A("192.0.2.12"), 24, {}, {}}));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x20)));
  ASSERT_TRUE(l.fib.delete_address(l.em0, A("192.0.2.10")));
  EXPECT_TRUE(l.on(l.em0).empty());
}

// IPv6 follows the interface's ND prefix, not the route: entries stay while
// another address of the prefix remains on the interface.
TEST(Lltable, Inet6AddressRemovalFollowsTheNdPrefix) {
  Lab l;
  ASSERT_TRUE(l.fib.add_address(l.em0, {A("2001:db8::11"), 64, {}, {}}));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("2001:db8::20", 0x20)));
  ASSERT_TRUE(l.fib.delete_address(l.em0, A("2001:db8::10")));
  EXPECT_EQ(l.on(l.em0).size(), 1u);
  ASSERT_TRUE(l.fib.delete_address(l.em0, A("2001:db8::11")));
  EXPECT_TRUE(l.on(l.em0).empty());
}

TEST(Lltable, DetachDropsTheInterfacesTables) {
  Lab l;
  ASSERT_TRUE(l.fib.add_neighbor(l.em1, N("198.51.100.20", 0x20)));
  ASSERT_TRUE(l.fib.add_neighbor(l.em0, N("192.0.2.20", 0x21)));
  ASSERT_TRUE(l.fib.detach(l.em1));
  EXPECT_EQ(l.fib.interface(l.em1), nullptr);
  EXPECT_EQ(l.on(l.em0).size(), 1u);
}

TEST(Lltable, OnlyFreeBsd8AndLaterSplit) {
  EXPECT_FALSE(semantics_for(Kernel::freebsd, 7).lltable);
  EXPECT_TRUE(semantics_for(Kernel::freebsd, 8).lltable);
  EXPECT_TRUE(semantics_for(Kernel::freebsd, 14).lltable);
  for (Kernel k : {Kernel::darwin, Kernel::dragonfly, Kernel::netbsd, Kernel::openbsd, Kernel::hpux})
    EXPECT_FALSE(semantics_for(k, 99).lltable);
}

}  // namespace
