// Darwin scoped routing (RTF_IFSCOPE) in the forwarding database: scoped and
// unscoped routes of one prefix side by side, xnu's rt_lookup_common choice
// between them, and requests that name one scope. Expectations come from
// xnu bsd/net/route.c and rtsock.c (docs/research/darwin-scoped-routing.md).
#include <gtest/gtest.h>

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

::testing::AssertionResult LacksIfscope(std::uint64_t flags) {
  if ((flags & rtf::ifscope) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "flags " << Hex(flags) << " have RTF_IFSCOPE";
}

// lo0 127.0.0.1/8, en0 192.0.2.10/24, en1 198.51.100.10/24; every change logged.
class Scoped : public ::testing::Test {
 protected:
  void SetUp() override { Build("darwin"); }

  void Build(const char* kernel) {
    fib.emplace(KernelConfig(kernel));
    fib->set_listener([this](const Change& c) { log.push_back(c); });
    lo = Attach("lo0", ift::loop, iff::up | iff::loopback | iff::running, "127.0.0.1", 8);
    en0 = Attach("en0", ift::ether, iff::up | iff::broadcast | iff::running, "192.0.2.10", 24);
    en1 = Attach("en1", ift::ether, iff::up | iff::broadcast | iff::running, "198.51.100.10", 24);
    log.clear();
  }

  std::uint16_t Attach(const char* name, std::uint8_t type, std::uint32_t flags, const char* addr,
                       int plen) {
    IfSpec s;
    s.name = name;
    s.type = type;
    s.flags = flags;
    auto i = fib->attach(s);
    EXPECT_TRUE(Ok(i)) << name;
    if (!i) return 0;
    EXPECT_TRUE(Ok(fib->add_address(*i, Ifa(addr, plen)))) << name;
    return *i;
  }

  static RouteRequest Req(const char* dst, std::optional<int> plen, const char* gw,
                          std::uint16_t scope = 0,
                          std::uint64_t flags = rtf::gateway | rtf::static_) {
    RouteRequest r;
    r.dst = A(dst);
    r.plen = plen;
    if (gw != nullptr) r.gateway = Gateway::address(A(gw));
    r.flags = flags | (scope != 0 ? rtf::ifscope : 0);
    r.ifscope = scope;
    return r;
  }
  static RouteRequest Key(const char* dst, std::optional<int> plen, std::uint16_t scope = 0) {
    return Req(dst, plen, nullptr, scope, scope != 0 ? rtf::ifscope : 0);
  }

  // The default routes: unscoped via 192.0.2.1 (en0, the primary interface),
  // scoped to en0 via 192.0.2.1 and scoped to en1 via 198.51.100.1.
  void Defaults() {
    ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 0, "192.0.2.1"))));
    ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 0, "192.0.2.1", en0))));
    ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 0, "198.51.100.1", en1))));
  }

  std::vector<RouteInfo> Routes(Family f = Family::inet4) const {
    std::vector<RouteInfo> v;
    fib->walk(0, f, 0, [&](const RouteInfo& r) {
      v.push_back(r);
      return true;
    });
    return v;
  }
  std::vector<RouteInfo> Matching(const Prefix& p) const {
    std::vector<RouteInfo> v;
    for (const RouteInfo& r : Routes(p.family()))
      if (r.prefix == p) v.push_back(r);
    return v;
  }

  std::optional<Fib> fib;
  std::vector<Change> log;
  std::uint16_t lo = 0, en0 = 0, en1 = 0;
};

TEST_F(Scoped, ScopedAndUnscopedDefaultsCoexist) {
  Defaults();
  const auto d = Matching(Net("0.0.0.0", 0));
  ASSERT_EQ(d.size(), 3u);
  // Radix order: the scope follows the address in xnu's key.
  EXPECT_EQ(d[0].ifscope, 0);
  EXPECT_TRUE(LacksIfscope(d[0].flags));
  EXPECT_TRUE(GatewayIs(d[0].gateway, "192.0.2.1"));
  EXPECT_EQ(d[1].ifscope, en0);
  EXPECT_TRUE(HasFlags(d[1].flags, rtf::ifscope | rtf::gateway | rtf::up));
  EXPECT_EQ(d[1].ifindex, en0);
  EXPECT_EQ(d[2].ifscope, en1);
  EXPECT_TRUE(HasFlags(d[2].flags, rtf::ifscope));
  EXPECT_EQ(d[2].ifindex, en1);
  EXPECT_TRUE(GatewayIs(d[2].gateway, "198.51.100.1"));
  EXPECT_EQ(fib->size(0, Family::inet4), Routes().size());
}

TEST_F(Scoped, SameScopeTwiceIsEexist) {
  Defaults();
  EXPECT_TRUE(Errno(fib->add(Req("0.0.0.0", 0, "198.51.100.1", en1)), EEXIST));
  EXPECT_TRUE(Errno(fib->add(Req("0.0.0.0", 0, "192.0.2.1")), EEXIST));
}

TEST_F(Scoped, GatewayOffTheScopeIsEnetunreach) {
  // ifa_ifwithroute_scoped_locked: the ifa found must be on the scope.
  EXPECT_TRUE(Errno(fib->add(Req("10.0.0.0", 8, "192.0.2.1", en1)), ENETUNREACH));
  // rtm_index is not checked against the interfaces: no ifa matches.
  EXPECT_TRUE(Errno(fib->add(Req("10.0.0.0", 8, "192.0.2.1", 99)), ENETUNREACH));
  EXPECT_TRUE(Matching(Net("10.0.0.0", 8)).empty());
}

TEST_F(Scoped, IfscopeFlagWithoutIndexMakesAnUnscopedRoute) {
  RouteRequest r = Req("10.0.0.0", 8, "192.0.2.1");
  r.flags |= rtf::ifscope;  // rtm_index 0: IFSCOPE_NONE, the flag is cleared
  auto a = fib->add(r);
  ASSERT_TRUE(Ok(a));
  EXPECT_TRUE(LacksIfscope(a->flags));
  EXPECT_EQ(a->ifscope, 0);
}

TEST_F(Scoped, ScopedLookupTakesTheScopesDefault) {
  Defaults();
  auto g = fib->get(Key("203.0.113.5", std::nullopt, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en1);
  EXPECT_TRUE(GatewayIs(g->gateway, "198.51.100.1"));
  // Scoped to the primary interface: its scoped default, not the unscoped one.
  g = fib->get(Key("203.0.113.5", std::nullopt, en0));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en0);
  // Unscoped: rn0 is the unscoped default on en0; the scoped search on en0
  // finds the scoped default, which stands (both are defaults).
  g = fib->get(Key("203.0.113.5", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifindex, en0);
  EXPECT_EQ(g->ifscope, en0);
}

TEST_F(Scoped, ScopedLookupIgnoresOtherInterfacesRoutes) {
  Defaults();
  // 192.0.2.55 is on en0's subnet; scoped to en1 the unscoped interface
  // route is dropped (wrong interface) and en1's scoped default answers.
  auto g = fib->get(Key("192.0.2.55", std::nullopt, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en1);
  EXPECT_TRUE(g->prefix.is_default());
  // Without a scoped default on en1 there is nothing: ESRCH.
  ASSERT_TRUE(Ok(fib->remove(Key("0.0.0.0", 0, en1))));
  EXPECT_TRUE(Errno(fib->get(Key("192.0.2.55", std::nullopt, en1)), ESRCH));
}

TEST_F(Scoped, ScopedLongestMatch) {
  Defaults();
  ASSERT_TRUE(Ok(fib->add(Req("10.0.0.0", 8, "198.51.100.1", en1))));
  ASSERT_TRUE(Ok(fib->add(Req("10.1.0.0", 16, "198.51.100.2", en1))));
  ASSERT_TRUE(Ok(fib->add(Req("10.1.0.0", 16, "192.0.2.1"))));
  auto g = fib->get(Key("10.1.2.3", std::nullopt, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Net("10.1.0.0", 16)));
  EXPECT_EQ(g->ifscope, en1);
  EXPECT_TRUE(GatewayIs(g->gateway, "198.51.100.2"));
  g = fib->get(Key("10.9.9.9", std::nullopt, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Net("10.0.0.0", 8)));
  // Unscoped: the unscoped /16 on the primary interface (the scoped search
  // on en0 finds only en0's scoped default, which never beats a non-default).
  g = fib->get(Key("10.1.2.3", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, 0);
  EXPECT_TRUE(GatewayIs(g->gateway, "192.0.2.1"));
}

TEST_F(Scoped, UnscopedLookupPrefersAScopedRouteOfTheMatchedInterface) {
  Defaults();
  // rt_lookup_common: the unscoped match is on en1 (not the primary), so a
  // scoped search on en1 follows; its /8 beats the unscoped /16.
  ASSERT_TRUE(Ok(fib->add(Req("10.2.0.0", 16, "198.51.100.1"))));
  ASSERT_TRUE(Ok(fib->add(Req("10.0.0.0", 8, "198.51.100.3", en1))));
  auto g = fib->get(Key("10.2.3.4", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Net("10.0.0.0", 8)));
  EXPECT_EQ(g->ifscope, en1);
  auto l = fib->lookup(0, A("10.2.3.4"));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->ifscope, en1);
  auto f = fib->forward(0, A("10.2.3.4"));
  EXPECT_EQ(f.verdict, Forward::Verdict::deliver);
  EXPECT_TRUE(f.next_hop == A("198.51.100.3")) << f.next_hop.str();
  // A host route beats a scoped network route.
  ASSERT_TRUE(Ok(fib->add(
      Req("10.2.3.4", std::nullopt, "198.51.100.1", 0, rtf::gateway | rtf::static_ | rtf::host))));
  g = fib->get(Key("10.2.3.4", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(g->prefix.host);
  EXPECT_EQ(g->ifscope, 0);
}

TEST_F(Scoped, UnscopedMatchOnAnotherInterfaceKeepsAgainstScopedDefault) {
  Defaults();
  // 198.51.100.7: the unscoped interface route of en1; the scoped search on
  // en1 finds en1's scoped default, and a default never beats a non-default.
  auto g = fib->get(Key("198.51.100.7", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Net("198.51.100.0", 24)));
  EXPECT_EQ(g->ifscope, 0);
}

TEST_F(Scoped, LoopbackLocalRouteStays) {
  Defaults();
  // A loopback interface route found by the unscoped search is kept as
  // found, whatever the scope: no scoped search follows.
  auto g = fib->get(Key("127.0.0.1", std::nullopt, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifindex, lo);
  EXPECT_EQ(g->ifscope, 0);
  g = fib->get(Key("127.0.0.1", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifindex, lo);
}

TEST_F(Scoped, ExactGetWithMaskAndScope) {
  Defaults();
  ASSERT_TRUE(Ok(fib->add(Req("10.0.0.0", 8, "198.51.100.1", en1))));
  auto g = fib->get(Key("10.0.0.0", 8, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en1);
  EXPECT_TRUE(PrefixIs(g->prefix, Net("10.0.0.0", 8)));
  // No unscoped 10/8: the unscoped exact lookup falls back (rt_lookup_common's
  // last step) to the unscoped default of the primary interface.
  g = fib->get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(g->prefix.is_default());
  EXPECT_EQ(g->ifscope, 0);
}

TEST_F(Scoped, DeleteNamesOnlyOneScope) {
  Defaults();
  auto d = fib->remove(Key("0.0.0.0", 0));
  ASSERT_TRUE(Ok(d));
  EXPECT_EQ(d->ifscope, 0);
  EXPECT_EQ(Matching(Net("0.0.0.0", 0)).size(), 2u);
  d = fib->remove(Key("0.0.0.0", 0, en1));
  ASSERT_TRUE(Ok(d));
  EXPECT_EQ(d->ifscope, en1);
  EXPECT_TRUE(HasFlags(d->flags, rtf::ifscope));
  EXPECT_TRUE(Errno(fib->remove(Key("0.0.0.0", 0, en1)), ESRCH));
  const auto left = Matching(Net("0.0.0.0", 0));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].ifscope, en0);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().kind, ChangeKind::route_delete);
  ASSERT_TRUE(log.back().old_route.has_value());
  EXPECT_EQ(log.back().old_route->ifscope, en1);
}

TEST_F(Scoped, ChangeReachesTheScopedRouteOnly) {
  Defaults();
  RouteRequest c = Req("0.0.0.0", 0, "198.51.100.2", en1);
  auto r = fib->change(c);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifscope, en1);
  EXPECT_TRUE(GatewayIs(r->gateway, "198.51.100.2"));
  EXPECT_EQ(r->ifindex, en1);
  const auto d = Matching(Net("0.0.0.0", 0));
  ASSERT_EQ(d.size(), 3u);
  EXPECT_TRUE(GatewayIs(d[0].gateway, "192.0.2.1"));
  EXPECT_TRUE(GatewayIs(d[1].gateway, "192.0.2.1"));
}

TEST_F(Scoped, DetachRemovesTheInterfacesScopedRoutes) {
  Defaults();
  ASSERT_TRUE(Ok(fib->add(Req("10.0.0.0", 8, "198.51.100.1", en1))));
  log.clear();
  ASSERT_TRUE(Ok(fib->detach(en1)));
  for (const RouteInfo& r : Routes()) EXPECT_NE(r.ifscope, en1) << Show(r.prefix);
  std::size_t scoped_deleted = 0;
  for (const Change& c : log)
    if (c.kind == ChangeKind::route_delete && c.old_route && c.old_route->ifscope == en1)
      ++scoped_deleted;
  EXPECT_EQ(scoped_deleted, 2u);
  const auto d = Matching(Net("0.0.0.0", 0));
  ASSERT_EQ(d.size(), 2u);
}

TEST_F(Scoped, Inet6ScopedRoutes) {
  ASSERT_TRUE(Ok(fib->add_address(en0, Ifa("2001:db8:1::10", 64))));
  ASSERT_TRUE(Ok(fib->add_address(en1, Ifa("2001:db8:2::10", 64))));
  ASSERT_TRUE(Ok(fib->add(Req("::", 0, "2001:db8:1::1"))));
  ASSERT_TRUE(Ok(fib->add(Req("::", 0, "2001:db8:2::1", en1))));
  EXPECT_EQ(Matching(Net("::", 0)).size(), 2u);
  auto g = fib->get(Key("2001:db8:99::1", std::nullopt, en1));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en1);
  EXPECT_TRUE(GatewayIs(g->gateway, "2001:db8:2::1"));
  g = fib->get(Key("2001:db8:99::1", std::nullopt));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, 0);
  EXPECT_TRUE(Ok(fib->remove(Key("::", 0, en1))));
  EXPECT_EQ(Matching(Net("::", 0)).size(), 1u);
}

// KAME zone in bytes 2-3 of a link-local address.
Addr Zoned(const char* text, std::uint16_t zone) {
  Addr a = A(text);
  a.bytes[2] = static_cast<std::uint8_t>(zone >> 8);
  a.bytes[3] = static_cast<std::uint8_t>(zone);
  return a;
}

TEST_F(Scoped, LinkLocalRoutesAreScopedToTheirZone) {
  // sa_copy/rtrequest_common_locked: an embedded zone becomes the scope.
  IfAddress ll;
  ll.addr = Zoned("fe80::10", en1);
  ll.plen = 64;
  ASSERT_TRUE(Ok(fib->add_address(en1, ll)));
  const Prefix p = Prefix::net(Zoned("fe80::", en1), 64);
  const auto r = Matching(p);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].ifscope, en1);
  EXPECT_TRUE(HasFlags(r[0].flags, rtf::ifscope));
  // Looked up by a destination of that zone, without RTF_IFSCOPE.
  RouteRequest k;
  k.dst = Zoned("fe80::99", en1);
  auto g = fib->get(k);
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, p));
  auto l = fib->lookup(0, Zoned("fe80::99", en1));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->ifscope, en1);
  // A user route with a link-local destination is scoped the same way.
  RouteRequest a;
  a.dst = Zoned("fe80::", en1);
  a.plen = 80;
  a.gateway = Gateway::address(Zoned("fe80::1", en1));
  a.flags = rtf::gateway | rtf::static_;
  auto added = fib->add(a);
  ASSERT_TRUE(Ok(added));
  EXPECT_EQ(added->ifscope, en1);
  EXPECT_TRUE(HasFlags(added->flags, rtf::ifscope));
  RouteRequest d;
  d.dst = Zoned("fe80::", en1);
  d.plen = 80;
  EXPECT_TRUE(Ok(fib->remove(d)));
  EXPECT_TRUE(Ok(fib->delete_address(en1, ll.addr)));
  EXPECT_TRUE(Matching(p).empty());
}

TEST_F(Scoped, OtherKernelsIgnoreTheScope) {
  // Kernels with one route per prefix (FreeBSD 14 would add a multipath path).
  for (const char* k : {"freebsd12", "netbsd", "dragonfly"}) {
    Build(k);
    ASSERT_TRUE(Ok(fib->add(Req("10.0.0.0", 8, "192.0.2.1")))) << k;
    RouteRequest r = Req("10.0.0.0", 8, "198.51.100.1");
    r.ifscope = en1;
    EXPECT_TRUE(Errno(fib->add(r), EEXIST)) << k;
    auto g = fib->get(Key("10.1.1.1", std::nullopt, en1));
    ASSERT_TRUE(Ok(g)) << k;
    EXPECT_EQ(g->ifscope, 0) << k;
    EXPECT_TRUE(GatewayIs(g->gateway, "192.0.2.1")) << k;
  }
}

// rtredirect: the route to dst is looked up in the receiving interface's
// scope and the new host route is scoped to it (rtrequest_scoped_locked).
TEST_F(Scoped, RedirectHostRouteIsScopedToItsInterface) {
  Defaults();
  log.clear();
  auto r = fib->redirect(0, A("203.0.113.5"), A("198.51.100.2"), A("198.51.100.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifscope, en1);
  EXPECT_NE(r->flags & rtf::ifscope, 0u);
  EXPECT_EQ(r->flags & (rtf::host | rtf::gateway | rtf::dynamic),
            rtf::host | rtf::gateway | rtf::dynamic);
  EXPECT_TRUE(GatewayIs(r->gateway, "198.51.100.2"));
  // en1's scope finds it; the primary interface's unscoped lookup does not.
  auto in_en1 = fib->get(Key("203.0.113.5", std::nullopt, en1));
  ASSERT_TRUE(Ok(in_en1));
  EXPECT_TRUE(GatewayIs(in_en1->gateway, "198.51.100.2"));
  auto plain = fib->get(Key("203.0.113.5", std::nullopt));
  ASSERT_TRUE(Ok(plain));
  EXPECT_TRUE(GatewayIs(plain->gateway, "192.0.2.1"));
  // A redirect from a router that is not en1's current one for dst: EINVAL.
  EXPECT_TRUE(Errno(fib->redirect(0, A("203.0.113.6"), A("198.51.100.2"), A("198.51.100.9")),
                    EINVAL));
}

// set_primary_ifscope: the primary interface is what the last add, change
// or delete of an unscoped route with a default key (SA_DEFAULT: the address
// only, whatever the mask) left, not the interface of today's default.
// An unscoped RTM_GET of a prefix that only the primary scope has shows it.
TEST_F(Scoped, PrimaryInterfaceIsTheLastDefaultKeyAdded) {
  ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 8, "198.51.100.1"))));  // primary en1
  ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 0, "192.0.2.1"))));     // primary en0
  ASSERT_TRUE(Ok(fib->add(Req("10.9.0.0", 16, "192.0.2.1", en0))));
  auto g = fib->get(Key("10.9.0.0", 16));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en0);
  EXPECT_TRUE(PrefixIs(g->prefix, Net("10.9.0.0", 16)));
}

TEST_F(Scoped, DeletingADefaultKeyClearsThePrimaryInterface) {
  ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 0, "192.0.2.1"))));
  ASSERT_TRUE(Ok(fib->add(Req("10.9.0.0", 16, "192.0.2.1", en0))));
  ASSERT_TRUE(Ok(fib->get(Key("10.9.0.0", 16))));
  ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 8, "198.51.100.1"))));
  ASSERT_TRUE(Ok(fib->remove(Key("0.0.0.0", 8))));
  // IFSCOPE_NONE although 0/0 via en0 is still there: the scoped search
  // runs in no scope and the default's interface (en0) is not "none".
  EXPECT_TRUE(Errno(fib->get(Key("10.9.0.0", 16)), ESRCH));
  // A matched unscoped route still leads to its interface's scoped routes.
  auto l = fib->lookup(0, A("10.9.1.1"));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->ifscope, en0);
}

TEST_F(Scoped, ChangeOfTheDefaultSetsThePrimaryInterface) {
  ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 0, "192.0.2.1"))));
  ASSERT_TRUE(Ok(fib->add(Req("0.0.0.0", 8, "198.51.100.1"))));  // primary en1
  ASSERT_TRUE(Ok(fib->add(Req("10.9.0.0", 16, "192.0.2.1", en0))));
  // rt_setgate on the unscoped default: its interface (en0) again.
  ASSERT_TRUE(Ok(fib->change(Req("0.0.0.0", 0, "192.0.2.2"))));
  auto g = fib->get(Key("10.9.0.0", 16));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en0);
  // rt_setif: the default moves to en1, so does the primary interface;
  // en1 has no 10.9/16, and node_lookup_default (the best match of the
  // all-zeros key, 0/8 here) is on en1.
  ASSERT_TRUE(Ok(fib->change(Req("0.0.0.0", 0, "198.51.100.1"))));
  g = fib->get(Key("10.9.0.0", 16));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Net("0.0.0.0", 8)));
  ASSERT_TRUE(Ok(fib->add(Req("10.8.0.0", 16, "198.51.100.1", en1))));
  g = fib->get(Key("10.8.0.0", 16));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifscope, en1);
}

// route_output's rt_setif after a scoped RTM_ADD.
TEST_F(Scoped, AddWithIfpOfAnotherInterfaceKeepsTheScope) {
  RouteRequest r = Req("10.0.0.0", 8, "192.0.2.1", en0);
  r.ifp_index = en1;  // AF_LINK with sdl_index: no scope check
  auto a = fib->add(r);
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(a->ifscope, en0);
  EXPECT_TRUE(HasFlags(a->flags, rtf::ifscope));
  EXPECT_EQ(a->ifindex, en1);
  ASSERT_TRUE(a->ifa.has_value());  // ifaof_ifpforaddr(gateway, en1): its first
  EXPECT_EQ(*a->ifa, A("198.51.100.10"));
  auto g = fib->get(Key("10.0.0.0", 8, en0));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->ifindex, en1);
}

TEST_F(Scoped, AddWithIfaTakesItFromTheScopeOnly) {
  ASSERT_TRUE(Ok(fib->add_address(en0, Ifa("203.0.113.10", 24))));
  RouteRequest r = Req("10.0.0.0", 8, "192.0.2.1", en0);
  r.ifa = A("203.0.113.10");  // ifa_ifwithaddr_scoped: en0's own
  auto a = fib->add(r);
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(a->ifindex, en0);
  ASSERT_TRUE(a->ifa.has_value());
  EXPECT_EQ(*a->ifa, A("203.0.113.10"));
  r = Req("172.16.0.0", 12, "192.0.2.1", en0);
  r.ifa = A("198.51.100.10");  // en1's: the gateway decides
  a = fib->add(r);
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(a->ifindex, en0);
  ASSERT_TRUE(a->ifa.has_value());
  EXPECT_EQ(*a->ifa, A("192.0.2.10"));
}

// rt_setgate: the gateway's route, looked up in the scope, must be on the
// scope's interface. A local IPv6 address's route is on lo0 and a scoped
// lookup keeps it, so en0's own address as gateway fails once scoped.
TEST_F(Scoped, GatewayRouteOnAnotherInterfaceIsUnreachable) {
  ASSERT_TRUE(Ok(fib->add_address(en0, Ifa("2001:db8:1::10", 64))));
  auto own = fib->lookup(0, A("2001:db8:1::10"));
  ASSERT_TRUE(own.has_value());
  ASSERT_EQ(own->ifindex, lo);
  EXPECT_TRUE(Errno(fib->add(Req("2001:db8:99::", 48, "2001:db8:1::10", en0)), ENETUNREACH));
  EXPECT_TRUE(Errno(fib->add(Req("2001:db8:99::1", 128, "2001:db8:1::10", en0,
                                 rtf::gateway | rtf::static_ | rtf::host)),
                    EHOSTUNREACH));
  EXPECT_TRUE(Ok(fib->add(Req("2001:db8:99::", 48, "2001:db8:1::10"))));  // unscoped: no check
  // RTM_CHANGE: rt_setgate runs before rt_setif.
  ASSERT_TRUE(Ok(fib->add(Req("2001:db8:98::", 48, "2001:db8:1::1", en0))));
  EXPECT_TRUE(Errno(fib->change(Req("2001:db8:98::", 48, "2001:db8:1::10", en0)), ENETUNREACH));
  auto g = fib->get(Key("2001:db8:98::", 48, en0));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(GatewayIs(g->gateway, "2001:db8:1::1"));
}

// RTM_CHANGE's rt_setif cannot fail: a gateway that finds no ifa on the
// scope (and no gateway route there, so rt_setgate passes) leaves the
// route's interface and ifa as they were; an IFP moves it, scope kept.
TEST_F(Scoped, ChangeOfAScopedRouteKeepsItsIfaWhenNothingFits) {
  ASSERT_TRUE(Ok(fib->add(Req("10.0.0.0", 8, "198.51.100.1", en1))));
  auto c = fib->change(Req("10.0.0.0", 8, "203.0.113.1", en1));
  ASSERT_TRUE(Ok(c));
  EXPECT_TRUE(GatewayIs(c->gateway, "203.0.113.1"));
  EXPECT_EQ(c->ifindex, en1);
  ASSERT_TRUE(c->ifa.has_value());
  EXPECT_EQ(*c->ifa, A("198.51.100.10"));
  RouteRequest r = Req("10.0.0.0", 8, "192.0.2.1", en1);
  r.ifp_index = en0;
  c = fib->change(r);
  ASSERT_TRUE(Ok(c));
  EXPECT_EQ(c->ifindex, en0);
  EXPECT_EQ(c->ifscope, en1);
}

}  // namespace
