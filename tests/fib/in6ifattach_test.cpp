// FreeBSD's automatic IPv6 addresses (fib_in6ifattach.cpp): in6_if_up gives
// an interface coming up its link-local address, the first loopback ::1;
// nd6 flags (SIOCSIFINFO_FLAGS) govern it. Facts:
// docs/research/freebsd-link-local.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <string>
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
  for (const char* k : {"netbsd", "openbsd", "darwin", "dragonfly"}) {
    Fib f(KernelConfig(k));
    auto em = f.attach(Ether("em0", {0x02, 0, 0, 0, 0, 3}));
    ASSERT_TRUE(em) << k;
    EXPECT_TRUE(Addrs(f, *em).empty()) << k;
    auto e = f.set_nd6(*em, nd6::auto_linklocal);
    ASSERT_FALSE(e) << k;
    EXPECT_EQ(e.error().code(), std::errc::operation_not_supported) << k;
  }
}

}  // namespace
