// The Linux backend without a kernel: rtnetlink messages built and read
// back, malformed ones refused, and the mirror's BSD face of links,
// addresses and routes with the change records notices make.
#include <gtest/gtest.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include <cstring>
#include <span>

#include "message.hpp"
#include "mirror.hpp"
#include "request.hpp"
#include "rtsock/fib/flags.hpp"

namespace {

using namespace rtsock;
using namespace rtsock::backend::rtnl;
using fib::Addr;
using K = fib::ChangeKind;

std::span<const std::byte> bytes(Request& q) {
  return {reinterpret_cast<const std::byte*>(q.header()), q.header()->nlmsg_len};
}

std::vector<Message> read_back(Request& q, std::size_t* bad = nullptr) {
  std::size_t malformed = 0;
  auto m = parse(bytes(q), malformed);
  if (bad != nullptr) *bad = malformed;
  return m;
}

Addr a(const char* s) { return *Addr::parse(s); }

Route route(const char* dst, int plen, std::uint32_t table = RT_TABLE_MAIN) {
  Route r;
  r.dst = a(dst);
  r.family = r.dst.family;
  r.dst_len = static_cast<std::uint8_t>(plen);
  r.table = table;
  r.type = RTN_UNICAST;
  r.protocol = RTPROT_BOOT;
  return r;
}

Message notice(std::uint16_t type, const Route& r, std::uint16_t flags = 0) {
  Request q = route_request(type, flags, r, 0);
  auto m = read_back(q);
  EXPECT_EQ(m.size(), 1u);
  return m.at(0);
}

Message link(int index, const char* name, std::uint16_t arphrd, std::uint32_t flags,
             std::uint16_t type = RTM_NEWLINK) {
  LinkSpec l;
  l.index = index;
  l.name = name;
  l.mtu = 1500;
  l.flags = flags;
  if (arphrd == ARPHRD_ETHER) l.lladdr = std::vector<std::uint8_t>{2, 0, 0, 0, 0, 1};
  Request q = link_request(type, 0, l);
  auto* ifi = static_cast<ifinfomsg*>(static_cast<void*>(q.header() + 1));
  ifi->ifi_type = arphrd;
  auto m = read_back(q);
  EXPECT_EQ(m.size(), 1u);
  return m.at(0);
}

Message address(int index, const char* addr, int plen, std::uint16_t type = RTM_NEWADDR) {
  Address x;
  x.local = a(addr);
  x.address = a(addr);
  x.family = x.local->family;
  x.plen = static_cast<std::uint8_t>(plen);
  x.index = index;
  Request q = addr_request(type, 0, x);
  auto m = read_back(q);
  EXPECT_EQ(m.size(), 1u);
  return m.at(0);
}

struct World {
  explicit World(const char* kernel, std::uint32_t fibs = 1)
      : mirror(*fib::semantics_for(kernel), fibs, names, [] { return std::int64_t{1000}; }) {
    names.to_bsd["v0"] = "em0";
    names.to_linux["em0"] = "v0";
    apply(link(1, "lo", ARPHRD_LOOPBACK, IFF_UP | IFF_LOOPBACK | IFF_RUNNING));
    apply(link(2, "v0", ARPHRD_ETHER, IFF_UP | IFF_BROADCAST | IFF_MULTICAST | IFF_RUNNING));
    apply(address(2, "192.0.2.10", 24));
    changes.clear();
  }
  void apply(const Message& m) { mirror.apply(m, changes, fx); }
  Renames names;
  Mirror mirror;
  std::vector<fib::Change> changes;
  Effects fx;
};

// ---- messages ----

TEST(LinuxMessage, RouteRequestReadsBack) {
  Route r = route("10.0.0.0", 8);
  r.priority = 20;
  r.mtu = 1400;
  r.locks = 1u << RTAX_MTU;
  r.prefsrc = a("192.0.2.10");
  r.paths = {{a("192.0.2.1"), 2, 0, 0}, {a("192.0.2.2"), 2, 3, 0}};
  Request q = route_request(RTM_NEWROUTE, 0, r, 0);
  auto m = read_back(q);
  ASSERT_EQ(m.size(), 1u);
  const auto& back = std::get<Route>(m[0].body);
  EXPECT_EQ(back.dst, r.dst);
  EXPECT_EQ(back.dst_len, 8);
  EXPECT_EQ(back.table, RT_TABLE_MAIN);
  EXPECT_EQ(back.priority, 20u);
  EXPECT_EQ(back.mtu, 1400u);
  EXPECT_EQ(back.locks, 1u << RTAX_MTU);
  EXPECT_EQ(back.prefsrc, r.prefsrc);
  ASSERT_EQ(back.paths.size(), 2u);
  EXPECT_EQ(back.paths[1].gateway, a("192.0.2.2"));
  EXPECT_EQ(back.paths[1].hops, 3);
  EXPECT_EQ(back.paths[1].oif, 2);
}

TEST(LinuxMessage, ZonesStayOutOfTheKernelsBytes) {
  Route r = route("2001:db8:1::", 48);
  Addr gw = a("fe80::1");
  gw.bytes[3] = 2;  // KAME zone 2
  r.paths = {{gw, 2, 0, 0}};
  Request q = route_request(RTM_NEWROUTE, 0, r, 0);
  auto back = std::get<Route>(read_back(q).at(0).body);
  EXPECT_EQ(back.paths.at(0).gateway, a("fe80::1"));
}

TEST(LinuxMessage, IPv4OverIPv6GatewayIsVia) {
  Route r = route("10.0.0.0", 8);
  r.paths = {{a("2001:db8::1"), 2, 0, 0}};
  Request q = route_request(RTM_NEWROUTE, 0, r, 0);
  auto back = std::get<Route>(read_back(q).at(0).body);
  EXPECT_EQ(back.paths.at(0).gateway, a("2001:db8::1"));
}

TEST(LinuxMessage, MalformedMessagesAreCountedNotRead) {
  Request q = route_request(RTM_NEWROUTE, 0, route("10.0.0.0", 8), 0);
  std::vector<std::byte> b(bytes(q).begin(), bytes(q).end());
  std::size_t bad = 0;
  // A length field past the datagram.
  auto big = b;
  big[0] = std::byte{0xff};
  EXPECT_TRUE(parse(big, bad).empty());
  EXPECT_EQ(bad, 1u);
  // A header shorter than struct rtmsg.
  auto shrt = b;
  shrt[0] = std::byte{20};
  shrt.resize(20);
  bad = 0;
  EXPECT_TRUE(parse(shrt, bad).empty());
  EXPECT_EQ(bad, 1u);
  // An address attribute of the wrong size: RTA_DST of 3 bytes.
  auto odd = b;
  for (std::size_t i = sizeof(nlmsghdr) + sizeof(rtmsg); i + 4 <= odd.size();) {
    std::uint16_t len = 0, type = 0;
    std::memcpy(&len, &odd[i], 2);
    std::memcpy(&type, &odd[i + 2], 2);
    if (type == RTA_DST) {
      const std::uint16_t three = 7;
      std::memcpy(&odd[i], &three, 2);
      break;
    }
    i += align4(len);
  }
  bad = 0;
  EXPECT_TRUE(parse(odd, bad).empty());
  EXPECT_EQ(bad, 1u);
  // Misaligned input is read all the same.
  std::vector<std::byte> shifted(b.size() + 1);
  std::memcpy(shifted.data() + 1, b.data(), b.size());
  bad = 0;
  EXPECT_EQ(parse(std::span(shifted).subspan(1), bad).size(), 1u);
  EXPECT_EQ(bad, 0u);
}

// ---- the BSD face ----

TEST(LinuxMirror, LinksAndAddressesWithBsdNames) {
  World w("freebsd");
  const fib::Interface* em0 = w.mirror.link("em0");
  ASSERT_NE(em0, nullptr);
  EXPECT_EQ(em0->index, 2);
  EXPECT_EQ(em0->type, fib::ift::ether);
  EXPECT_EQ(em0->flags, fib::iff::up | fib::iff::broadcast | fib::iff::multicast |
                            fib::iff::running | fib::iff::simplex);
  ASSERT_EQ(em0->addrs.size(), 1u);
  EXPECT_EQ(em0->addrs[0].addr, a("192.0.2.10"));
  EXPECT_EQ(w.mirror.link("v0"), nullptr);
  EXPECT_EQ(w.mirror.loopback(), 1);
  EXPECT_TRUE(w.mirror.link(1)->lladdr.empty());  // loopback's zeros are no address
}

TEST(LinuxMirror, RouteFacesPerKernel) {
  for (const char* k : {"freebsd", "openbsd"}) {
    World w(k);
    const bool obsd = std::string_view(k) == "openbsd";
    Route conn = route("192.0.2.0", 24);
    conn.protocol = RTPROT_KERNEL;
    conn.scope = RT_SCOPE_LINK;
    conn.prefsrc = a("192.0.2.10");
    conn.paths = {{std::nullopt, 2, 0, 0}};
    w.apply(notice(RTM_NEWROUTE, conn));
    Route local = route("192.0.2.10", 32, RT_TABLE_LOCAL);
    local.type = RTN_LOCAL;
    local.protocol = RTPROT_KERNEL;
    local.paths = {{std::nullopt, 2, 0, 0}};
    w.apply(notice(RTM_NEWROUTE, local));
    Route bcast = route("192.0.2.255", 32, RT_TABLE_LOCAL);
    bcast.type = RTN_BROADCAST;
    bcast.protocol = RTPROT_KERNEL;
    bcast.paths = {{std::nullopt, 2, 0, 0}};
    w.apply(notice(RTM_NEWROUTE, bcast));
    Route gw = route("10.0.0.0", 8);
    gw.paths = {{a("192.0.2.1"), 2, 0, 0}};
    w.apply(notice(RTM_NEWROUTE, gw));
    Route bh = route("10.7.0.0", 16);
    bh.type = RTN_BLACKHOLE;
    w.apply(notice(RTM_NEWROUTE, bh));
    Route other = route("10.9.0.0", 16, 100);  // table 100: no FIB 100
    other.paths = {{a("192.0.2.1"), 2, 0, 0}};
    w.apply(notice(RTM_NEWROUTE, other));

    // Broadcast routes show on OpenBSD only.
    ASSERT_EQ(w.changes.size(), obsd ? 5u : 4u) << k;
    for (const auto& c : w.changes) EXPECT_EQ(c.kind, K::route_add);
    const auto* p = w.mirror.lpm(0, a("192.0.2.77"));
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->info.gateway.is_link());
    EXPECT_EQ(p->info.ifindex, 2);
    EXPECT_EQ(p->info.flags & fib::rtf::pinned, obsd ? 0 : fib::rtf::pinned);
    EXPECT_EQ(p->info.flags & fib::rtf::connected, obsd ? fib::rtf::connected : 0);
    p = w.mirror.lpm(0, a("192.0.2.10"));
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->info.prefix.host);
    EXPECT_EQ(p->info.ifindex, 1);  // through loopback
    EXPECT_EQ(p->info.gateway.ifindex, 2);
    p = w.mirror.lpm(0, a("10.1.2.3"));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->info.flags, fib::rtf::up | fib::rtf::gateway | fib::rtf::static_);
    EXPECT_EQ(p->info.ifa, a("192.0.2.10"));
    EXPECT_EQ(p->info.priority, obsd ? fib::rtp::static_ : 0);
    p = w.mirror.lpm(0, a("10.7.1.1"));
    ASSERT_NE(p, nullptr);
    EXPECT_NE(p->info.flags & fib::rtf::blackhole, 0u);
    EXPECT_EQ(w.mirror.lpm(0, a("10.9.1.1"))->info.prefix.plen, 8);  // 10/8, not table 100's
  }
}

TEST(LinuxMirror, MultipathIsOneRoutePerPath) {
  World w("freebsd");
  Route mp = route("10.0.0.0", 8);
  mp.paths = {{a("192.0.2.1"), 2, 0, 0}, {a("192.0.2.2"), 2, 1, 0}};
  w.apply(notice(RTM_NEWROUTE, mp));
  auto paths = w.mirror.prefix(0, fib::Prefix::net(a("10.0.0.0"), 8));
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0]->info.rmx.weight, 1u);
  EXPECT_EQ(paths[1]->info.rmx.weight, 2u);
  // A replacement by one path: one path gone, the other changed or kept.
  w.changes.clear();
  Route one = route("10.0.0.0", 8);
  one.paths = {{a("192.0.2.2"), 2, 0, 0}};
  w.apply(notice(RTM_NEWROUTE, one, NLM_F_REPLACE));
  ASSERT_EQ(w.changes.size(), 2u);
  EXPECT_EQ(w.changes[0].kind, K::route_delete);
  EXPECT_EQ(w.changes[0].old_route->gateway.addr, a("192.0.2.1"));
  EXPECT_EQ(w.changes[1].kind, K::route_change);
  EXPECT_EQ(w.mirror.prefix(0, fib::Prefix::net(a("10.0.0.0"), 8)).size(), 1u);
}

TEST(LinuxMirror, NoticesAreIdempotent) {
  World w("freebsd");
  Route gw = route("10.0.0.0", 8);
  gw.paths = {{a("192.0.2.1"), 2, 0, 0}};
  w.apply(notice(RTM_NEWROUTE, gw));
  w.apply(notice(RTM_NEWROUTE, gw));
  ASSERT_EQ(w.changes.size(), 1u);
  w.apply(notice(RTM_DELROUTE, gw));
  w.apply(notice(RTM_DELROUTE, gw));
  ASSERT_EQ(w.changes.size(), 2u);
  EXPECT_EQ(w.changes[1].kind, K::route_delete);
  EXPECT_EQ(w.changes[1].old_route->flags & fib::rtf::up, 0u);
  w.apply(address(2, "192.0.2.10", 24));  // already there
  EXPECT_EQ(w.changes.size(), 2u);
}

TEST(LinuxMirror, LinkLocalRoutesKeepTheirZone) {
  World w("freebsd");
  Route ll = route("fe80::", 64);
  ll.protocol = RTPROT_KERNEL;
  ll.paths = {{std::nullopt, 2, 0, 0}};
  w.apply(notice(RTM_NEWROUTE, ll));
  Addr zoned = a("fe80::1");
  zoned.bytes[3] = 2;
  const auto* p = w.mirror.lpm(0, zoned);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->info.prefix.addr.bytes[3], 2);
  EXPECT_EQ(w.mirror.lpm(0, a("fe80::1")), nullptr);  // no zone, no route
}

TEST(LinuxMirror, LinksComeGoAndRename) {
  World w("freebsd");
  w.apply(link(3, "v1", ARPHRD_ETHER, IFF_BROADCAST));
  ASSERT_EQ(w.changes.size(), 1u);
  EXPECT_EQ(w.changes[0].kind, K::if_arrival);
  w.apply(link(3, "v1", ARPHRD_ETHER, IFF_BROADCAST | IFF_UP));
  ASSERT_EQ(w.changes.size(), 2u);
  EXPECT_EQ(w.changes[1].kind, K::if_change);
  w.apply(link(3, "v9", ARPHRD_ETHER, IFF_BROADCAST | IFF_UP));
  ASSERT_EQ(w.changes.size(), 4u);
  EXPECT_EQ(w.changes[2].kind, K::if_departure);
  EXPECT_EQ(w.changes[3].kind, K::if_arrival);
  EXPECT_EQ(w.changes[3].iface->name, "v9");
  EXPECT_FALSE(w.fx.routes_stale);
  w.apply(link(3, "v9", ARPHRD_ETHER, IFF_BROADCAST));  // down: IPv4 drops routes unannounced
  EXPECT_TRUE(w.fx.routes_stale);
  w.apply(link(2, "v0", ARPHRD_ETHER, IFF_UP, RTM_DELLINK));
  EXPECT_EQ(w.changes.back().kind, K::if_departure);
  EXPECT_EQ(w.changes[w.changes.size() - 2].kind, K::addr_delete);
  EXPECT_EQ(w.mirror.link("em0"), nullptr);
}

TEST(LinuxMirror, RoutesGoBeforeTheirAddressAndInterface) {
  World w("freebsd");
  Route conn = route("192.0.2.0", 24);
  conn.protocol = RTPROT_KERNEL;
  conn.prefsrc = a("192.0.2.10");
  conn.paths = {{std::nullopt, 2, 0, 0}};
  w.apply(notice(RTM_NEWROUTE, conn));
  w.changes.clear();
  // Linux's order: the address, then its routes.
  w.apply(address(2, "192.0.2.10", 24, RTM_DELADDR));
  w.apply(notice(RTM_DELROUTE, conn));
  ASSERT_EQ(w.changes.size(), 2u);
  bsd_order(w.changes);
  EXPECT_EQ(w.changes[0].kind, K::route_delete);
  EXPECT_EQ(w.changes[1].kind, K::addr_delete);
}

TEST(LinuxMirror, ResyncReportsTheDifference) {
  World w("freebsd");
  Route x = route("10.0.0.0", 8);
  x.paths = {{a("192.0.2.1"), 2, 0, 0}};
  w.apply(notice(RTM_NEWROUTE, x));
  Mirror fresh = w.mirror.links_only();
  std::vector<fib::Change> scratch;
  Effects fx;
  Route y = route("172.16.0.0", 12);
  y.paths = {{a("192.0.2.1"), 2, 0, 0}};
  fresh.apply(notice(RTM_NEWROUTE, y), scratch, fx);
  std::vector<fib::Change> out;
  w.mirror.take_routes(std::move(fresh), out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, K::route_delete);
  EXPECT_EQ(out[0].old_route->prefix.plen, 8);
  EXPECT_EQ(out[1].kind, K::route_add);
  EXPECT_EQ(out[1].new_route->prefix.plen, 12);
}

}  // namespace
