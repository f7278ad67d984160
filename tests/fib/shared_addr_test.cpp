// One address on several interfaces (FreeBSD in_aifaddr_ioctl and
// in6_update_ifa look for it on the configured interface only), the routes
// each holder gets per FIB, the IPv4 loopback route's hand-over
// (in_localip_more, ifa_switch_loopback_route) and FreeBSD 13+'s /32 and
// /128 address routes through the loopback. Expectations from FreeBSD's
// tests/sys/netinet/fibs_test.sh (same_ip_multiple_ifaces*) and in.c/in6.c.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

struct Lab {
  Fib fib;
  std::uint16_t lo = 0, tap0 = 0, tap1 = 0;
  std::vector<Change> log;

  explicit Lab(const char* kernel, std::uint32_t fibs = 3) : fib(config(kernel, fibs)) {
    IfSpec l;
    l.name = "lo0";
    l.type = ift::loop;
    l.flags = iff::up | iff::loopback | iff::running | iff::multicast;
    l.mtu = 16384;
    lo = fib.attach(l).value_or(0);
    EXPECT_TRUE(Ok(fib.add_address(lo, Ifa("127.0.0.1", 8))));
    tap0 = tap("tap0", 1);
    tap1 = tap("tap1", 2);
    fib.set_listener([this](const Change& c) { log.push_back(c); });
  }

  static Config config(const char* kernel, std::uint32_t fibs) {
    Config c = KernelConfig(kernel);
    c.fibs = fibs;
    c.semantics.auto_linklocal = false;  // in6ifattach_test.cpp
    c.semantics.multicast_groups = false;
    return c;
  }
  std::uint16_t tap(const char* name, std::uint8_t mac) {
    IfSpec s;
    s.name = name;
    s.type = ift::ether;
    s.flags = iff::up | iff::broadcast | iff::running | iff::multicast;
    s.mtu = 1500;
    s.lladdr = {0x02, 0, 0, 0, 0, mac};
    return fib.attach(s).value_or(0);
  }
  // The route of `p` in table `f`, if any.
  std::optional<RouteInfo> route(std::uint32_t f, const Prefix& p) const {
    std::optional<RouteInfo> out;
    fib.walk(f, p.addr.family, 0, [&](const RouteInfo& r) {
      if (r.prefix == p) out = r;
      return !out;
    });
    return out;
  }
};

TEST(SharedAddr, FreebsdAcceptsAnAddressAnotherFibHolds) {
  // fibs_test.sh same_ip_multiple_ifaces: 192.0.2.2/24 in FIB 1, /32 in FIB 2.
  Lab n("freebsd");
  ASSERT_TRUE(Ok(n.fib.set_interface_fib(n.tap0, 1)));
  ASSERT_TRUE(Ok(n.fib.set_interface_fib(n.tap1, 2)));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 24))));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap1, Ifa("192.0.2.2", 32))));
  const auto in1 = n.route(1, Host("192.0.2.2"));
  const auto in2 = n.route(2, Host("192.0.2.2"));
  ASSERT_TRUE(in1 && in2);
  EXPECT_EQ(in1->gateway.ifindex, n.tap0);
  EXPECT_EQ(in2->gateway.ifindex, n.tap1);
  // FreeBSD 13+ in_handle_ifaddr_route case 2: the /32 leaves by the loopback, no RTF_STATIC.
  EXPECT_EQ(in2->ifindex, n.lo);
  EXPECT_EQ(in2->flags & (rtf::host | rtf::static_ | rtf::pinned), rtf::host | rtf::pinned);

  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap1, A("192.0.2.2"))));
  EXPECT_FALSE(n.route(2, Host("192.0.2.2")));
  EXPECT_TRUE(n.route(1, Host("192.0.2.2")));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap1, Ifa("192.0.2.2", 32))));
  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap0, A("192.0.2.2"))));
  EXPECT_FALSE(n.route(1, Host("192.0.2.2")));
  EXPECT_FALSE(n.route(1, Net("192.0.2.0", 24)));
  EXPECT_TRUE(n.route(2, Host("192.0.2.2")));
}

TEST(SharedAddr, FreebsdInet6EachFibKeepsItsOwn) {
  // fibs_test.sh same_ip_multiple_ifaces_inet6: /64 in FIB 1, /128 in FIB 2.
  Lab n("freebsd");
  ASSERT_TRUE(Ok(n.fib.set_interface_fib(n.tap0, 1)));
  ASSERT_TRUE(Ok(n.fib.set_interface_fib(n.tap1, 2)));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("2001:db8::2", 64))));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap1, Ifa("2001:db8::2", 128))));
  const auto in2 = n.route(2, Host("2001:db8::2"));
  ASSERT_TRUE(in2);
  // in6_addifaddr: no prefix route for a /128; the loopback route (UHS lo0).
  EXPECT_EQ(in2->ifindex, n.lo);
  EXPECT_EQ(in2->gateway.ifindex, n.tap1);
  EXPECT_NE(in2->flags & rtf::static_, 0u);
  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap1, A("2001:db8::2"))));
  EXPECT_FALSE(n.route(2, Host("2001:db8::2")));
  EXPECT_TRUE(n.route(1, Host("2001:db8::2")));
}

TEST(SharedAddr, FreebsdLoopbackRouteSwitchesToTheNextHolderInPlace) {
  Lab n("freebsd");
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("198.51.100.2", 24))));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap1, Ifa("198.51.100.2", 24))));
  // in_localip_more: the second holder adds no loopback route; the prefix
  // is another address's (in_hasrtprefix).
  auto local = n.route(0, Host("198.51.100.2"));
  ASSERT_TRUE(local);
  EXPECT_EQ(local->gateway.ifindex, n.tap0);
  n.log.clear();
  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap0, A("198.51.100.2"))));
  local = n.route(0, Host("198.51.100.2"));
  ASSERT_TRUE(local);
  EXPECT_EQ(local->gateway.ifindex, n.tap1);
  EXPECT_EQ(local->ifindex, n.lo);
  const auto prefix = n.route(0, Net("198.51.100.0", 24));
  ASSERT_TRUE(prefix);
  EXPECT_EQ(prefix->ifindex, n.tap1);  // in_scrubprefix hands it over too
  // The loopback route changed in place: one change record, no delete of it.
  int changes = 0, local_deletes = 0;
  for (const Change& c : n.log) {
    if (c.kind == ChangeKind::route_change && c.new_route && c.new_route->prefix == local->prefix)
      ++changes;
    if (c.kind == ChangeKind::route_delete && c.old_route && c.old_route->prefix == local->prefix)
      ++local_deletes;
  }
  EXPECT_EQ(changes, 1);
  EXPECT_EQ(local_deletes, 0);
  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap1, A("198.51.100.2"))));
  EXPECT_FALSE(n.route(0, Host("198.51.100.2")));
  EXPECT_FALSE(n.route(0, Net("198.51.100.0", 24)));
}

TEST(SharedAddr, FreebsdSlash32OverAnotherHoldersLoopbackRouteIsEexist) {
  // in_addprefix: the /32's host route collides with the other holder's
  // pinned loopback route (rib_action EEXIST); nothing is left behind.
  Lab n("freebsd");
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 24))));
  EXPECT_TRUE(Errno(n.fib.add_address(n.tap1, Ifa("192.0.2.2", 32)), EEXIST));
  EXPECT_TRUE(n.fib.interface(n.tap1)->addrs.empty());
  EXPECT_EQ(n.route(0, Host("192.0.2.2"))->gateway.ifindex, n.tap0);
}

TEST(SharedAddr, SameInterfaceTwiceIsStillEexist) {
  Lab n("freebsd");
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 24))));
  EXPECT_TRUE(Errno(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 24)), EEXIST));
}

TEST(SharedAddr, Freebsd12Slash32StaysOnItsInterface) {
  // Before the FreeBSD 13 rework, in_addprefix's rtinit made the /32 a host
  // route through the interface itself.
  Lab n("freebsd12");
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 32))));
  const auto r = n.route(0, Host("192.0.2.2"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ifindex, n.tap0);
}

// The other radix kernels: NetBSD, DragonFly and xnu look for no duplicate
// (in_control, in_ifinit: the second holder's rtinit finds the prefix route
// and gets none); HP-UX is closed, so rtsock keeps EEXIST there; OpenBSD's
// rtable_insert refuses the identical connected route (in_insert_prefix) and
// in_ifinit purges the address: EEXIST. When the
// first holder goes, in_scrubprefix hands the prefix route over (NetBSD,
// DragonFly: to an address on an interface that is up); xnu's in_ifscrub
// only deletes it. xnu and DragonFly say nothing about the second holder
// (rt_newaddrmsg comes from rtinit); NetBSD's in_addprefix announces it.
struct ElsewhereCase {
  const char* kernel;
  bool accepted;
  bool announced;   // RTM_NEWADDR for the second holder
  bool handed_over; // the prefix moves to tap1 when tap0's address goes
};

class SharedAddrElsewhere : public ::testing::TestWithParam<ElsewhereCase> {};

TEST_P(SharedAddrElsewhere, SecondHolderPerKernel) {
  const auto& c = GetParam();
  Lab n(c.kernel, 1);
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 24))));
  n.log.clear();
  const auto second = n.fib.add_address(n.tap1, Ifa("192.0.2.2", 24));
  if (!c.accepted) {
    EXPECT_TRUE(Errno(second, EEXIST));
    return;
  }
  ASSERT_TRUE(Ok(second));
  const bool newaddr = std::any_of(n.log.begin(), n.log.end(),
                                   [](const Change& x) { return x.kind == ChangeKind::addr_add; });
  EXPECT_EQ(newaddr, c.announced);
  EXPECT_FALSE(std::any_of(n.log.begin(), n.log.end(),
                           [](const Change& x) { return x.kind == ChangeKind::route_add; }));
  const auto before = n.route(0, Net("192.0.2.0", 24));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->ifindex, n.tap0);
  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap0, A("192.0.2.2"))));
  const auto after = n.route(0, Net("192.0.2.0", 24));
  EXPECT_EQ(after.has_value(), c.handed_over);
  if (after) {
    EXPECT_EQ(after->ifindex, n.tap1);
  }
}

// in_scrubprefix's heir on another interface that is down: DragonFly skips
// it (IFF_UP), FreeBSD's fib loop asks for it; NetBSD's in_scrubprefix and
// in6_ifremprefix ask nothing of the heir's interface.
TEST_P(SharedAddrElsewhere, HeirInterfaceDown) {
  const auto& c = GetParam();
  Lab n(c.kernel, 1);
  ASSERT_TRUE(Ok(n.fib.set_flags(n.tap1, iff::broadcast | iff::running | iff::multicast)));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("192.0.2.2", 24))));
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap1, Ifa("192.0.2.3", 24))));
  ASSERT_TRUE(Ok(n.fib.delete_address(n.tap0, A("192.0.2.2"))));
  const auto after = n.route(0, Net("192.0.2.0", 24));
  // OpenBSD: no hand-over, tap1 has a connected route of its own (fib_ifa.cpp).
  const bool stays = std::string(c.kernel) == "netbsd" || std::string(c.kernel) == "openbsd";
  EXPECT_EQ(after.has_value(), stays);
  if (after) {
    EXPECT_EQ(after->ifindex, n.tap1);
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, SharedAddrElsewhere,
                         ::testing::Values(ElsewhereCase{"darwin", true, false, false},
                                           ElsewhereCase{"netbsd", true, true, true},
                                           ElsewhereCase{"dragonfly", true, false, true},
                                           ElsewhereCase{"hpux", false, false, false},
                                           ElsewhereCase{"openbsd", false, false, false}),
                         [](const auto& i) { return std::string(i.param.kernel); });

}  // namespace

namespace {

// OpenBSD in6_ioctl_change_ifaddr: the second holder's connected route is
// the first's (same priority, the address as gateway): rt_ifa_add's EEXIST,
// then in6_purgeaddr. A /128 has no connected route and is kept.
TEST(SharedAddr, OpenbsdInet6SecondHolderEexistUnlessSlash128) {
  Lab n("openbsd", 1);
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap0, Ifa("2001:db8:9::2", 64))));
  n.log.clear();
  EXPECT_TRUE(Errno(n.fib.add_address(n.tap1, Ifa("2001:db8:9::2", 64)), EEXIST));
  for (const IfAddress& a : n.fib.interface(n.tap1)->addrs) EXPECT_NE(a.addr, A("2001:db8:9::2"));
  // (tap1's link-local address, in6_ifattach's, is announced.)
  EXPECT_FALSE(std::any_of(n.log.begin(), n.log.end(), [](const Change& x) {
    return x.kind == ChangeKind::addr_add && x.address->addr == A("2001:db8:9::2");
  }));
  const auto r = n.route(0, Net("2001:db8:9::", 64));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ifindex, n.tap0);
  ASSERT_TRUE(Ok(n.fib.add_address(n.tap1, Ifa("2001:db8:9::2", 128))));
}

}  // namespace
