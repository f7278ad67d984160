// The KAME kernels' automatic IPv6 addresses (fib_in6ifattach.cpp): in6_if_up
// gives an interface coming up its link-local address, a loopback ::1; nd6
// flags (SIOCSIFINFO_FLAGS) govern it on FreeBSD and NetBSD. Facts:
// docs/research/freebsd-link-local.md, docs/research/kame-link-local.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

constexpr std::uint32_t kUpMulti = iff::up | iff::running | iff::multicast;

IfSpec Spec(const char* name, std::uint8_t type, std::uint32_t flags,
            std::vector<std::uint8_t> mac = {}) {
  IfSpec s;
  s.name = name;
  s.type = type;
  s.flags = flags;
  s.mtu = 1500;
  s.lladdr = std::move(mac);
  return s;
}

IfSpec Lo(const char* name = "lo0") { return Spec(name, ift::loop, kUpMulti | iff::loopback); }
IfSpec Ether(const char* name, std::vector<std::uint8_t> mac, bool up = true) {
  return Spec(name, ift::ether, (up ? kUpMulti : iff::multicast) | iff::broadcast, std::move(mac));
}

// The interface's addresses as text, zone dropped (bytes 2-3 of fe80::).
std::vector<std::string> Addrs(const Fib& f, std::uint16_t index) {
  std::vector<std::string> out;
  const Interface* ifp = f.interface(index);
  if (ifp == nullptr) return out;
  for (const auto& a : ifp->addrs) {
    Addr x = a.addr;
    if (x.family == Family::inet6 && x.bytes[0] == 0xfe) x.bytes[2] = x.bytes[3] = 0;
    out.push_back(x.str() + "/" + std::to_string(a.plen));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(In6Ifattach, EthernetUpGetsModifiedEui64) {
  Fib f(KernelConfig("freebsd"));
  auto em = f.attach(Ether("em0", {0x00, 0x0c, 0x29, 0x66, 0x2c, 0xdc}));
  ASSERT_TRUE(em);
  EXPECT_EQ(Addrs(f, *em), (V{"fe80::20c:29ff:fe66:2cdc/64"}));
  // The prefix route on em0 and the address's own route (UHS, lo0 absent:
  // through em0).
  auto r = f.lookup(0, Zoned("fe80::99", *em));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ifindex, *em);
  EXPECT_EQ(r->prefix.plen, 64);
  EXPECT_EQ(f.interface(*em)->nd6, nd6::performnud | nd6::auto_linklocal);
}

TEST(In6Ifattach, LoopbackGetsLoopbackAddressOnceAndFe80One) {
  Fib f(KernelConfig("freebsd"));
  auto lo = f.attach(Lo());
  ASSERT_TRUE(lo);
  EXPECT_EQ(Addrs(f, *lo), (V{"::1/128", "fe80::1/64"}));
  auto lo1 = f.attach(Lo("lo1"));
  ASSERT_TRUE(lo1);
  EXPECT_EQ(Addrs(f, *lo1), (V{"fe80::1/64"}));  // ::1 is lo0's already
  // ::1 is a local route (UHS); fe80::1 one too, beside fe80::%lo0/64.
  auto one = f.lookup(0, A("::1"));
  ASSERT_TRUE(one);
  EXPECT_TRUE(one->prefix.host);
  EXPECT_NE(one->flags & rtf::static_, 0u);
  auto ll = f.lookup(0, Zoned("fe80::1", *lo));
  ASSERT_TRUE(ll);
  EXPECT_TRUE(ll->prefix.host);
  auto net = f.lookup(0, Zoned("fe80::2", *lo));
  ASSERT_TRUE(net);
  EXPECT_EQ(net->prefix.plen, 64);
}

TEST(In6Ifattach, DownInterfaceWaitsForUp) {
  Fib f(KernelConfig("freebsd"));
  ASSERT_TRUE(f.attach(Lo()));  // for the address's local route
  auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 0x05}, false));
  ASSERT_TRUE(em);
  EXPECT_TRUE(Addrs(f, *em).empty());
  std::vector<ChangeKind> kinds;
  f.set_listener([&](const Change& c) { kinds.push_back(c.kind); });
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up)));
  EXPECT_EQ(Addrs(f, *em), (V{"fe80::ff:fe00:5/64"}));
  // if_up: RTM_IFINFO first, then in6_if_up's address: its ND entry, its
  // groups (solicited-node, ff02::1, ff01::1), the address and its host
  // route (in6_newaddrmsg), the prefix route.
  EXPECT_EQ(kinds, (std::vector<ChangeKind>{ChangeKind::if_change, ChangeKind::addr_lle,
                                            ChangeKind::maddr_add, ChangeKind::maddr_add,
                                            ChangeKind::maddr_add, ChangeKind::addr_add,
                                            ChangeKind::route_add, ChangeKind::route_add}));
  // Down and up again: the address stays, no second one.
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags & ~iff::up)));
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up)));
  EXPECT_EQ(Addrs(f, *em), (V{"fe80::ff:fe00:5/64"}));
}

TEST(In6Ifattach, NoMacBorrowsAUniversalOneElseMd5OfTheHostname) {
  Fib f(KernelConfig("freebsd"));
  // em0's MAC is locally administered: not globally unique, not borrowed.
  ASSERT_TRUE(f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 0x01})));
  auto tun = f.attach(Spec("tun0", ift::ppp, kUpMulti | iff::pointopoint));
  ASSERT_TRUE(tun);
  EXPECT_EQ(Addrs(f, *tun), (V{"fe80::d41d:8cd9:8f00:b204/64"}));
  // A universal MAC elsewhere is borrowed (u bit set in the identifier).
  ASSERT_TRUE(f.attach(Ether("em1", {0x00, 0x0c, 0x29, 0x01, 0x02, 0x03})));
  auto gif = f.attach(Spec("gif0", ift::gif, kUpMulti | iff::pointopoint));
  ASSERT_TRUE(gif);
  EXPECT_EQ(Addrs(f, *gif), (V{"fe80::20c:29ff:fe01:203/64"}));
}

TEST(In6Ifattach, InterfacesThatGetNone) {
  Fib f(KernelConfig("freebsd"));
  auto nomc = f.attach(Spec("em0", ift::ether, iff::up | iff::running, {0x02, 0, 0, 0, 0, 1}));
  auto pflog = f.attach(Spec("pflog0", ift::pflog, kUpMulti));
  auto stf = f.attach(Spec("stf0", ift::stf, kUpMulti));
  auto bridge = f.attach(Spec("bridge0", ift::bridge, kUpMulti, {0x02, 0, 0, 0, 0, 9}));
  ASSERT_TRUE(nomc && pflog && stf && bridge);
  EXPECT_TRUE(Addrs(f, *nomc).empty());  // not multicast capable
  EXPECT_TRUE(Addrs(f, *pflog).empty());
  EXPECT_TRUE(Addrs(f, *stf).empty());  // 6to4: no link-local, no DAD
  EXPECT_EQ(f.interface(*stf)->nd6 & (nd6::auto_linklocal | nd6::no_dad), nd6::no_dad);
  EXPECT_TRUE(Addrs(f, *bridge).empty());  // its members have theirs
  // auto_linklocal set on the bridge: in6_ifattach at once.
  ASSERT_TRUE(Ok(f.set_nd6(*bridge, f.interface(*bridge)->nd6 | nd6::auto_linklocal)));
  EXPECT_EQ(Addrs(f, *bridge), (V{"fe80::ff:fe00:9/64"}));
}

TEST(In6Ifattach, Nd6FlagsGovernIt) {
  Fib f(KernelConfig("freebsd"));
  auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 7}, false));
  ASSERT_TRUE(em);
  // -auto_linklocal, then up: nothing.
  ASSERT_TRUE(Ok(f.set_nd6(*em, nd6::performnud)));
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up)));
  EXPECT_TRUE(Addrs(f, *em).empty());
  // ifdisabled with auto_linklocal: still nothing; clearing ifdisabled on
  // an interface that is up runs in6_if_up.
  ASSERT_TRUE(Ok(f.set_nd6(*em, nd6::performnud | nd6::ifdisabled)));
  ASSERT_TRUE(Ok(f.set_nd6(*em, nd6::performnud | nd6::ifdisabled | nd6::auto_linklocal)));
  EXPECT_TRUE(Addrs(f, *em).empty());
  ASSERT_TRUE(Ok(f.set_nd6(*em, nd6::performnud | nd6::auto_linklocal)));
  EXPECT_EQ(Addrs(f, *em), (V{"fe80::ff:fe00:7/64"}));
  EXPECT_FALSE(f.set_nd6(99, 0));
}

TEST(In6Ifattach, AnInet6AddressClearsIfdisabled) {
  Fib f(KernelConfig("freebsd"));
  auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 8}, false));
  ASSERT_TRUE(em);
  ASSERT_TRUE(Ok(f.set_nd6(*em, nd6::performnud | nd6::auto_linklocal | nd6::ifdisabled)));
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up)));
  EXPECT_TRUE(Addrs(f, *em).empty());
  IfAddress a;
  a.addr = A("2001:db8::8");
  a.plen = 64;
  ASSERT_TRUE(Ok(f.add_address(*em, a)));
  EXPECT_EQ(f.interface(*em)->nd6 & nd6::ifdisabled, 0u);
  EXPECT_EQ(Addrs(f, *em), (V{"2001:db8::8/64", "fe80::ff:fe00:8/64"}));
  // The same address again updates it (in6_update_ifa); another length: EINVAL.
  EXPECT_TRUE(Ok(f.add_address(*em, a)));
  a.plen = 48;
  auto again = f.add_address(*em, a);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), std::errc::invalid_argument);
}

TEST(In6Ifattach, RouteThroughALinkLocalGateway) {
  Fib f(KernelConfig("freebsd"));
  auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 3}));
  ASSERT_TRUE(em);
  RouteRequest q;
  q.dst = A("2001:db8:9::");
  q.plen = 64;
  q.gateway = Gateway::address(Zoned("fe80::1", *em));
  q.flags = rtf::gateway | rtf::static_;
  auto r = f.add(q);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->ifindex, *em);
}

TEST(In6Ifattach, OtherKernelsAddNone) {
  for (const char* k : {"openbsd", "darwin"}) {
    Fib f(KernelConfig(k));
    auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 3}));
    ASSERT_TRUE(em) << k;
    EXPECT_TRUE(Addrs(f, *em).empty()) << k;
    auto e = f.set_nd6(*em, nd6::auto_linklocal);
    ASSERT_FALSE(e) << k;
    EXPECT_EQ(e.error().code(), std::errc::operation_not_supported) << k;
  }
}

// ---- NetBSD and DragonFly (docs/research/kame-link-local.md) ----

const char* const kKame[] = {"freebsd", "netbsd", "dragonfly"};

TEST(In6Ifattach, Kame_LoopbackAndEthernetComingUp) {
  for (const char* k : kKame) {
    Fib f(KernelConfig(k));
    auto lo = f.attach(Lo());
    auto em = f.attach(Ether("em0", {0x00, 0x0c, 0x29, 0x66, 0x2c, 0xdc}, false));
    ASSERT_TRUE(lo && em) << k;
    EXPECT_EQ(Addrs(f, *lo), (V{"::1/128", "fe80::1/64"})) << k;
    EXPECT_TRUE(Addrs(f, *em).empty()) << k;
    ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up))) << k;
    EXPECT_EQ(Addrs(f, *em), (V{"fe80::20c:29ff:fe66:2cdc/64"})) << k;
    // The ::1 the boot configuration adds again is an update, not EEXIST;
    // another prefix length is EINVAL (in6_update_ifa), except on NetBSD 8+
    // (in6_update_ifa1 refuses it for an autoconfigured address only).
    EXPECT_TRUE(Ok(f.add_address(*lo, IfAddress{A("::1"), 128, {}, {}}))) << k;
    auto again = f.add_address(*lo, IfAddress{A("::1"), 64, {}, {}});
    if (std::string_view(k) == "netbsd") {
      EXPECT_TRUE(Ok(again)) << k;
      continue;
    }
    ASSERT_FALSE(again) << k;
    EXPECT_EQ(again.error().code(), std::errc::invalid_argument) << k;
  }
}

struct NoneCase {
  const char* kernel;
  const char* name;
  std::uint8_t type;
  std::uint32_t mtu;
  bool gets_one;
  std::uint32_t nd6_after;  // the flags in6_ifattach leaves
};

TEST(In6Ifattach, Kame_WhichInterfacesGetOne) {
  constexpr std::uint32_t kAuto = nd6::performnud | nd6::auto_linklocal;
  const NoneCase cases[] = {
      // FreeBSD: the bridge's nd6 flags start without auto_linklocal.
      {"freebsd", "bridge0", ift::bridge, 1500, false, nd6::performnud},
      // NetBSD: in6_ifattach marks it ifdisabled, -auto_linklocal.
      {"netbsd", "bridge0", ift::bridge, 1500, false, nd6::performnud | nd6::ifdisabled},
      {"dragonfly", "bridge0", ift::bridge, 1500, false, 0},  // no nd6 flags kept
      {"freebsd", "pflog0", ift::pflog, 1500, false, kAuto},
      {"netbsd", "pflog0", ift::pflog, 1500, false, nd6::performnud | nd6::ifdisabled},
      {"dragonfly", "pfsync0", ift::pfsync, 1500, false, 0},
      {"netbsd", "pfsync0", ift::pfsync, 1500, false, nd6::performnud | nd6::ifdisabled},
      {"freebsd", "carp0", ift::carp, 1500, false, kAuto},
      {"netbsd", "carp0", ift::carp, 1500, false, kAuto},
      {"dragonfly", "carp0", ift::carp, 1500, false, 0},
      // 6to4: FreeBSD clears auto_linklocal and sets no_dad, NetBSD only
      // clears auto_linklocal, DragonFly keeps no flags.
      {"freebsd", "stf0", ift::stf, 1280, false, nd6::performnud | nd6::no_dad},
      {"netbsd", "stf0", ift::stf, 1280, false, nd6::performnud},
      {"dragonfly", "stf0", ift::stf, 1280, false, 0},
      // NetBSD: no IPv6 below IPV6_MMTU; the others do not look.
      {"netbsd", "gif0", ift::gif, 1279, false, kAuto},
      {"netbsd", "gif1", ift::gif, 1280, true, kAuto},
      {"freebsd", "gif0", ift::gif, 1000, true, kAuto},
      {"dragonfly", "gif0", ift::gif, 1000, true, 0},
  };
  for (const auto& c : cases) {
    Fib f(KernelConfig(c.kernel));
    IfSpec sp = Spec(c.name, c.type, kUpMulti, {0x02, 0, 0, 0, 0, 9});
    sp.mtu = c.mtu;
    auto i = f.attach(sp);
    ASSERT_TRUE(i) << c.kernel << " " << c.name;
    EXPECT_EQ(!Addrs(f, *i).empty(), c.gets_one) << c.kernel << " " << c.name;
    EXPECT_EQ(f.interface(*i)->nd6, c.nd6_after) << c.kernel << " " << c.name;
  }
}

TEST(In6Ifattach, Kame_HardwareIdentifierTypes) {
  // FreeBSD's in6_get_hw_ifid reads a bridge's and an L2VLAN's MAC; NetBSD
  // and DragonFly read Ethernet only, so a vlan borrows a universal MAC
  // (or, without one, takes MD5 of the hostname).
  struct Case {
    const char* kernel;
    const char* want;
  };
  for (const auto& c :
       {Case{"freebsd", "fe80::ff:fe00:7/64"}, Case{"netbsd", "fe80::d41d:8cd9:8f00:b204/64"},
        Case{"dragonfly", "fe80::d41d:8cd9:8f00:b204/64"}}) {
    Fib f(KernelConfig(c.kernel));
    auto vl = f.attach(Spec("vlan0", 0x87, kUpMulti | iff::broadcast, {0x02, 0, 0, 0, 0, 7}));
    ASSERT_TRUE(vl) << c.kernel;
    EXPECT_EQ(Addrs(f, *vl), (V{c.want})) << c.kernel;
  }
  for (const char* k : {"netbsd", "dragonfly"}) {
    Fib f(KernelConfig(k));
    ASSERT_TRUE(f.attach(Ether("em0", {0x00, 0x0c, 0x29, 0x01, 0x02, 0x03})));
    auto vl = f.attach(Spec("vlan0", 0x87, kUpMulti | iff::broadcast, {0x02, 0, 0, 0, 0, 7}));
    ASSERT_TRUE(vl) << k;
    EXPECT_EQ(Addrs(f, *vl), (V{"fe80::20c:29ff:fe01:203/64"})) << k;
  }
}

TEST(In6Ifattach, Kame_Nd6Flags) {
  // NetBSD's nd6_ioctl acts as FreeBSD's: -auto_linklocal keeps an
  // interface coming up without one, auto_linklocal adds it at once.
  Fib n(KernelConfig("netbsd"));
  auto em = n.attach(Ether("em0", {0x02, 0, 0, 0, 0, 7}, false));
  ASSERT_TRUE(em);
  EXPECT_EQ(n.interface(*em)->nd6, nd6::performnud | nd6::auto_linklocal);
  ASSERT_TRUE(Ok(n.set_nd6(*em, nd6::performnud)));
  ASSERT_TRUE(Ok(n.set_flags(*em, n.interface(*em)->flags | iff::up)));
  EXPECT_TRUE(Addrs(n, *em).empty());
  ASSERT_TRUE(Ok(n.set_nd6(*em, nd6::performnud | nd6::auto_linklocal)));
  EXPECT_EQ(Addrs(n, *em), (V{"fe80::ff:fe00:7/64"}));
  // Deleted, then the flags set again with auto_linklocal kept: in6_ifattach
  // (the interface is up, not disabled, has no link-local address).
  ASSERT_TRUE(Ok(n.delete_address(*em, Zoned("fe80::ff:fe00:7", *em))));
  EXPECT_TRUE(Addrs(n, *em).empty());
  ASSERT_TRUE(Ok(n.set_nd6(*em, nd6::performnud | nd6::auto_linklocal)));
  EXPECT_EQ(Addrs(n, *em), (V{"fe80::ff:fe00:7/64"}));
  // NetBSD's SIOCAIFADDR_IN6 leaves ifdisabled alone (FreeBSD clears it).
  auto em1 = n.attach(Ether("em1", {0x02, 0, 0, 0, 0, 8}, false));
  ASSERT_TRUE(em1);
  ASSERT_TRUE(Ok(n.set_nd6(*em1, nd6::performnud | nd6::auto_linklocal | nd6::ifdisabled)));
  ASSERT_TRUE(Ok(n.set_flags(*em1, n.interface(*em1)->flags | iff::up)));
  ASSERT_TRUE(Ok(n.add_address(*em1, IfAddress{A("2001:db8::8"), 64, {}, {}})));
  EXPECT_NE(n.interface(*em1)->nd6 & nd6::ifdisabled, 0u);
  EXPECT_EQ(Addrs(n, *em1), (V{"2001:db8::8/64"}));
  // DragonFly: only the global ip6_auto_linklocal; no per-interface flags.
  Fib d(KernelConfig("dragonfly"));
  auto dem = d.attach(Ether("em0", {0x02, 0, 0, 0, 0, 7}));
  ASSERT_TRUE(dem);
  EXPECT_EQ(d.interface(*dem)->nd6, 0u);
  auto e = d.set_nd6(*dem, nd6::auto_linklocal);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), std::errc::operation_not_supported);
}

TEST(In6Ifattach, Netbsd_MessagesAndRoutes) {
  Fib f(KernelConfig("netbsd"));
  auto lo = f.attach(Lo());
  auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 5}, false));
  ASSERT_TRUE(lo && em);
  // lo0: ::1 is a plain host route; fe80::1 its local route (UHl) and
  // fe80::%lo0/64 through the address (rtinit's gateway), flags U.
  auto one = f.lookup(0, A("::1"));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->flags & (rtf::local | rtf::connected), 0u);
  auto ll = f.lookup(0, Zoned("fe80::1", *lo));
  ASSERT_TRUE(ll);
  EXPECT_TRUE(ll->prefix.host);
  EXPECT_NE(ll->flags & rtf::local, 0u);
  auto lonet = f.lookup(0, Zoned("fe80::2", *lo));
  ASSERT_TRUE(lonet);
  EXPECT_EQ(lonet->prefix.plen, 64);
  EXPECT_TRUE(lonet->gateway.is_addr());
  EXPECT_EQ(lonet->gateway.addr, Zoned("fe80::1", *lo));
  EXPECT_EQ(lonet->flags & (rtf::connected | rtf::gateway | rtf::host), 0u);
  // if_up: RTM_IFINFO, then in6_ifinit's RTM_NEWADDR, the local route
  // (in6_ifaddlocal), the prefix route (in6_ifaddprefix, RTF_CONNECTED),
  // then in6_join_mcastgroups' silent ff02::%em0/32 and ff01::%em0/32
  // (RTF_CONNECTED, gateway link#N once nd6_rtrequest has seen them).
  std::vector<Change> seen;
  f.set_listener([&](const Change& c) { seen.push_back(c); });
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up)));
  ASSERT_EQ(seen.size(), 6u);
  for (std::size_t i : {4u, 5u}) {
    ASSERT_EQ(seen[i].kind, ChangeKind::route_add);
    EXPECT_EQ(seen[i].cause, Cause::unreported);
    EXPECT_EQ(seen[i].new_route->prefix.plen, 32);
    EXPECT_EQ(seen[i].new_route->prefix.addr.bytes[0], 0xff);
    EXPECT_EQ(seen[i].new_route->prefix.addr.bytes[1], i == 4 ? 0x02 : 0x01);
    EXPECT_EQ(seen[i].new_route->flags & (rtf::connected | rtf::cloning), rtf::connected);
    EXPECT_TRUE(seen[i].new_route->gateway.is_link());
  }
  EXPECT_EQ(seen[0].kind, ChangeKind::if_change);
  EXPECT_EQ(seen[1].kind, ChangeKind::addr_add);
  ASSERT_EQ(seen[2].kind, ChangeKind::route_add);
  EXPECT_TRUE(seen[2].new_route->prefix.host);
  EXPECT_NE(seen[2].new_route->flags & rtf::local, 0u);
  ASSERT_EQ(seen[3].kind, ChangeKind::route_add);
  EXPECT_EQ(seen[3].new_route->prefix.plen, 64);
  EXPECT_NE(seen[3].new_route->flags & rtf::connected, 0u);
  // in6_purgeaddr: the prefix route, then the local route, then RTM_DELADDR;
  // the multicast routes stay until the interface goes (in6.c 1.251).
  seen.clear();
  ASSERT_TRUE(Ok(f.delete_address(*em, Zoned("fe80::ff:fe00:5", *em))));
  ASSERT_EQ(seen.size(), 3u);
  ASSERT_EQ(seen[0].kind, ChangeKind::route_delete);
  EXPECT_EQ(seen[0].old_route->prefix.plen, 64);
  ASSERT_EQ(seen[1].kind, ChangeKind::route_delete);
  EXPECT_TRUE(seen[1].old_route->prefix.host);
  EXPECT_EQ(seen[2].kind, ChangeKind::addr_delete);
  // lo0's fe80::1 goes with both its routes.
  ASSERT_TRUE(Ok(f.delete_address(*lo, Zoned("fe80::1", *lo))));
  EXPECT_FALSE(f.lookup(0, Zoned("fe80::2", *lo)));
}

TEST(In6Ifattach, Dragonfly_ComingUpMessages) {
  Fib f(KernelConfig("dragonfly"));
  ASSERT_TRUE(f.attach(Lo()));
  auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 5}, false));
  ASSERT_TRUE(em);
  std::vector<ChangeKind> kinds;
  f.set_listener([&](const Change& c) { kinds.push_back(c.kind); });
  ASSERT_TRUE(Ok(f.set_flags(*em, f.interface(*em)->flags | iff::up)));
  EXPECT_EQ(Addrs(f, *em), (V{"fe80::ff:fe00:5/64"}));
  // if_up's RTM_IFINFO, then the address's messages, among them the
  // solicited-node group and ff02::1 (joined once per interface): the
  // loopback route, the silent ff02::%em0/32, the prefix route last.
  ASSERT_GE(kinds.size(), 3u);
  EXPECT_EQ(kinds[0], ChangeKind::if_change);
  EXPECT_EQ(kinds[1], ChangeKind::addr_add);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), ChangeKind::maddr_add), 2);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), ChangeKind::route_add), 3);
  EXPECT_EQ(kinds.back(), ChangeKind::route_add);
}

}  // namespace
