// What IFF_UP going down and up, the link going down, and the loss of an
// IPv4 address do to the routes that use the address, per radix kernel.
// Facts: docs/research/interface-mtu-link.md, sections 2 and 3.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

using K = ChangeKind;

Config ConfigFor(const std::string& kernel, std::uint32_t fibs = 1) {
  Config c;
  auto s = semantics_for(kernel);
  EXPECT_TRUE(s.has_value()) << kernel;
  if (s) c.semantics = *s;
  // The link-local address has its own tests (in6ifattach_test.cpp).
  c.semantics.auto_linklocal = false;
  c.fibs = fibs;
  c.add_addr_allfibs = fibs > 1;
  return c;
}

RouteRequest Via(const char* dst, int plen, const char* gw, bool is_static) {
  RouteRequest r;
  r.dst = A(dst);
  r.plen = plen;
  r.gateway = Gateway::address(A(gw));
  r.flags = rtf::gateway | (is_static ? rtf::static_ : 0);
  return r;
}

// lo0 127.0.0.1/8, em0 192.0.2.10/24, a static route (route(8) sets
// RTF_STATIC) and a dynamic one (a routing daemon's) through 192.0.2.1.
struct Lab {
  explicit Lab(const std::string& kernel, std::uint32_t fibs = 1) : fib(ConfigFor(kernel, fibs)) {
    fib.set_listener([this](const Change& c) { log.push_back(c); });
    IfSpec l{"lo0", ift::loop, iff::up | iff::loopback | iff::running, 16384, {}, 0};
    IfSpec e{"em0", ift::ether, iff::up | iff::broadcast | iff::running, 1500, {}, 0};
    lo = fib.attach(l).value_or(0);
    em = fib.attach(e).value_or(0);
    ok = lo != 0 && em != 0 && fib.add_address(lo, Ifa("127.0.0.1", 8)).has_value() &&
         fib.add_address(em, Ifa("192.0.2.10", 24)).has_value() &&
         fib.add(Via("10.0.0.0", 8, "192.0.2.1", true)).has_value() &&
         fib.add(Via("172.16.0.0", 12, "192.0.2.1", false)).has_value();
  }
  bool Has(const char* dst, std::uint32_t f = 0) const { return fib.lookup(f, A(dst)).has_value(); }
  // What listeners get: the records of the kinds asked for, unreported ones left out.
  std::vector<K> Reported() const {
    std::vector<K> out;
    for (const Change& c : log)
      if (c.cause != Cause::unreported) out.push_back(c.kind);
    return out;
  }
  std::size_t Unreported() const {
    std::size_t n = 0;
    for (const Change& c : log) n += c.cause == Cause::unreported ? 1 : 0;
    return n;
  }

  Fib fib;
  std::vector<Change> log;
  std::uint16_t lo = 0, em = 0;
  bool ok = false;
};

// ---- IFF_UP cleared and set again (ifconfig em0 down / up) ----

struct DownCase {
  std::string kernel;
  std::vector<K> down;  // reported at down, in order
  bool prefix_stays, static_stays, dynamic_stays;
  std::vector<K> up;  // reported at up, in order
};

void PrintTo(const DownCase& c, std::ostream* os) { *os << c.kernel; }

const DownCase kDownCases[] = {
    // in_ifnet_event(IFNET_EVENT_DOWN) before if_unroute: in_scrubprefix(ia, 0)
    // (rt_addrmsg, then in_handle_ifaddr_route), in_ifadown(ifa, 0); if_up:
    // rt_ifmsg, then the event: ifa_del_loopback_route, rt_addrmsg, the
    // prefix route, ifa_add_loopback_route.
    {"freebsd",
     {K::addr_delete, K::route_delete, K::if_change},
     false,
     true,
     false,
     {K::if_change, K::route_delete, K::addr_add, K::route_add, K::route_add}},
    // if_unroute/if_route: pfctlinput before rt_ifmsg; rip_ctlinput
    // PRC_IFDOWN: in_scrubprefix -> rtinit -> rt_newaddrmsg_fib (RTM_DELETE,
    // then RTM_DELADDR), in_ifadown(ifa, 0); PRC_IFUP likewise.
    {"freebsd12",
     {K::route_delete, K::addr_delete, K::if_change},
     false,
     true,
     false,
     {K::route_delete, K::addr_add, K::route_add, K::route_add, K::if_change}},
    {"freebsd10",
     {K::route_delete, K::addr_delete, K::if_change},
     false,
     true,
     false,
     {K::route_delete, K::addr_add, K::route_add, K::route_add, K::if_change}},
    // xnu if_updown: pfctlinput, then rt_ifmsg; rip_ctlinput PRC_IFDOWN:
    // in_ifscrub, in_ifadown(ifa, 1): static routes too. PRC_IFUP: rtinit.
    {"darwin",
     {K::route_delete, K::addr_delete, K::if_change},
     false,
     false,
     false,
     {K::addr_add, K::route_add, K::if_change}},
    // DragonFly if_unroute -> kpfctlinput; rip_ctlinput: in_ifscrub,
    // in_ifadown(ifa, 0); PRC_IFUP: rtinit.
    {"dragonfly",
     {K::route_delete, K::addr_delete, K::if_change},
     false,
     true,
     false,
     {K::addr_add, K::route_add, K::if_change}},
    // NetBSD rip_ctlinput ignores PRC_IFDOWN; 8+ _if_down -> in_if_down ->
    // in_if_link_down: RTM_NEWADDR (IN_IFF_DETACHED) after rt_ifmsg.
    {"netbsd", {K::if_change, K::addr_add}, true, true, true, {K::if_change}},
    {"netbsd7", {K::if_change}, true, true, true, {K::if_change}},
    // No sources: unchanged (unverified).
    {"hpux", {K::if_change}, true, true, true, {K::if_change}},
};

class IfDown : public testing::TestWithParam<DownCase> {};

TEST_P(IfDown, scrubs_and_restores_per_kernel) {
  const DownCase& c = GetParam();
  Lab L(c.kernel);
  ASSERT_TRUE(L.ok);
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::broadcast)));
  EXPECT_EQ(L.Reported(), c.down);
  EXPECT_EQ(L.Has("192.0.2.99"), c.prefix_stays);
  EXPECT_EQ(L.Has("10.1.1.1"), c.static_stays);
  EXPECT_EQ(L.Has("172.16.1.1"), c.dynamic_stays);
  // The address itself stays, and so does its loopback route (RTF_STATIC;
  // xnu's and DragonFly's in_ifinit make none).
  EXPECT_EQ(L.fib.interface(L.em)->addrs.size(), 1u);
  EXPECT_EQ(L.Has("192.0.2.10"), c.kernel != "darwin" && c.kernel != "dragonfly");
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::up | iff::broadcast | iff::running)));
  EXPECT_EQ(L.Reported(), c.up);
  EXPECT_EQ(L.Unreported(), 0u);
  auto r = L.fib.lookup(0, A("192.0.2.99"));  // PRC_IFUP: the prefix route again
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_EQ(r->ifa, A("192.0.2.10"));
}

TEST_P(IfDown, deleting_a_scrubbed_address_sends_no_second_route_delete) {
  Lab L(GetParam().kernel);
  ASSERT_TRUE(L.ok);
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::broadcast)));
  const bool scrubbed = !L.Has("192.0.2.99");
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("192.0.2.10"))));
  std::size_t prefix_deletes = 0;
  for (const Change& c : L.log)
    if (c.kind == K::route_delete && c.old_route->prefix == Net("192.0.2.0", 24)) ++prefix_deletes;
  EXPECT_EQ(prefix_deletes, scrubbed ? 0u : 1u);
  EXPECT_FALSE(L.Has("192.0.2.99"));
  // Coming up again brings nothing back.
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::up | iff::broadcast)));
  EXPECT_FALSE(L.Has("192.0.2.99"));
}

INSTANTIATE_TEST_SUITE_P(Radix, IfDown, testing::ValuesIn(kDownCases),
                         [](const testing::TestParamInfo<DownCase>& i) { return i.param.kernel; });

// rip_ctlinput acts on AF_INET only: an IPv6 prefix route stays (FreeBSD
// in_ifnet_event skips other families).
TEST(IfDownInet6, ipv6_prefix_route_stays) {
  for (const char* k : {"freebsd", "darwin", "dragonfly"}) {
    Lab L(k);
    ASSERT_TRUE(L.ok);
    ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("2001:db8::10", 64)))) << k;
    ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::broadcast))) << k;
    EXPECT_TRUE(L.Has("2001:db8::99")) << k;
  }
}

// An alias of the same prefix holds no prefix route (IFA_ROUTE clear):
// rip_ctlinput passes it by, in_ifadown included.
TEST(IfDownFreebsd, only_the_prefix_holder_is_scrubbed) {
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok);
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("192.0.2.11", 24))));
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::broadcast)));
  std::size_t deladdr = 0;
  for (const Change& c : L.log) deladdr += c.kind == K::addr_delete ? 1 : 0;
  EXPECT_EQ(deladdr, 1u);
  EXPECT_FALSE(L.Has("192.0.2.99"));
}

// ---- the link going down: NetBSD 8+ in_if_link_down/in6_if_link_down ----

TEST(IfLinkNetbsd, link_down_announces_each_address_once) {
  Lab L("netbsd");
  ASSERT_TRUE(L.ok);
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("2001:db8::10", 64))));
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("192.0.2.11", 24))));
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_link(L.em, LinkState::down)));
  // rt_ifmsg first (if_link_state_change_softint), then inet, then inet6.
  ASSERT_EQ(L.log.size(), 4u);
  EXPECT_EQ(L.log[0].kind, K::if_change);
  EXPECT_EQ(L.log[1].address->addr, A("192.0.2.10"));
  EXPECT_EQ(L.log[2].address->addr, A("192.0.2.11"));
  EXPECT_EQ(L.log[3].address->addr, A("2001:db8::10"));
  for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(L.log[i].kind, K::addr_add) << i;
  EXPECT_TRUE(L.Has("192.0.2.99"));
  // Already detached: IFF_UP going down announces nothing more.
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.set_flags(L.em, iff::broadcast)));
  EXPECT_EQ(L.Reported(), std::vector<K>{K::if_change});
}

// ---- SIOCDIFADDR: the routes that use the address ----

struct DelCase {
  std::string kernel;
  bool gateway_routes_stay;
};

void PrintTo(const DelCase& c, std::ostream* os) { *os << c.kernel; }

const DelCase kDelCases[] = {
    // in_difaddr_ioctl (13+; in_control before): in_ifadown(ifa, 1) after
    // in_scrubprefix; 13+ through rib_walk_del(report 0), 11-12
    // rt_foreach_fib_walk_del, 7-10 rtexpunge/rtrequest: no message.
    {"freebsd", false},
    {"freebsd12", false},
    {"freebsd10", false},
    // DragonFly in_control SIOCDIFADDR: in_ifscrub, in_ifadown(ifa, 1).
    {"dragonfly", false},
    // xnu inctl_ifaddr, NetBSD in_purgeaddr: no walk over rt_ifa.
    {"darwin", true},
    {"netbsd", true},
    {"hpux", true},  // unverified
};

class IfaDelete : public testing::TestWithParam<DelCase> {};

TEST_P(IfaDelete, gateway_routes_through_the_address_per_kernel) {
  const DelCase& c = GetParam();
  Lab L(c.kernel);
  ASSERT_TRUE(L.ok);
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("192.0.2.10"))));
  EXPECT_FALSE(L.Has("192.0.2.99"));
  for (const char* d : {"10.1.1.1", "172.16.1.1"}) {
    EXPECT_EQ(L.Has(d), c.gateway_routes_stay) << d;
    if (auto r = L.fib.lookup(0, A(d))) {
      EXPECT_EQ(r->ifindex, L.em) << d;
      EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.1")) << d;
    }
  }
  // Whatever goes, no listener hears of the gateway routes.
  for (const Change& ch : L.log) {
    if (ch.kind != K::route_delete || ch.cause == Cause::unreported) continue;
    EXPECT_FALSE((ch.old_route->flags & rtf::gateway) != 0) << Show(ch.old_route->prefix);
  }
  EXPECT_EQ(L.Unreported(), c.gateway_routes_stay ? 0u : 2u);
}

INSTANTIATE_TEST_SUITE_P(Radix, IfaDelete, testing::ValuesIn(kDelCases),
                         [](const testing::TestParamInfo<DelCase>& i) { return i.param.kernel; });

TEST(IfaDeleteFreebsd, every_fib_is_walked) {
  Lab L("freebsd", 2);
  ASSERT_TRUE(L.ok);
  RouteRequest r = Via("10.0.0.0", 8, "192.0.2.1", true);
  r.fib = 1;
  ASSERT_TRUE(Ok(L.fib.add(r)));
  ASSERT_TRUE(L.Has("10.1.1.1", 1));
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("192.0.2.10"))));
  EXPECT_FALSE(L.Has("10.1.1.1", 1));
}

// in6_purgeaddr has no in_ifadown: IPv6 gateway routes stay.
TEST(IfaDeleteFreebsd, ipv6_gateway_routes_stay) {
  Lab L("freebsd");
  ASSERT_TRUE(L.ok);
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("2001:db8::10", 64))));
  ASSERT_TRUE(Ok(L.fib.add(Via("2001:db8:1::", 48, "2001:db8::1", true))));
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("2001:db8::10"))));
  EXPECT_TRUE(L.Has("2001:db8:1::5"));
}

// Another address of the interface keeps its own routes when one goes.
TEST(IfaDeleteFreebsd, routes_of_another_address_stay) {
  Lab L("freebsd");
  ASSERT_TRUE(L.ok);
  ASSERT_TRUE(Ok(L.fib.add_address(L.em, Ifa("198.51.100.10", 24))));
  ASSERT_TRUE(Ok(L.fib.add(Via("203.0.113.0", 24, "198.51.100.1", true))));
  ASSERT_TRUE(Ok(L.fib.delete_address(L.em, A("192.0.2.10"))));
  EXPECT_TRUE(L.Has("203.0.113.5"));
  EXPECT_FALSE(L.Has("10.1.1.1"));
}

// ---- xnu detach: memberships are not purged ----

TEST(McastDetachDarwin, only_the_addresses_groups_are_left) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok);
  IfSpec e;
  e.name = "en1";
  e.type = ift::ether;
  e.flags = iff::up | iff::broadcast | iff::multicast;
  e.lladdr = {2, 0, 0, 0, 0, 1};
  const std::uint16_t en = L.fib.attach(e).value_or(0);
  ASSERT_NE(en, 0);
  ASSERT_TRUE(Ok(L.fib.add_address(en, Ifa("198.51.100.10", 24))));
  ASSERT_TRUE(Ok(L.fib.join_group(en, A("239.1.2.3"))));
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.detach(en)));
  // in_purgeaddrs leaves 224.0.0.1 with the last IPv4 address; the socket's
  // 239.1.2.3 stays on if_multiaddrs (igmp_domifdetach): no RTM_DELMADDR.
  std::vector<Addr> left;
  for (const Change& c : L.log)
    if (c.kind == K::maddr_delete && !c.group->link) left.push_back(c.group->group);
  EXPECT_EQ(left, std::vector<Addr>{A("224.0.0.1")});
  EXPECT_EQ(L.log.back().kind, K::if_departure);
}

}  // namespace
