// OpenBSD's route model in the forwarding database (semantics "openbsd"):
// the routes an address brings (rt_ifa_add, rt_ifa_addlocal), priorities,
// the RTF_MPATH life cycle of rtable_insert/rtable_delete, RTM_CHANGE of a
// multipath route, rt_if_track on a down interface, the next-hop cache
// (rt_setgwroute: RTF_CACHED, a cloned RTF_LLINFO host route) and the ART
// walk order. Expected values are the OpenBSD kernel's, as its
// regress/sbin/route .ok files show them (the rttest named per test).
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

Config OpenbsdConfig() {
  Config c;
  auto s = semantics_for("openbsd");
  EXPECT_TRUE(s.has_value());
  if (s) c.semantics = *s;
  return c;
}

const std::vector<std::uint8_t> kMac = {0xfe, 0xe1, 0xba, 0xd4, 0xc8, 0x1d};

// rtable 0 with lo0 and em0 (no addresses yet).
struct Obsd {
  Fib fib{OpenbsdConfig()};
  std::vector<Change> log;
  std::uint16_t lo = 0, em = 0;

  Obsd() {
    fib.set_listener([this](const Change& c) { log.push_back(c); });
    IfSpec l;
    l.name = "lo0";
    l.type = ift::loop;
    l.flags = iff::up | iff::loopback | iff::running | iff::multicast;
    l.mtu = 32768;
    lo = fib.attach(l).value_or(0);
    IfSpec e;
    e.name = "em0";
    e.type = ift::ether;
    e.flags = iff::up | iff::broadcast | iff::running | iff::simplex | iff::multicast;
    e.lladdr = kMac;
    em = fib.attach(e).value_or(0);
    EXPECT_NE(lo, 0);
    EXPECT_NE(em, 0);
  }

  bool Addr4(std::uint16_t ifindex, const char* a, int plen) {
    IfAddress x;
    x.addr = A(a);
    x.plen = static_cast<std::uint8_t>(plen);
    return fib.add_address(ifindex, x).has_value();
  }

  // route add [-mpath] [-priority prio] dst/plen gw
  Result<RouteInfo> Add(const char* dst, int plen, const char* gw, std::uint8_t prio = 0,
                        bool mpath = false) {
    RouteRequest r;
    r.dst = A(dst);
    r.plen = plen;
    r.gateway = Gateway::address(A(gw));
    r.flags = rtf::up | rtf::gateway | rtf::static_ | (mpath ? rtf::mpath : 0);
    r.priority = prio;
    return fib.add(r);
  }

  // Every path of one prefix, in table order.
  std::vector<RouteInfo> Paths(const char* dst, int plen) const {
    std::vector<RouteInfo> v;
    const Prefix want = Net(dst, plen);
    const Family fam = want.addr.family;
    fib.walk(0, fam, 0, [&](const RouteInfo& r) {
      if (r.prefix == want) v.push_back(r);
      return true;
    });
    return v;
  }
  std::vector<RouteInfo> HostPaths(const char* dst) const {
    std::vector<RouteInfo> v;
    const Prefix want = Host(dst);
    fib.walk(0, want.addr.family, 0, [&](const RouteInfo& r) {
      if (r.prefix == want) v.push_back(r);
      return true;
    });
    return v;
  }
};

// ---- the routes an address brings ----

// rttest1 (.BEGIN): "192.0.2.1 192.0.2.1 UHl ... 32768 1 lo10001".
TEST(OpenbsdFib, LoopbackAddress_LocalRouteThroughItself) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.1", 32));
  auto v = o.HostPaths("192.0.2.1");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(GatewayIs(v[0].gateway, "192.0.2.1"));
  EXPECT_TRUE(HasFlags(v[0].flags, rtf::up | rtf::host | rtf::local));
  EXPECT_EQ(v[0].flags & (rtf::llinfo | rtf::gateway), 0u);
  EXPECT_EQ(v[0].priority, rtp::local);
  EXPECT_EQ(v[0].rmx.mtu, 32768u);  // LOMTU
  EXPECT_EQ(v[0].ifindex, o.lo);
}

// rttest33: connected route via the address (UCn, 4), local route with the
// lladdr (UHLl, 1), broadcast route (UHb, 1); no MTU on any of them.
TEST(OpenbsdFib, EthernetAddress_ConnectedLocalAndBroadcast) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.em, "192.168.178.52", 24));
  auto net = o.Paths("192.168.178.0", 24);
  ASSERT_EQ(net.size(), 1u);
  EXPECT_TRUE(GatewayIs(net[0].gateway, "192.168.178.52"));
  EXPECT_TRUE(HasFlags(net[0].flags, rtf::up | rtf::cloning | rtf::connected));
  EXPECT_EQ(net[0].flags & (rtf::host | rtf::gateway | rtf::mpath), 0u);
  EXPECT_EQ(net[0].priority, rtp::connected);
  EXPECT_EQ(net[0].rmx.mtu, 0u);

  auto local = o.HostPaths("192.168.178.52");
  ASSERT_EQ(local.size(), 1u);
  EXPECT_TRUE(local[0].gateway.is_link());
  ASSERT_EQ(local[0].gateway.lladdr_len, 6);
  EXPECT_EQ(local[0].gateway.lladdr[0], 0xfe);
  EXPECT_TRUE(HasFlags(local[0].flags, rtf::up | rtf::host | rtf::llinfo | rtf::local));
  EXPECT_EQ(local[0].priority, rtp::local);
  EXPECT_EQ(local[0].ifindex, o.em);

  auto brd = o.HostPaths("192.168.178.255");
  ASSERT_EQ(brd.size(), 1u);
  EXPECT_TRUE(GatewayIs(brd[0].gateway, "192.168.178.52"));
  EXPECT_TRUE(HasFlags(brd[0].flags, rtf::up | rtf::host | rtf::broadcast));
  EXPECT_EQ(brd[0].priority, rtp::local);
}

// rttest30: a second address of the same subnet brings its own connected
// and broadcast routes; the prefix's paths share priority, so both get P.
TEST(OpenbsdFib, SecondAddressSameSubnet_OwnRoutesMarkedMultipath) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.em, "10.1.254.56", 14));
  ASSERT_TRUE(o.Addr4(o.em, "10.1.255.1", 14));
  auto net = o.Paths("10.0.0.0", 14);
  ASSERT_EQ(net.size(), 2u);
  EXPECT_TRUE(GatewayIs(net[0].gateway, "10.1.254.56"));
  EXPECT_TRUE(GatewayIs(net[1].gateway, "10.1.255.1"));
  for (const auto& r : net) EXPECT_TRUE(HasFlags(r.flags, rtf::mpath | rtf::connected));
  EXPECT_EQ(o.HostPaths("10.3.255.255").size(), 2u);
  EXPECT_EQ(o.HostPaths("10.1.255.1").size(), 1u);
  // Deleting the second address takes its routes; the survivor loses P.
  ASSERT_TRUE(o.fib.delete_address(o.em, A("10.1.255.1")).has_value());
  net = o.Paths("10.0.0.0", 14);
  ASSERT_EQ(net.size(), 1u);
  EXPECT_EQ(net[0].flags & rtf::mpath, 0u);
  EXPECT_TRUE(o.HostPaths("10.1.255.1").empty());
}

// ---- priorities and RTF_MPATH ----

// rttest4 / rttest21: one prefix at several priorities, best first; the
// default static priority is 8 (RTP_STATIC).
TEST(OpenbsdFib, Priorities_OrderedBestFirstNoMultipathFlag) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.3", 32));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.3", 4)));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.3", 3)));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.3", 5)));
  auto v = o.Paths("10.8.1.0", 24);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].priority, 3);
  EXPECT_EQ(v[1].priority, 4);
  EXPECT_EQ(v[2].priority, 5);
  for (const auto& r : v) EXPECT_EQ(r.flags & rtf::mpath, 0u);
  EXPECT_TRUE(Errno(o.Add("10.8.1.0", 24, "192.0.2.3", 4), EEXIST));
  auto d = o.Add("10.9.0.0", 16, "192.0.2.3");
  ASSERT_TRUE(Ok(d));
  EXPECT_EQ(d->priority, rtp::static_);
}

// rttest2/17/18: P is set while two paths share destination and priority
// and cleared on the survivor, whichever goes; rttest3: the same gateway
// twice is EEXIST.
TEST(OpenbsdFib, MultipathFlag_LifeCycle) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.3", 32));
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.4", 32));
  auto first = o.Add("10.8.1.0", 24, "192.0.2.3", 0, true);
  ASSERT_TRUE(Ok(first));
  EXPECT_EQ(first->flags & rtf::mpath, 0u);  // alone: no P
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.4", 0, true)));
  EXPECT_TRUE(Errno(o.Add("10.8.1.0", 24, "192.0.2.3", 0, true), EEXIST));
  auto v = o.Paths("10.8.1.0", 24);
  ASSERT_EQ(v.size(), 2u);
  for (const auto& r : v) EXPECT_TRUE(HasFlags(r.flags, rtf::mpath));

  RouteRequest del;
  del.dst = A("10.8.1.0");
  del.plen = 24;
  del.gateway = Gateway::address(A("192.0.2.3"));
  del.flags = rtf::mpath;
  ASSERT_TRUE(Ok(o.fib.remove(del)));
  v = o.Paths("10.8.1.0", 24);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(GatewayIs(v[0].gateway, "192.0.2.4"));
  EXPECT_EQ(v[0].flags & rtf::mpath, 0u);
}

// rttest5: -mpath at different priorities is not multipath; rttest6: the
// same gateway at a priority already taken is EEXIST.
TEST(OpenbsdFib, MultipathDifferentPriorities_NoFlagSameGatewayExists) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.2", 32));
  for (int prio = 16; prio <= 18; ++prio)
    ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.2", static_cast<std::uint8_t>(prio), true)));
  EXPECT_TRUE(Errno(o.Add("10.8.1.0", 24, "192.0.2.2", 17, true), EEXIST));
  for (const auto& r : o.Paths("10.8.1.0", 24)) EXPECT_EQ(r.flags & rtf::mpath, 0u);
}

// rttest12/26/27: change -mpath of a lone route changes it (gateway, MTU);
// rttest13/23/25: on two paths a change needs the gateway of one of them
// (ESRCH otherwise); rttest22: with it, only that path changes.
TEST(OpenbsdFib, ChangeMultipath_NeedsGatewayOnlyWhenSeveralPaths) {
  Obsd o;
  for (const char* a : {"192.0.2.1", "192.0.2.3", "192.0.2.4"}) ASSERT_TRUE(o.Addr4(o.lo, a, 32));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.3", 0, true)));
  RouteRequest c;
  c.dst = A("10.8.1.0");
  c.plen = 24;
  c.flags = rtf::mpath;
  c.inits = rtv::mtu;
  c.rmx.mtu = 1000;
  auto lone = o.fib.change(c);  // rttest26: no gateway, one path
  ASSERT_TRUE(Ok(lone));
  EXPECT_EQ(lone->rmx.mtu, 1000u);
  c.gateway = Gateway::address(A("192.0.2.4"));  // rttest27: new gateway too
  ASSERT_TRUE(Ok(o.fib.change(c)));
  auto v = o.Paths("10.8.1.0", 24);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(GatewayIs(v[0].gateway, "192.0.2.4"));

  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.3", 0, true)));
  c.gateway = Gateway::none();  // rttest23
  EXPECT_TRUE(Errno(o.fib.change(c), ESRCH));
  c.gateway = Gateway::address(A("192.0.2.1"));  // rttest13/25: no such path
  EXPECT_TRUE(Errno(o.fib.change(c), ESRCH));
  c.gateway = Gateway::address(A("192.0.2.3"));  // rttest22
  c.rmx.mtu = 1400;
  ASSERT_TRUE(Ok(o.fib.change(c)));
  for (const auto& r : o.Paths("10.8.1.0", 24))
    EXPECT_EQ(r.rmx.mtu, r.gateway == Gateway::address(A("192.0.2.3")) ? 1400u : 1000u);
}

// rttest28/29: a local route cannot be deleted or given an expiry.
TEST(OpenbsdFib, LocalRoute_NotDeletedNotChanged) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.1", 32));
  RouteRequest d;
  d.dst = A("192.0.2.1");
  d.gateway = Gateway::address(A("192.0.2.1"));
  d.flags = rtf::host;
  EXPECT_TRUE(Errno(o.fib.remove(d), EINVAL));
  d.inits = rtv::expire;
  d.rmx.expire = 30;
  d.gateway = Gateway::address(A("192.0.2.2"));
  EXPECT_TRUE(Errno(o.fib.change(d), EINVAL));
  EXPECT_EQ(o.HostPaths("192.0.2.1").size(), 1u);
}

// ---- interfaces going down (rt_if_track) ----

// rttest8/9: a route through a down interface loses RTF_UP and moves
// behind the live ones; its priority still shows; a local route stays up.
TEST(OpenbsdFib, InterfaceDown_RoutesLoseUpAndMoveBehind) {
  Obsd o;
  IfSpec l2;
  l2.name = "lo2";
  l2.type = ift::loop;
  l2.flags = iff::up | iff::loopback | iff::running | iff::multicast;
  l2.mtu = 32768;
  auto lo2 = o.fib.attach(l2);
  ASSERT_TRUE(Ok(lo2));
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.1", 32));
  ASSERT_TRUE(o.Addr4(*lo2, "192.0.2.2", 32));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.1", 16)));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.2", 17)));
  ASSERT_TRUE(Ok(o.Add("10.8.1.0", 24, "192.0.2.1", 18)));
  ASSERT_TRUE(Ok(o.fib.set_flags(*lo2, iff::loopback | iff::running | iff::multicast)));
  auto v = o.Paths("10.8.1.0", 24);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].priority, 16);
  EXPECT_EQ(v[1].priority, 18);
  EXPECT_EQ(v[2].priority, 17);
  EXPECT_EQ(v[2].flags & rtf::up, 0u);
  EXPECT_TRUE(HasFlags(v[0].flags, rtf::up));
  auto local = o.HostPaths("192.0.2.2");
  ASSERT_EQ(local.size(), 1u);
  EXPECT_TRUE(HasFlags(local[0].flags, rtf::up));
  // rttest8: the same route again is EEXIST even while down.
  EXPECT_TRUE(Errno(o.Add("10.8.1.0", 24, "192.0.2.2", 17), EEXIST));
  // Up again: back in priority order, RTF_UP again.
  ASSERT_TRUE(Ok(o.fib.set_flags(*lo2, iff::up | iff::loopback | iff::running | iff::multicast)));
  v = o.Paths("10.8.1.0", 24);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[1].priority, 17);
  EXPECT_TRUE(HasFlags(v[1].flags, rtf::up));
}

// ---- the next-hop cache ----

// rttest33: a gateway route on an Ethernet subnet holds its next hop: a
// host route cloned from the connected route (UHLch, priority 3), and the
// connected route counts the clone as a reference.
TEST(OpenbsdFib, GatewayRoute_ClonesCachedLinkLayerNextHop) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.em, "192.168.178.52", 24));
  ASSERT_TRUE(Ok(o.Add("0.0.0.0", 0, "192.168.178.1")));
  auto nh = o.HostPaths("192.168.178.1");
  ASSERT_EQ(nh.size(), 1u);
  EXPECT_TRUE(nh[0].gateway.is_link());
  EXPECT_TRUE(HasFlags(nh[0].flags,
                       rtf::up | rtf::host | rtf::llinfo | rtf::cloned | rtf::cached));
  EXPECT_EQ(nh[0].priority, 3);  // RTP_CONNECTED - 1
  EXPECT_EQ(nh[0].ifindex, o.em);
  // The clone lives under its parent: removing the address (and with it the
  // connected cloning route) takes it along (rtflushclone).
  ASSERT_TRUE(o.fib.delete_address(o.em, A("192.168.178.52")).has_value());
  EXPECT_TRUE(o.HostPaths("192.168.178.1").empty());
}

// ---- the walk order (route show) ----

// rttest38: ART lists a shorter prefix before the longer ones it covers,
// and the default route first.
TEST(OpenbsdFib, Walk_ArtOrder) {
  Obsd o;
  ASSERT_TRUE(o.Addr4(o.lo, "192.0.2.4", 32));
  ASSERT_TRUE(Ok(o.Add("192.168.7.9", 32, "192.0.2.4")));
  ASSERT_TRUE(Ok(o.Add("192.168.2.0", 24, "192.0.2.4")));
  ASSERT_TRUE(Ok(o.Add("192.168.0.0", 16, "192.0.2.4")));
  ASSERT_TRUE(Ok(o.Add("192.0.0.0", 8, "192.0.2.4")));
  ASSERT_TRUE(Ok(o.Add("0.0.0.0", 0, "192.0.2.4")));
  std::vector<std::string> got;
  o.fib.walk(0, Family::inet4, 0, [&](const RouteInfo& r) {
    got.push_back(Show(r.prefix));
    return true;
  });
  const std::vector<std::string> want = {"0.0.0.0/0",      "192.0.0.0/8",    "192.0.2.4/32H",
                                         "192.168.0.0/16", "192.168.2.0/24", "192.168.7.9/32H"};
  EXPECT_EQ(got, want);
}

}  // namespace
