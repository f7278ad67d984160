// Route operations of the forwarding database (RTM_ADD/DELETE/CHANGE/GET/LOCK,
// redirects, forwarding, refcounts, expiry, walks and flushes) per kernel,
// written from spec sections B.4–B.11 and C.4, not from the implementation.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "fib_assert.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock;
using namespace rtsock::fib;
using namespace rtsock::fibtest;

namespace {

// Shared values and assertions: fib_assert.hpp.

::testing::AssertionResult LacksFlags(std::uint64_t flags, std::uint64_t bits) {
  if ((flags & bits) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "flags " << Hex(flags) << " have " << Hex(flags & bits);
}

// ---- setup ----

IfSpec Spec(const char* name, std::uint8_t type, std::uint32_t flags, std::uint32_t mtu,
            std::vector<std::uint8_t> mac = {}) {
  IfSpec s;
  s.name = name;
  s.type = type;
  s.flags = flags;
  s.mtu = mtu;
  s.lladdr = std::move(mac);
  return s;
}

IfAddress Ifa(const char* addr, int plen, const char* brd = nullptr) {
  IfAddress a;
  a.addr = A(addr);
  a.plen = static_cast<std::uint8_t>(plen);
  if (brd != nullptr) a.broadcast = A(brd);
  return a;
}

// DAD's timers (dad_test.cpp) would stand among the route expiries here.
Config NoDad(Config c) {
  c.dad_count = 0;
  return c;
}

// A Fib with lo0 (127.0.0.1/8) and em0 (192.0.2.10/24), recording every change.
class Lab {
 public:
  explicit Lab(const char* kernel = "freebsd", bool with_interfaces = true)
      : fib(NoDad(KernelConfig(kernel))) {
    fib.set_listener([this](const Change& c) { log.push_back(c); });
    if (with_interfaces) ok_ = AttachLo() && AttachEm();
  }

  bool AttachLo() {
    auto i = fib.attach(
        Spec("lo0", ift::loop, iff::up | iff::loopback | iff::running | iff::multicast, 16384));
    if (!i) return Fail("attach lo0", i.error());
    lo = *i;
    auto a = fib.add_address(lo, Ifa("127.0.0.1", 8));
    if (!a) return Fail("add 127.0.0.1/8", a.error());
    return true;
  }

  bool AttachEm() {
    auto i =
        fib.attach(Spec("em0", ift::ether, iff::up | iff::broadcast | iff::running | iff::multicast,
                        1500, {0x02, 0x00, 0x00, 0x00, 0x00, 0x01}));
    if (!i) return Fail("attach em0", i.error());
    em = *i;
    auto a = fib.add_address(em, Ifa("192.0.2.10", 24, "192.0.2.255"));
    if (!a) return Fail("add 192.0.2.10/24", a.error());
    return true;
  }

  bool AddV6() {
    auto a = fib.add_address(em, Ifa("2001:db8:1::10", 64));
    if (!a) return Fail("add 2001:db8:1::10/64", a.error());
    return true;
  }

  bool ok() const { return ok_; }

  std::vector<RouteInfo> Routes(Family f = Family::inet4, std::uint64_t mask = 0) const {
    std::vector<RouteInfo> v;
    fib.walk(0, f, mask, [&](const RouteInfo& r) {
      v.push_back(r);
      return true;
    });
    return v;
  }

  Fib fib;
  std::vector<Change> log;
  std::uint16_t lo = 0;
  std::uint16_t em = 0;

 private:
  bool Fail(const char* what, const Error& e) {
    ADD_FAILURE() << what << ": " << e.message();
    return false;
  }
  bool ok_ = true;
};

// A request: dst, optional prefix length, optional address gateway, flags.
RouteRequest Req(const char* dst, std::optional<int> plen, const char* gw = nullptr,
                 std::uint64_t flags = rtf::gateway | rtf::static_) {
  RouteRequest r;
  r.dst = A(dst);
  r.plen = plen;
  if (gw != nullptr) r.gateway = Gateway::address(A(gw));
  r.flags = flags;
  return r;
}

// A request naming a route only (DELETE/GET without gateway).
RouteRequest Key(const char* dst, std::optional<int> plen, std::uint64_t flags = 0) {
  return Req(dst, plen, nullptr, flags);
}

RouteRequest LockReq(const char* dst, std::optional<int> plen, std::uint32_t inits,
                     std::uint32_t locks) {
  RouteRequest r = Key(dst, plen);
  r.inits = inits;
  r.locks = locks;
  return r;
}

const std::error_code kEsrch(ESRCH, std::generic_category());

// =====================================================================================
// Semantics tables
// =====================================================================================

TEST(Semantics, semantics_for_known_names_success) {
  auto fb = semantics_for("freebsd");
  ASSERT_TRUE(fb);
  EXPECT_EQ(fb->kernel, Kernel::freebsd);
  EXPECT_EQ(fb->version, 14);
  EXPECT_EQ(fb->lock, LockMode::unsupported);
  EXPECT_TRUE(fb->normalize_host);
  EXPECT_TRUE(fb->multipath);
  EXPECT_EQ(fb->change_flags, ChangeFlags::fmask_const);
  EXPECT_EQ(fb->missing_errno, ESRCH);

  auto fb12 = semantics_for("freebsd12");
  ASSERT_TRUE(fb12);
  EXPECT_EQ(fb12->kernel, Kernel::freebsd);
  EXPECT_EQ(fb12->lock, LockMode::noop);
  EXPECT_FALSE(fb12->normalize_host);
  EXPECT_EQ(fb12->change_lookup, ChangeLookup::exact_host);

  auto ob = semantics_for("openbsd");
  ASSERT_TRUE(ob);
  EXPECT_EQ(ob->kernel, Kernel::openbsd);
  EXPECT_TRUE(ob->priorities);
  EXPECT_TRUE(ob->local_broadcast_einval);
  EXPECT_EQ(ob->lock, LockMode::unsupported);
  EXPECT_EQ(ob->change_flags, ChangeFlags::fmask_request);

  auto dw = semantics_for("darwin");
  ASSERT_TRUE(dw);
  EXPECT_EQ(dw->kernel, Kernel::darwin);
  EXPECT_EQ(dw->lock, LockMode::apply);
  EXPECT_EQ(dw->change_flags, ChangeFlags::keep);
  EXPECT_EQ(dw->change_lookup, ChangeLookup::lpm);
  EXPECT_FALSE(dw->normalize_host);

  auto nb = semantics_for("netbsd");
  ASSERT_TRUE(nb);
  EXPECT_EQ(nb->kernel, Kernel::netbsd);
  EXPECT_EQ(nb->change_lookup, ChangeLookup::lpm_strict);
  EXPECT_EQ(nb->lock, LockMode::apply);

  auto df = semantics_for("dragonfly");
  ASSERT_TRUE(df);
  EXPECT_EQ(df->kernel, Kernel::dragonfly);
  EXPECT_EQ(df->lock, LockMode::apply);
  EXPECT_EQ(df->change_lookup, ChangeLookup::exact_host);

  auto hp = semantics_for("hpux");
  ASSERT_TRUE(hp);
  EXPECT_EQ(hp->kernel, Kernel::hpux);
  EXPECT_FALSE(hp->change_supported);
  EXPECT_EQ(hp->lock, LockMode::unsupported);
  EXPECT_EQ(hp->missing_errno, ENOENT);
}

TEST(Semantics, semantics_for_profile_name_success) {
  auto s = semantics_for("freebsd11-i386");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kernel, Kernel::freebsd);
  EXPECT_EQ(s->version, 11);
  EXPECT_EQ(s->lock, LockMode::noop);
  EXPECT_EQ(s->change_lookup, ChangeLookup::exact_host);
}

TEST(Semantics, semantics_for_unknown_name_nullopt) {
  EXPECT_FALSE(semantics_for("plan9").has_value());
  EXPECT_FALSE(semantics_for("").has_value());
}

TEST(Semantics, semantics_default_config_freebsd14_success) {
  Fib f;
  EXPECT_EQ(f.semantics().kernel, Kernel::freebsd);
  EXPECT_EQ(f.semantics().version, 14);
  EXPECT_EQ(f.semantics().lock, LockMode::unsupported);
  EXPECT_EQ(f.now(), 0);
}

// =====================================================================================
// RTM_GET (B.6)
// =====================================================================================

TEST(Get, rtm_get_v4_lpm_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.1.0.0", 16, "192.0.2.2"))));

  auto r = L.fib.get(Key("10.1.2.3", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.1.0.0", 16)));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));

  r = L.fib.get(Key("10.2.3.4", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.1"));

  r = L.fib.get(Key("192.0.2.77", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("192.0.2.0", 24)));
  EXPECT_EQ(r->ifindex, L.em);
}

TEST(Get, rtm_get_v4_default_route_lpm_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  auto r = L.fib.get(Key("203.0.113.5", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(r->prefix.is_default());
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.1"));
}

TEST(Get, rtm_get_v4_no_route_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.get(Key("203.0.113.5", std::nullopt)), ESRCH));
}

TEST(Get, rtm_get_v4_with_mask_exact_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.1.0.0", 16, "192.0.2.2"))));
  // With a mask the (masked) prefix is matched exactly, not by longest match.
  auto r = L.fib.get(Key("10.1.2.3", 8));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(Errno(L.fib.get(Key("10.1.2.0", 24)), ESRCH));
}

TEST(Get, rtm_get_v4_host_beats_net_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.1.2.3", std::nullopt, "192.0.2.3"))));
  auto r = L.fib.get(Key("10.1.2.3", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("10.1.2.3")));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.3"));
  r = L.fib.get(Key("10.1.2.4", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
}

TEST(Get, rtm_get_v6_lpm_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AddV6());
  ASSERT_TRUE(Ok(L.fib.add(Req("2001:db8:100::", 48, "2001:db8:1::1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("2001:db8:100:5::", 64, "2001:db8:1::2"))));

  auto r = L.fib.get(Key("2001:db8:100:5::9", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("2001:db8:100:5::", 64)));
  EXPECT_TRUE(GatewayIs(r->gateway, "2001:db8:1::2"));

  r = L.fib.get(Key("2001:db8:100:6::1", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("2001:db8:100::", 48)));

  r = L.fib.get(Key("2001:db8:1::77", std::nullopt));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("2001:db8:1::", 64)));
  EXPECT_EQ(r->ifindex, L.em);

  EXPECT_TRUE(Errno(L.fib.get(Key("2001:db8:999::1", std::nullopt)), ESRCH));
}

// =====================================================================================
// RTM_ADD (B.4, B.9, B.10)
// =====================================================================================

TEST(Add, rtm_add_v4_gateway_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  const auto before = L.fib.size(0, Family::inet4);
  auto r = L.fib.add(Req("10.9.8.7", 8, "192.0.2.1"));  // key = dst & mask
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.1"));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::gateway | rtf::static_));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::host));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_TRUE(AddrIs(r->ifa, "192.0.2.10"));
  EXPECT_EQ(r->rmx.weight, 1u);
  EXPECT_EQ(L.fib.size(0, Family::inet4), before + 1);

  auto l = L.fib.lookup(0, A("10.200.0.1"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(PrefixIs(l->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.1"));
}

TEST(Add, rtm_add_v4_duplicate_eexist) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  const auto n = L.fib.size(0, Family::inet4);
  EXPECT_TRUE(Errno(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1")), EEXIST));
  EXPECT_EQ(L.fib.size(0, Family::inet4), n);
}

TEST(Add, rtm_add_v4_interface_route_duplicate_eexist) {
  Lab L;
  ASSERT_TRUE(L.ok());
  RouteRequest r = Key("198.51.100.0", 24, rtf::static_);
  r.gateway = Gateway::link(L.em, ift::ether);
  ASSERT_TRUE(Ok(L.fib.add(r)));
  EXPECT_TRUE(Errno(L.fib.add(r), EEXIST));
  // A gateway route cannot join a non-gateway route as a multipath group (B.13).
  EXPECT_TRUE(Errno(L.fib.add(Req("198.51.100.0", 24, "192.0.2.1")), EEXIST));
}

// An interface route's gateway as route(8) -interface em0 sends it: em0's
// sockaddr_dl with name and MAC (issue 17 item 5).
RouteRequest NamedLinkRoute(const Lab& L, const char* dst, int plen) {
  RouteRequest r = Key(dst, plen, rtf::static_);
  r.gateway = Gateway::link(L.em, ift::ether);
  r.gateway.ifname = "em0";
  r.gateway.lladdr_len = 6;
  r.gateway.lladdr = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
  return r;
}

TEST(Add, rtm_add_freebsd14_interface_route_keeps_index_only_success) {
  // FreeBSD 13+ set_nhop_gw_from_info -> nhop_set_direct_gw: the nexthop
  // keeps a sockaddr_dl_short (index, type), so netstat says link#2.
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(NamedLinkRoute(L, "198.51.100.0", 24));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(r->gateway.is_link());
  EXPECT_EQ(r->gateway.ifindex, L.em);
  EXPECT_EQ(r->gateway.iftype, ift::ether);
  EXPECT_TRUE(r->gateway.ifname.empty());
  EXPECT_EQ(r->gateway.lladdr_len, 0u);
  EXPECT_EQ(r->ifindex, L.em);
  ASSERT_FALSE(L.log.empty());
  EXPECT_TRUE(L.log.back().new_route->gateway.ifname.empty());
  // The same interface again is the same nexthop: EEXIST.
  EXPECT_TRUE(Errno(L.fib.add(NamedLinkRoute(L, "198.51.100.0", 24)), EEXIST));
}

TEST(Add, rtm_add_freebsd14_interface_route_bad_index_einval) {
  // ifnet_byindex(sdl_index) == NULL: EINVAL.
  Lab L;
  ASSERT_TRUE(L.ok());
  RouteRequest r = Key("198.51.100.0", 24, rtf::static_);
  r.gateway = Gateway::link(L.em, ift::ether);
  r.gateway.ifname = "em0";
  r.gateway.ifindex = 0;  // a name only: found by name, but no index
  EXPECT_TRUE(Errno(L.fib.add(r), EINVAL));
}

TEST(Add, rtm_add_freebsd14_link_gateway_with_gateway_flag_kept_success) {
  // With RTF_GATEWAY the AF_LINK sockaddr is a gateway and kept as given.
  Lab L;
  ASSERT_TRUE(L.ok());
  RouteRequest r = NamedLinkRoute(L, "198.51.100.0", 24);
  r.flags |= rtf::gateway;
  auto a = L.fib.add(r);
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(a->gateway.ifname, "em0");
}

TEST(Add, rtm_add_freebsd12_interface_route_keeps_sockaddr_success) {
  // FreeBSD <= 12 rt_setgate copies the sockaddr: netstat prints the MAC.
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(NamedLinkRoute(L, "198.51.100.0", 24));
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->gateway.ifname, "em0");
  EXPECT_EQ(r->gateway.lladdr_len, 6u);
}

TEST(Change, rtm_change_freebsd14_to_interface_keeps_index_only_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("198.51.100.0", 24, "192.0.2.1"))));
  auto c = L.fib.change(NamedLinkRoute(L, "198.51.100.0", 24));
  ASSERT_TRUE(Ok(c));
  EXPECT_TRUE(c->gateway.is_link());
  EXPECT_EQ(c->gateway.ifindex, L.em);
  EXPECT_TRUE(c->gateway.ifname.empty());
  EXPECT_TRUE(LacksFlags(c->flags, rtf::gateway));
}

TEST(Add, rtm_add_darwin_other_gateway_eexist) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.add(Req("10.0.0.0", 8, "192.0.2.2")), EEXIST));
}

TEST(Add, rtm_add_freebsd12_other_gateway_eexist) {
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.add(Req("10.0.0.0", 8, "192.0.2.2")), EEXIST));
}

TEST(Add, rtm_add_missing_gateway_einval) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.add(Key("10.0.0.0", 8, rtf::gateway | rtf::static_)), EINVAL));
  EXPECT_TRUE(Errno(L.fib.add(Key("10.0.0.0", 8, rtf::static_)), EINVAL));
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.1.1")).has_value());
}

TEST(Add, rtm_add_gateway_family_mismatch_einval) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AddV6());
  EXPECT_TRUE(Errno(L.fib.add(Req("10.0.0.0", 8, "2001:db8:1::1")), EINVAL));
}

TEST(Add, rtm_add_gateway_unreachable_enetunreach) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.add(Req("10.0.0.0", 8, "203.0.113.1")), ENETUNREACH));
}

TEST(Add, rtm_add_gateway_via_default_enetunreach) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  // B.9 ifa_ifwithroute step 4: a gateway only the default route covers is rejected.
  EXPECT_TRUE(Errno(L.fib.add(Req("10.0.0.0", 8, "203.0.113.1")), ENETUNREACH));
}

TEST(Add, rtm_add_gateway_via_gateway_route_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("203.0.113.0", 24, "192.0.2.1"))));
  // B.9 step 4: the gateway's own route (not the default) supplies the ifa.
  auto r = L.fib.add(Req("10.0.0.0", 8, "203.0.113.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_TRUE(AddrIs(r->ifa, "192.0.2.10"));
  EXPECT_TRUE(GatewayIs(r->gateway, "203.0.113.1"));
}

TEST(Add, rtm_add_reject_blackhole_einval) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(
      L.fib.add(Req("198.51.100.0", 24, "192.0.2.1", rtf::static_ | rtf::reject | rtf::blackhole)),
      EINVAL));
  EXPECT_FALSE(L.fib.lookup(0, A("198.51.100.1")).has_value());
}

TEST(Add, rtm_add_reject_via_loopback_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  // B.1 FreeBSD 13/14 step 14: REJECT/BLACKHOLE routes go to lo0 via 127.0.0.1.
  auto r = L.fib.add(Req("198.51.100.0", 24, "192.0.2.1", rtf::static_ | rtf::reject));
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->ifindex, L.lo);
  EXPECT_TRUE(GatewayIs(r->gateway, "127.0.0.1"));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::reject | rtf::gateway));
}

TEST(Add, rtm_add_blackhole_without_loopback_enotsup) {
  Lab L("freebsd", false);
  ASSERT_TRUE(L.AttachEm());
  EXPECT_TRUE(Errno(L.fib.add(Req("198.51.100.0", 24, "192.0.2.1", rtf::static_ | rtf::blackhole)),
                    ENOTSUP));
}

TEST(Add, rtm_add_gateway_loopback_gwflag_compat) {
  Lab L;
  ASSERT_TRUE(L.ok());
  // B.1 step 11: a gateway resolving to a loopback link route clears RTF_GATEWAY.
  auto r = L.fib.add(Req("198.51.100.0", 24, "127.0.0.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(HasFlags(r->flags, rtf::gwflag_compat));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::gateway));
  EXPECT_EQ(r->ifindex, L.lo);
}

TEST(Add, rtm_add_freebsd14_stored_metrics_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.inits = rtv::mtu | rtv::hopcount;
  q.locks = rtv::mtu;
  q.rmx.mtu = 1400;
  q.rmx.hopcount = 5;
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.mtu, 1400u);
  EXPECT_EQ(r->rmx.hopcount, 0u);  // FreeBSD 8+ keeps MTU, WEIGHT, EXPIRE only (B.8)
  EXPECT_EQ(r->locks, 0u);         // and no locks

  // Values whose RTV bit is not in rtm_inits are ignored.
  RouteRequest q2 = Req("10.1.0.0", 16, "192.0.2.1");
  q2.rmx.mtu = 1300;
  auto r2 = L.fib.add(q2);
  ASSERT_TRUE(Ok(r2));
  EXPECT_NE(r2->rmx.mtu, 1300u);
}

TEST(Add, rtm_add_darwin_metrics_and_locks_success) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok());
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.inits = rtv::mtu | rtv::hopcount;
  q.locks = rtv::mtu | rtv::rtt;  // rtt is not in inits: not locked
  q.rmx.mtu = 1400;
  q.rmx.hopcount = 5;
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.mtu, 1400u);
  EXPECT_EQ(r->rmx.hopcount, 5u);
  EXPECT_EQ(r->locks, rtv::mtu);
}

TEST(Add, rtm_add_weight_default_and_clamp_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.inits = rtv::weight;
  q.rmx.weight = 5;
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.weight, 5u);

  q = Req("10.1.0.0", 16, "192.0.2.1");
  q.inits = rtv::weight;
  q.rmx.weight = 0;  // 0 => default
  r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.weight, 1u);

  q = Req("10.2.0.0", 16, "192.0.2.1");
  q.inits = rtv::weight;
  q.rmx.weight = 20000000;  // clamped to 16777215
  r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.weight, 16777215u);
}

// =====================================================================================
// Host vs network routes (B.9)
// =====================================================================================

TEST(HostNet, rtm_add_freebsd14_full_mask_is_host_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(Req("198.51.100.7", 32, "192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("198.51.100.7")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::host));
  // No mask names the same host entry.
  EXPECT_TRUE(Errno(L.fib.add(Req("198.51.100.7", std::nullopt, "192.0.2.1")), EEXIST));
  auto g = L.fib.get(Key("198.51.100.7", 32));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Host("198.51.100.7")));
}

TEST(HostNet, rtm_add_freebsd14_no_mask_is_host_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(Req("198.51.100.7", std::nullopt, "192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("198.51.100.7")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::host));
}

TEST(HostNet, rtm_add_freebsd14_host_flag_short_mask_cleared_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(Req("198.51.100.0", 24, "192.0.2.1", rtf::gateway | rtf::static_ | rtf::host));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("198.51.100.0", 24)));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::host));
}

TEST(HostNet, rtm_add_freebsd14_v6_full_mask_is_host_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AddV6());
  auto r = L.fib.add(Req("2001:db8:200::1", 128, "2001:db8:1::1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("2001:db8:200::1")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::host));
}

// FreeBSD <= 12 and Darwin: an all-ones mask without RTF_HOST is a network entry distinct
// from the mask-less host entry; both coexist and the host entry wins lookups (C.2, C.3).
void AllOnesMaskDistinct(const char* kernel) {
  Lab L(kernel);
  ASSERT_TRUE(L.ok());
  const auto before = L.fib.size(0, Family::inet4);
  auto h = L.fib.add(
      Req("198.51.100.7", std::nullopt, "192.0.2.1", rtf::gateway | rtf::static_ | rtf::host));
  ASSERT_TRUE(Ok(h));
  EXPECT_TRUE(PrefixIs(h->prefix, Host("198.51.100.7")));
  EXPECT_TRUE(HasFlags(h->flags, rtf::host));

  auto n = L.fib.add(Req("198.51.100.7", 32, "192.0.2.2"));
  ASSERT_TRUE(Ok(n));
  EXPECT_TRUE(PrefixIs(n->prefix, Net("198.51.100.7", 32)));
  EXPECT_FALSE(n->prefix.host);
  EXPECT_TRUE(LacksFlags(n->flags, rtf::host));
  EXPECT_EQ(L.fib.size(0, Family::inet4), before + 2);

  auto l = L.fib.lookup(0, A("198.51.100.7"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(PrefixIs(l->prefix, Host("198.51.100.7")));
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.1"));

  auto g = L.fib.get(Key("198.51.100.7", 32));
  ASSERT_TRUE(Ok(g));
  EXPECT_FALSE(g->prefix.host);
  EXPECT_TRUE(GatewayIs(g->gateway, "192.0.2.2"));
}

TEST(HostNet, rtm_add_freebsd12_all_ones_mask_distinct_success) {
  AllOnesMaskDistinct("freebsd12");
}

TEST(HostNet, rtm_add_darwin_all_ones_mask_distinct_success) { AllOnesMaskDistinct("darwin"); }

TEST(HostNet, rtm_add_freebsd12_host_flag_ignores_mask_success) {
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(Req("198.51.100.7", 24, "192.0.2.1", rtf::gateway | rtf::static_ | rtf::host));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("198.51.100.7")));
}

TEST(HostNet, rtm_add_freebsd12_no_mask_host_key_success) {
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(Req("198.51.100.7", std::nullopt, "192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("198.51.100.7")));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::host));  // B.9: "flag not set"
}

// =====================================================================================
// RTM_DELETE (B.5)
// =====================================================================================

TEST(Delete, rtm_delete_v4_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  const auto n = L.fib.size(0, Family::inet4);
  L.log.clear();
  auto r = L.fib.remove(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.1"));
  EXPECT_EQ(L.fib.size(0, Family::inet4), n - 1);
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  EXPECT_TRUE(Errno(L.fib.get(Key("10.0.0.0", 8)), ESRCH));
}

TEST(Delete, rtm_delete_missing_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.remove(Key("10.0.0.0", 8)), ESRCH));
}

TEST(Delete, rtm_delete_missing_hpux_enoent) {
  Lab L("hpux");
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.remove(Key("10.0.0.0", 8)), ENOENT));
}

TEST(Delete, rtm_delete_wrong_mask_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.remove(Key("10.0.0.0", 16)), ESRCH));
  EXPECT_TRUE(L.fib.lookup(0, A("10.1.2.3")).has_value());
}

TEST(Delete, rtm_delete_gateway_mismatch_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.remove(Req("10.0.0.0", 8, "192.0.2.2", 0)), ESRCH));
  EXPECT_TRUE(L.fib.lookup(0, A("10.1.2.3")).has_value());
}

TEST(Delete, rtm_delete_pinned_eaddrinuse) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.remove(Key("192.0.2.0", 24)), EADDRINUSE));
  auto l = L.fib.lookup(0, A("192.0.2.55"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(PrefixIs(l->prefix, Net("192.0.2.0", 24)));
}

TEST(Delete, rtm_delete_pinned_with_pinned_flag_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.remove(Key("192.0.2.0", 24, rtf::pinned))));
  EXPECT_FALSE(L.fib.lookup(0, A("192.0.2.55")).has_value());
}

// =====================================================================================
// RTM_CHANGE (B.7)
// =====================================================================================

TEST(Change, rtm_change_gateway_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  auto r = L.fib.change(Req("10.0.0.0", 8, "192.0.2.2"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.2"));
}

TEST(Change, rtm_change_missing_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.change(Req("10.0.0.0", 8, "192.0.2.2")), ESRCH));
}

TEST(Change, rtm_change_freebsd14_no_mask_exact_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  // No mask is a host prefix on FreeBSD 13+; there is no host route 10.0.0.0.
  EXPECT_TRUE(Errno(L.fib.change(Req("10.0.0.0", std::nullopt, "192.0.2.2")), ESRCH));
}

TEST(Change, rtm_change_freebsd12_no_mask_host_only_esrch) {
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.change(Req("10.0.0.0", std::nullopt, "192.0.2.2")), ESRCH));
}

TEST(Change, rtm_change_mtu_metric_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.inits = rtv::mtu;
  q.rmx.mtu = 1400;
  auto r = L.fib.change(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.mtu, 1400u);
  auto g = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->rmx.mtu, 1400u);
  EXPECT_TRUE(GatewayIs(g->gateway, "192.0.2.1"));
}

TEST(Change, rtm_change_flags_fmask) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1", rtf::gateway | rtf::static_))));
  // FreeBSD: flags = (flags & ~RTF_FMASK) | (rtm_flags & RTF_FMASK); rtm_fmask is not used.
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.2", rtf::gateway | rtf::proto1 | rtf::dynamic);
  q.fmask = 0;
  auto r = L.fib.change(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::gateway | rtf::proto1));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::static_ | rtf::dynamic));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
  auto g = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(HasFlags(g->flags, rtf::proto1));
  EXPECT_TRUE(LacksFlags(g->flags, rtf::static_));
}

TEST(Change, rtm_change_openbsd_fmask_request) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1", rtf::gateway | rtf::static_))));
  // OpenBSD: only the bits of rtm_fmask (itself limited to RTF_FMASK) change.
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1", rtf::gateway | rtf::proto1 | rtf::dynamic);
  q.fmask = rtf::proto1 | rtf::dynamic;
  auto r = L.fib.change(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(HasFlags(r->flags, rtf::static_ | rtf::proto1 | rtf::gateway));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::dynamic));

  q = Req("10.0.0.0", 8, "192.0.2.1", rtf::gateway);
  q.fmask = rtf::static_;
  r = L.fib.change(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::static_));
  EXPECT_TRUE(HasFlags(r->flags, rtf::proto1));
}

// OpenBSD's route_output: a gateway that matches no path is the new gateway
// of a single-path route ("try to find a compatible route"), found by
// rtsock-soak; a multipath group still needs a matching gateway.
RouteRequest Prio(RouteRequest r, std::uint8_t priority);

TEST(Change, rtm_change_openbsd_new_gateway_success) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.1"), 8))));
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.2");
  q.priority = rtp::any;
  auto r = L.fib.change(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.2"));

  auto second = L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.3", rtf::gateway | rtf::mpath), 8));
  ASSERT_TRUE(Ok(second));
  EXPECT_EQ(second->priority, r->priority);
  q = Req("10.0.0.0", 8, "192.0.2.4");
  q.priority = rtp::any;
  EXPECT_TRUE(Errno(L.fib.change(q), ESRCH));
}

TEST(Change, rtm_change_darwin_flags_kept) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1", rtf::gateway | rtf::static_))));
  auto r = L.fib.change(Req("10.0.0.0", 8, "192.0.2.2", rtf::gateway | rtf::proto1));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(HasFlags(r->flags, rtf::static_ | rtf::gateway));
  EXPECT_TRUE(LacksFlags(r->flags, rtf::proto1));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
}

TEST(Change, rtm_change_darwin_no_gateway_keeps_gateway_success) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  RouteRequest q = Key("10.0.0.0", 8);
  q.inits = rtv::hopcount | rtv::mtu;
  q.locks = rtv::mtu;
  q.rmx.hopcount = 7;
  q.rmx.mtu = 1300;
  auto r = L.fib.change(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.1"));
  EXPECT_TRUE(HasFlags(r->flags, rtf::gateway));
  EXPECT_EQ(r->rmx.hopcount, 7u);
  EXPECT_EQ(r->rmx.mtu, 1300u);
  EXPECT_EQ(r->locks, rtv::mtu);
}

TEST(Change, rtm_change_darwin_lpm_no_mask_success) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  auto r = L.fib.change(Req("10.1.2.3", std::nullopt, "192.0.2.2"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
}

TEST(Change, rtm_change_netbsd_missing_mask_etoomanyrefs) {
  Lab L("netbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.change(Req("10.0.0.0", std::nullopt, "192.0.2.2")), ETOOMANYREFS));
  // The key must equal dst exactly.
  EXPECT_TRUE(Errno(L.fib.change(Req("10.5.0.0", std::nullopt, "192.0.2.2")), ESRCH));
  auto r = L.fib.change(Req("10.0.0.0", 8, "192.0.2.2"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
}

TEST(Change, rtm_change_hpux_eopnotsupp) {
  Lab L("hpux");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.change(Req("10.0.0.0", 8, "192.0.2.2")), EOPNOTSUPP));
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.1"));
}

// =====================================================================================
// RTM_LOCK (B.8)
// =====================================================================================

TEST(Lock, rtm_lock_freebsd14_eopnotsupp) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.lock(LockReq("10.0.0.0", 8, rtv::mtu, rtv::mtu)), EOPNOTSUPP));
}

TEST(Lock, rtm_lock_openbsd_eopnotsupp) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.lock(LockReq("10.0.0.0", 8, rtv::mtu, rtv::mtu)), EOPNOTSUPP));
}

TEST(Lock, rtm_lock_hpux_eopnotsupp) {
  Lab L("hpux");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(Errno(L.fib.lock(LockReq("10.0.0.0", 8, rtv::mtu, rtv::mtu)), EOPNOTSUPP));
}

TEST(Lock, rtm_lock_freebsd12_noop_success) {
  Lab L("freebsd12");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  auto before = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(before));
  RouteRequest q = LockReq("10.0.0.0", 8, rtv::mtu, rtv::mtu);
  q.rmx.mtu = 1000;
  EXPECT_TRUE(Ok(L.fib.lock(q)));
  auto after = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(after));
  EXPECT_EQ(after->locks, 0u);
  EXPECT_EQ(after->rmx.mtu, before->rmx.mtu);
  EXPECT_TRUE(*before == *after);
}

// Darwin, NetBSD, DragonFly: locks = (locks & ~inits) | (inits & rmx_locks), no values.
void LockUpdatesLocks(const char* kernel) {
  Lab L(kernel);
  ASSERT_TRUE(L.ok());
  auto added = L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"));
  ASSERT_TRUE(Ok(added));
  EXPECT_EQ(added->locks, 0u);
  RouteRequest q = LockReq("10.0.0.0", 8, rtv::mtu, rtv::mtu);
  q.rmx.mtu = 1000;  // RTM_LOCK applies no metric values
  ASSERT_TRUE(Ok(L.fib.lock(q)));
  auto g = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->locks, rtv::mtu);
  EXPECT_EQ(g->rmx.mtu, added->rmx.mtu);
  EXPECT_NE(g->rmx.mtu, 1000u);

  ASSERT_TRUE(Ok(L.fib.lock(LockReq("10.0.0.0", 8, rtv::hopcount, rtv::hopcount | rtv::rtt))));
  g = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->locks, rtv::mtu | rtv::hopcount);

  ASSERT_TRUE(Ok(L.fib.lock(LockReq("10.0.0.0", 8, rtv::mtu | rtv::rtt, rtv::rtt))));
  g = L.fib.get(Key("10.0.0.0", 8));
  ASSERT_TRUE(Ok(g));
  EXPECT_EQ(g->locks, rtv::hopcount | rtv::rtt);
}

TEST(Lock, rtm_lock_darwin_updates_locks) { LockUpdatesLocks("darwin"); }
TEST(Lock, rtm_lock_netbsd_updates_locks) { LockUpdatesLocks("netbsd"); }
TEST(Lock, rtm_lock_dragonfly_updates_locks) { LockUpdatesLocks("dragonfly"); }

TEST(Lock, rtm_lock_darwin_missing_esrch) {
  Lab L("darwin");
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(Errno(L.fib.lock(LockReq("10.0.0.0", 8, rtv::mtu, rtv::mtu)), ESRCH));
}

TEST(Lock, rtm_lock_netbsd_missing_mask_etoomanyrefs) {
  Lab L("netbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  EXPECT_TRUE(
      Errno(L.fib.lock(LockReq("10.0.0.0", std::nullopt, rtv::mtu, rtv::mtu)), ETOOMANYREFS));
}

// =====================================================================================
// Multipath, FreeBSD 13+ (B.4, B.5, B.13)
// =====================================================================================

TEST(Multipath, rtm_add_multipath_two_gateways_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  const auto before = L.fib.size(0, Family::inet4);
  auto a = L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"));
  auto b = L.fib.add(Req("10.0.0.0", 8, "192.0.2.2"));
  ASSERT_TRUE(Ok(a));
  ASSERT_TRUE(Ok(b));
  EXPECT_EQ(a->rmx.weight, 1u);
  EXPECT_EQ(b->rmx.weight, 1u);
  EXPECT_EQ(L.fib.size(0, Family::inet4), before + 2);

  int paths = 0;
  bool saw1 = false, saw2 = false;
  for (const auto& r : L.Routes()) {
    if (r.prefix != Net("10.0.0.0", 8)) continue;
    ++paths;
    saw1 = saw1 || GatewayIs(r.gateway, "192.0.2.1");
    saw2 = saw2 || GatewayIs(r.gateway, "192.0.2.2");
    EXPECT_EQ(r.rmx.weight, 1u);
  }
  EXPECT_EQ(paths, 2);
  EXPECT_TRUE(saw1);
  EXPECT_TRUE(saw2);
}

TEST(Multipath, rtm_delete_multipath_without_gateway_esrch) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.2"))));
  const auto n = L.fib.size(0, Family::inet4);
  EXPECT_TRUE(Errno(L.fib.remove(Key("10.0.0.0", 8)), ESRCH));
  EXPECT_EQ(L.fib.size(0, Family::inet4), n);
}

TEST(Multipath, rtm_delete_multipath_with_gateway_removes_path_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.2"))));
  const auto n = L.fib.size(0, Family::inet4);
  auto d = L.fib.remove(Req("10.0.0.0", 8, "192.0.2.1", 0));
  ASSERT_TRUE(Ok(d));
  EXPECT_TRUE(GatewayIs(d->gateway, "192.0.2.1"));
  EXPECT_EQ(L.fib.size(0, Family::inet4), n - 1);
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.2"));
  // The gateway no longer matches any path.
  EXPECT_TRUE(Errno(L.fib.remove(Req("10.0.0.0", 8, "192.0.2.1", 0)), ESRCH));
  // One path left: no longer a group, so no gateway is needed.
  ASSERT_TRUE(Ok(L.fib.remove(Key("10.0.0.0", 8))));
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
}

TEST(Multipath, rtm_get_multipath_gateway_selects_path_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.2"))));
  auto g = L.fib.get(Req("10.0.0.0", 8, "192.0.2.2", 0));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(GatewayIs(g->gateway, "192.0.2.2"));
  g = L.fib.get(Req("10.0.0.0", 8, "192.0.2.1", 0));
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(GatewayIs(g->gateway, "192.0.2.1"));
  g = L.fib.get(Key("10.0.0.0", 8));  // no gateway: some path of the group
  ASSERT_TRUE(Ok(g));
  EXPECT_TRUE(PrefixIs(g->prefix, Net("10.0.0.0", 8)));
}

// =====================================================================================
// OpenBSD priorities and RTF_LOCAL (B.1, B.4, B.14)
// =====================================================================================

RouteRequest Prio(RouteRequest r, std::uint8_t priority) {
  r.priority = priority;
  return r;
}

TEST(Priority, rtm_add_openbsd_priorities_coexist_lower_wins) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  auto a = L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.1"), 32));
  ASSERT_TRUE(Ok(a));
  EXPECT_EQ(a->priority, 32);
  auto b = L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.2"), 20));
  ASSERT_TRUE(Ok(b));
  EXPECT_EQ(b->priority, 20);
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.2"));
  EXPECT_EQ(l->priority, 20);
  auto f = L.fib.forward(0, A("10.1.2.3"));
  EXPECT_EQ(f.verdict, Forward::Verdict::deliver);
  EXPECT_EQ(f.next_hop, A("192.0.2.2"));
}

TEST(Priority, rtm_add_openbsd_same_priority_eexist) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.1"), 20))));
  EXPECT_TRUE(Errno(L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.3"), 20)), EEXIST));
}

TEST(Priority, rtm_delete_openbsd_by_gateway_exposes_next_priority_success) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.1"), 32))));
  ASSERT_TRUE(Ok(L.fib.add(Prio(Req("10.0.0.0", 8, "192.0.2.2"), 20))));
  ASSERT_TRUE(Ok(L.fib.remove(Req("10.0.0.0", 8, "192.0.2.2", 0))));
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.1"));
  EXPECT_EQ(l->priority, 32);
}

TEST(Priority, rtm_add_openbsd_local_flag_einval) {
  Lab L("openbsd");
  ASSERT_TRUE(L.ok());
  EXPECT_TRUE(
      Errno(L.fib.add(Req("198.51.100.7", std::nullopt, "192.0.2.1", rtf::gateway | rtf::local)),
            EINVAL));
  EXPECT_TRUE(Errno(
      L.fib.add(Req("198.51.100.7", std::nullopt, "192.0.2.1", rtf::gateway | rtf::broadcast)),
      EINVAL));
  EXPECT_FALSE(L.fib.lookup(0, A("198.51.100.7")).has_value());
}

// =====================================================================================
// Reference counts (C.4)
// =====================================================================================

TEST(Refcount, route_ref_deleted_marked_down_until_released) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  const auto n = L.fib.size(0, Family::inet4);
  RouteRef ref = L.fib.acquire(0, A("10.1.2.3"));
  ASSERT_TRUE(static_cast<bool>(ref));
  EXPECT_TRUE(ref.up());
  EXPECT_TRUE(PrefixIs(ref.info().prefix, Net("10.0.0.0", 8)));
  EXPECT_EQ(ref.info().refcnt, 1u);
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->refcnt, 1u);
  EXPECT_EQ(L.fib.trash(), 0u);

  ASSERT_TRUE(Ok(L.fib.remove(Key("10.0.0.0", 8))));
  EXPECT_FALSE(ref.up());
  EXPECT_TRUE(LacksFlags(ref.info().flags, rtf::up));
  EXPECT_TRUE(PrefixIs(ref.info().prefix, Net("10.0.0.0", 8)));
  EXPECT_EQ(L.fib.trash(), 1u);
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  EXPECT_EQ(L.fib.size(0, Family::inet4), n - 1);

  ref.reset();
  EXPECT_FALSE(static_cast<bool>(ref));
  EXPECT_EQ(L.fib.trash(), 0u);
}

TEST(Refcount, route_ref_destructor_releases_trash) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  {
    RouteRef ref = L.fib.acquire(0, A("10.1.2.3"));
    ASSERT_TRUE(static_cast<bool>(ref));
    ASSERT_TRUE(Ok(L.fib.remove(Key("10.0.0.0", 8))));
    EXPECT_EQ(L.fib.trash(), 1u);
  }
  EXPECT_EQ(L.fib.trash(), 0u);
}

TEST(Refcount, route_ref_copies_counted_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  RouteRef a = L.fib.acquire(0, A("10.1.2.3"));
  ASSERT_TRUE(static_cast<bool>(a));
  RouteRef b = a;
  EXPECT_EQ(L.fib.lookup(0, A("10.1.2.3"))->refcnt, 2u);
  RouteRef c = std::move(b);
  EXPECT_EQ(L.fib.lookup(0, A("10.1.2.3"))->refcnt, 2u);
  c.reset();
  EXPECT_EQ(L.fib.lookup(0, A("10.1.2.3"))->refcnt, 1u);
  a.reset();
  EXPECT_EQ(L.fib.lookup(0, A("10.1.2.3"))->refcnt, 0u);
  // Deleting an unreferenced route leaves nothing in the trash.
  ASSERT_TRUE(Ok(L.fib.remove(Key("10.0.0.0", 8))));
  EXPECT_EQ(L.fib.trash(), 0u);
}

TEST(Refcount, acquire_no_route_empty) {
  Lab L;
  ASSERT_TRUE(L.ok());
  RouteRef ref = L.fib.acquire(0, A("203.0.113.1"));
  EXPECT_FALSE(static_cast<bool>(ref));
}

// =====================================================================================
// Expiry (B.8 RTV_EXPIRE)
// =====================================================================================

TEST(Expiry, expire_clock_passes_deletes_route_expiry) {
  std::int64_t now = 0;
  Lab L;
  ASSERT_TRUE(L.ok());
  L.fib.set_clock([&now] { return now; });
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.inits = rtv::expire;
  q.rmx.expire = 100;
  auto r = L.fib.add(q);
  ASSERT_TRUE(Ok(r));
  EXPECT_EQ(r->rmx.expire, 100);
  ASSERT_TRUE(L.fib.next_expiry().has_value());
  EXPECT_EQ(*L.fib.next_expiry(), 100);

  now = 50;
  EXPECT_EQ(L.fib.now(), 50);
  EXPECT_EQ(L.fib.expire(), 0u);
  EXPECT_TRUE(L.fib.lookup(0, A("10.1.2.3")).has_value());

  now = 101;
  L.log.clear();
  EXPECT_EQ(L.fib.expire(), 1u);
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  ASSERT_EQ(L.log.size(), 1u);
  EXPECT_EQ(L.log[0].kind, ChangeKind::route_delete);
  EXPECT_EQ(L.log[0].cause, Cause::expiry);
  ASSERT_TRUE(L.log[0].old_route.has_value());
  EXPECT_TRUE(PrefixIs(L.log[0].old_route->prefix, Net("10.0.0.0", 8)));
  EXPECT_FALSE(L.fib.next_expiry().has_value());
}

TEST(Expiry, expire_next_expiry_earliest_success) {
  std::int64_t now = 0;
  Lab L;
  ASSERT_TRUE(L.ok());
  L.fib.set_clock([&now] { return now; });
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.inits = rtv::expire;
  q.rmx.expire = 200;
  ASSERT_TRUE(Ok(L.fib.add(q)));
  q = Req("10.1.0.0", 16, "192.0.2.1");
  q.inits = rtv::expire;
  q.rmx.expire = 100;
  ASSERT_TRUE(Ok(L.fib.add(q)));
  ASSERT_TRUE(L.fib.next_expiry().has_value());
  EXPECT_EQ(*L.fib.next_expiry(), 100);

  now = 150;
  EXPECT_EQ(L.fib.expire(), 1u);
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(PrefixIs(l->prefix, Net("10.0.0.0", 8)));
  ASSERT_TRUE(L.fib.next_expiry().has_value());
  EXPECT_EQ(*L.fib.next_expiry(), 200);
}

TEST(Expiry, expire_without_inits_ignored) {
  std::int64_t now = 0;
  Lab L;
  ASSERT_TRUE(L.ok());
  L.fib.set_clock([&now] { return now; });
  RouteRequest q = Req("10.0.0.0", 8, "192.0.2.1");
  q.rmx.expire = 100;  // RTV_EXPIRE not in rtm_inits
  ASSERT_TRUE(Ok(L.fib.add(q)));
  EXPECT_FALSE(L.fib.next_expiry().has_value());
  now = 1000;
  EXPECT_EQ(L.fib.expire(), 0u);
  EXPECT_TRUE(L.fib.lookup(0, A("10.1.2.3")).has_value());
}

// =====================================================================================
// ICMP redirects (B.10)
// =====================================================================================

TEST(Redirect, redirect_create_dynamic_host_route_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  const Stats s0 = L.fib.stats();
  L.log.clear();
  auto r = L.fib.redirect(0, A("198.51.100.5"), A("192.0.2.2"), A("192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("198.51.100.5")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::up | rtf::dynamic | rtf::host | rtf::gateway));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.2"));
  EXPECT_EQ(r->ifindex, L.em);
  EXPECT_EQ(L.fib.stats().dynamic, s0.dynamic + 1);

  auto l = L.fib.lookup(0, A("198.51.100.5"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.2"));
  // Other destinations still use the default route.
  l = L.fib.lookup(0, A("198.51.100.6"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(l->prefix.is_default());

  bool reported = false;
  for (const auto& c : L.log)
    if (c.kind == ChangeKind::route_add && c.cause == Cause::redirect && c.new_route &&
        c.new_route->prefix == Host("198.51.100.5"))
      reported = true;
  EXPECT_TRUE(reported);
}

TEST(Redirect, redirect_create_under_network_gateway_route_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  auto r = L.fib.redirect(0, A("10.1.2.3"), A("192.0.2.2"), A("192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("10.1.2.3")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::dynamic | rtf::host | rtf::gateway));
  auto l = L.fib.lookup(0, A("10.1.2.4"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(PrefixIs(l->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.1"));
}

TEST(Redirect, redirect_modify_gateway_host_route_modified) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("198.51.100.5", std::nullopt, "192.0.2.1"))));
  const Stats s0 = L.fib.stats();
  L.log.clear();
  auto r = L.fib.redirect(0, A("198.51.100.5"), A("192.0.2.3"), A("192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  EXPECT_TRUE(PrefixIs(r->prefix, Host("198.51.100.5")));
  EXPECT_TRUE(HasFlags(r->flags, rtf::modified | rtf::gateway | rtf::host));
  EXPECT_TRUE(GatewayIs(r->gateway, "192.0.2.3"));
  EXPECT_EQ(L.fib.stats().newgateway, s0.newgateway + 1);
  auto l = L.fib.lookup(0, A("198.51.100.5"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(GatewayIs(l->gateway, "192.0.2.3"));
  bool reported = false;
  for (const auto& c : L.log)
    if (c.cause == Cause::redirect) reported = true;
  EXPECT_TRUE(reported);
}

TEST(Redirect, redirect_gateway_not_reachable_enetunreach) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  const Stats s0 = L.fib.stats();
  EXPECT_TRUE(
      Errno(L.fib.redirect(0, A("198.51.100.5"), A("203.0.113.9"), A("192.0.2.1")), ENETUNREACH));
  EXPECT_EQ(L.fib.stats().badredirect, s0.badredirect + 1);
  auto l = L.fib.lookup(0, A("198.51.100.5"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(l->prefix.is_default());
}

TEST(Redirect, redirect_source_not_gateway_einval) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  const Stats s0 = L.fib.stats();
  EXPECT_TRUE(Errno(L.fib.redirect(0, A("198.51.100.5"), A("192.0.2.2"), A("192.0.2.99")), EINVAL));
  EXPECT_EQ(L.fib.stats().badredirect, s0.badredirect + 1);
  EXPECT_TRUE(L.fib.lookup(0, A("198.51.100.5"))->prefix.is_default());
}

TEST(Redirect, redirect_gateway_is_local_ehostunreach) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  const Stats s0 = L.fib.stats();
  EXPECT_TRUE(
      Errno(L.fib.redirect(0, A("198.51.100.5"), A("192.0.2.10"), A("192.0.2.1")), EHOSTUNREACH));
  EXPECT_EQ(L.fib.stats().badredirect, s0.badredirect + 1);
}

// =====================================================================================
// forward(): the output path (B.10, B.11)
// =====================================================================================

TEST(Forward, forward_gateway_counts_pksent_deliver) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  auto f = L.fib.forward(0, A("10.1.2.3"));
  EXPECT_EQ(f.verdict, Forward::Verdict::deliver);
  EXPECT_EQ(f.error, 0);
  EXPECT_FALSE(f.resolve);
  EXPECT_EQ(f.ifindex, L.em);
  EXPECT_EQ(f.next_hop, A("192.0.2.1"));
  ASSERT_TRUE(f.route.has_value());
  EXPECT_EQ(f.route->rmx.pksent, 1u);
  f = L.fib.forward(0, A("10.9.9.9"));
  ASSERT_TRUE(f.route.has_value());
  EXPECT_EQ(f.route->rmx.pksent, 2u);
  auto l = L.fib.lookup(0, A("10.1.2.3"));
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->rmx.pksent, 2u);
  // lookup() has no side effects.
  EXPECT_EQ(L.fib.lookup(0, A("10.1.2.3"))->rmx.pksent, 2u);
}

TEST(Forward, forward_connected_next_hop_is_dst_deliver) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto f = L.fib.forward(0, A("192.0.2.55"));
  EXPECT_EQ(f.verdict, Forward::Verdict::deliver);
  EXPECT_EQ(f.error, 0);
  EXPECT_EQ(f.ifindex, L.em);
  EXPECT_EQ(f.next_hop, A("192.0.2.55"));
}

TEST(Forward, forward_reject_host_ehostunreach) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(
      Req("198.51.100.7", std::nullopt, "127.0.0.1", rtf::static_ | rtf::reject | rtf::host))));
  auto f = L.fib.forward(0, A("198.51.100.7"));
  EXPECT_EQ(f.verdict, Forward::Verdict::reject);
  EXPECT_EQ(f.error, EHOSTUNREACH);
}

TEST(Forward, forward_reject_net_enetunreach) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("198.51.100.0", 24, "127.0.0.1", rtf::static_ | rtf::reject))));
  auto f = L.fib.forward(0, A("198.51.100.9"));
  EXPECT_EQ(f.verdict, Forward::Verdict::reject);
  EXPECT_EQ(f.error, ENETUNREACH);
}

TEST(Forward, forward_blackhole_silent_drop) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("203.0.113.0", 24, "127.0.0.1", rtf::static_ | rtf::blackhole))));
  auto f = L.fib.forward(0, A("203.0.113.9"));
  EXPECT_EQ(f.verdict, Forward::Verdict::blackhole);
  EXPECT_EQ(f.error, 0);
}

TEST(Forward, forward_no_route_miss) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto f = L.fib.forward(0, A("100.64.0.1"));
  EXPECT_EQ(f.verdict, Forward::Verdict::miss);
  EXPECT_EQ(f.error, EHOSTUNREACH);
  EXPECT_FALSE(f.route.has_value());
}

TEST(Forward, forward_xresolve_resolve) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(
      L.fib.add(Req("100.64.0.0", 10, "192.0.2.1", rtf::gateway | rtf::static_ | rtf::xresolve))));
  auto f = L.fib.forward(0, A("100.64.1.1"));
  EXPECT_TRUE(f.resolve);
  EXPECT_EQ(f.verdict, Forward::Verdict::deliver);
  f = L.fib.forward(0, A("192.0.2.55"));
  EXPECT_FALSE(f.resolve);
}

// =====================================================================================
// walk() and flush() (C.2 order; route(8) flush)
// =====================================================================================

void AddWalkRoutes(Lab& L) {
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 16, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.1.0.0", 16, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", std::nullopt, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 24, "192.0.2.1"))));
}

TEST(Walk, walk_radix_order_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_NO_FATAL_FAILURE(AddWalkRoutes(L));
  std::vector<std::string> got;
  for (const auto& r : L.Routes()) got.push_back(Show(r.prefix));
  const std::vector<std::string> want = {
      "0.0.0.0/0",   "10.0.0.0/32H",  "10.0.0.0/24",  "10.0.0.0/16",    "10.0.0.0/8",
      "10.1.0.0/16", "127.0.0.1/32H", "192.0.2.0/24", "192.0.2.10/32H",
  };
  EXPECT_EQ(got, want);
}

TEST(Walk, walk_flag_filter_gateway_only) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_NO_FATAL_FAILURE(AddWalkRoutes(L));
  std::vector<std::string> got;
  for (const auto& r : L.Routes(Family::inet4, rtf::gateway)) {
    EXPECT_TRUE(HasFlags(r.flags, rtf::gateway));
    got.push_back(Show(r.prefix));
  }
  const std::vector<std::string> want = {"0.0.0.0/0",   "10.0.0.0/32H", "10.0.0.0/24",
                                         "10.0.0.0/16", "10.0.0.0/8",   "10.1.0.0/16"};
  EXPECT_EQ(got, want);
  // RTF_PINNED selects the interface and local routes only.
  for (const auto& r : L.Routes(Family::inet4, rtf::pinned))
    EXPECT_TRUE(LacksFlags(r.flags, rtf::gateway)) << Show(r.prefix);
  EXPECT_FALSE(L.Routes(Family::inet4, rtf::pinned).empty());
}

TEST(Walk, walk_callback_false_stops) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_NO_FATAL_FAILURE(AddWalkRoutes(L));
  int calls = 0;
  L.fib.walk(0, Family::inet4, 0, [&](const RouteInfo&) {
    ++calls;
    return false;
  });
  EXPECT_EQ(calls, 1);
}

TEST(Walk, walk_family_separate_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AddV6());
  ASSERT_TRUE(Ok(L.fib.add(Req("2001:db8:100::", 48, "2001:db8:1::1"))));
  for (const auto& r : L.Routes(Family::inet6)) EXPECT_EQ(r.prefix.family(), Family::inet6);
  for (const auto& r : L.Routes(Family::inet4)) EXPECT_EQ(r.prefix.family(), Family::inet4);
  EXPECT_EQ(L.Routes(Family::inet6).size(), L.fib.size(0, Family::inet6));
  EXPECT_EQ(L.Routes(Family::inet4).size(), L.fib.size(0, Family::inet4));
}

TEST(Flush, flush_keeps_pinned_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  const auto pinned = L.fib.size(0, Family::inet4);
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  RouteRequest link = Key("198.51.100.0", 24, rtf::static_);
  link.gateway = Gateway::link(L.em, ift::ether);
  ASSERT_TRUE(Ok(L.fib.add(link)));
  L.log.clear();
  EXPECT_EQ(L.fib.flush(0, std::nullopt), 3u);
  EXPECT_EQ(L.fib.size(0, Family::inet4), pinned);
  for (const auto& r : L.Routes()) EXPECT_TRUE(HasFlags(r.flags, rtf::pinned)) << Show(r.prefix);
  EXPECT_TRUE(L.fib.lookup(0, A("192.0.2.55")).has_value());
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  EXPECT_FALSE(L.fib.lookup(0, A("198.51.100.1")).has_value());
  ASSERT_EQ(L.log.size(), 3u);
  for (const auto& c : L.log) {
    EXPECT_EQ(c.kind, ChangeKind::route_delete);
    EXPECT_EQ(c.cause, Cause::flush);
  }
}

TEST(Flush, flush_gateways_only_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("0.0.0.0", 0, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  RouteRequest link = Key("198.51.100.0", 24, rtf::static_);
  link.gateway = Gateway::link(L.em, ift::ether);
  ASSERT_TRUE(Ok(L.fib.add(link)));
  EXPECT_EQ(L.fib.flush(0, std::nullopt, true), 2u);
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  auto l = L.fib.lookup(0, A("198.51.100.1"));
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(PrefixIs(l->prefix, Net("198.51.100.0", 24)));
  EXPECT_TRUE(L.Routes(Family::inet4, rtf::gateway).empty());
}

TEST(Flush, flush_family_filter_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(L.AddV6());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_TRUE(Ok(L.fib.add(Req("2001:db8:100::", 48, "2001:db8:1::1"))));
  EXPECT_EQ(L.fib.flush(0, Family::inet4), 1u);
  EXPECT_FALSE(L.fib.lookup(0, A("10.1.2.3")).has_value());
  EXPECT_TRUE(L.fib.lookup(0, A("2001:db8:100::1")).has_value());
  EXPECT_EQ(L.fib.flush(0, Family::inet6), 1u);
  EXPECT_FALSE(L.fib.lookup(0, A("2001:db8:100::1")).has_value());
  EXPECT_TRUE(L.fib.lookup(0, A("2001:db8:1::99")).has_value());  // pinned interface route
}

// =====================================================================================
// Change records for requests (B.11; change.hpp)
// =====================================================================================

TEST(Listener, listener_request_changes_cause_request) {
  Lab L;
  ASSERT_TRUE(L.ok());
  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  ASSERT_EQ(L.log.size(), 1u);
  EXPECT_EQ(L.log[0].kind, ChangeKind::route_add);
  EXPECT_EQ(L.log[0].cause, Cause::request);
  ASSERT_TRUE(L.log[0].new_route.has_value());
  EXPECT_TRUE(PrefixIs(L.log[0].new_route->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(GatewayIs(L.log[0].new_route->gateway, "192.0.2.1"));
  EXPECT_TRUE(HasFlags(L.log[0].new_route->flags, rtf::up));

  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.change(Req("10.0.0.0", 8, "192.0.2.2"))));
  ASSERT_EQ(L.log.size(), 1u);
  EXPECT_EQ(L.log[0].kind, ChangeKind::route_change);
  EXPECT_EQ(L.log[0].cause, Cause::request);
  ASSERT_TRUE(L.log[0].old_route.has_value());
  ASSERT_TRUE(L.log[0].new_route.has_value());
  EXPECT_TRUE(GatewayIs(L.log[0].old_route->gateway, "192.0.2.1"));
  EXPECT_TRUE(GatewayIs(L.log[0].new_route->gateway, "192.0.2.2"));

  L.log.clear();
  ASSERT_TRUE(Ok(L.fib.remove(Key("10.0.0.0", 8))));
  ASSERT_EQ(L.log.size(), 1u);
  EXPECT_EQ(L.log[0].kind, ChangeKind::route_delete);
  EXPECT_EQ(L.log[0].cause, Cause::request);
  ASSERT_TRUE(L.log[0].old_route.has_value());
  EXPECT_TRUE(PrefixIs(L.log[0].old_route->prefix, Net("10.0.0.0", 8)));
  EXPECT_TRUE(LacksFlags(L.log[0].old_route->flags, rtf::up));
}

TEST(Listener, listener_failed_request_no_change) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  L.log.clear();
  EXPECT_FALSE(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1")).has_value());
  EXPECT_FALSE(L.fib.remove(Key("10.0.0.0", 16)).has_value());
  EXPECT_FALSE(L.fib.change(Req("10.0.0.0", 16, "192.0.2.2")).has_value());
  EXPECT_TRUE(Ok(L.fib.get(Key("10.0.0.0", 8))));
  EXPECT_TRUE(L.log.empty());
}

// =====================================================================================
// Helpers of the data path
// =====================================================================================

TEST(Datapath, match4_slot_route4_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  ASSERT_TRUE(Ok(L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"))));
  const std::uint32_t key = A("10.1.2.3").v4();
  std::uint32_t slot = L.fib.match4(0, key);
  ASSERT_NE(slot, Fib::no_route);
  EXPECT_TRUE(PrefixIs(L.fib.route4(0, slot).prefix, Net("10.0.0.0", 8)));

  ASSERT_TRUE(Ok(L.fib.add(Req("10.1.0.0", 16, "192.0.2.2"))));
  slot = L.fib.match4(0, key);
  ASSERT_NE(slot, Fib::no_route);
  EXPECT_TRUE(PrefixIs(L.fib.route4(0, slot).prefix, Net("10.1.0.0", 16)));

  EXPECT_EQ(L.fib.match4(0, A("203.0.113.1").v4()), Fib::no_route);

  const std::vector<std::uint32_t> keys = {key, A("10.2.0.1").v4(), A("203.0.113.1").v4()};
  std::vector<std::uint32_t> out(keys.size(), 0);
  L.fib.match4_bulk(0, keys, out);
  for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(out[i], L.fib.match4(0, keys[i])) << i;
  EXPECT_EQ(out[2], Fib::no_route);
}

TEST(Datapath, gateway_route_resolves_connected_success) {
  Lab L;
  ASSERT_TRUE(L.ok());
  auto r = L.fib.add(Req("10.0.0.0", 8, "192.0.2.1"));
  ASSERT_TRUE(Ok(r));
  auto g = L.fib.gateway_route(*r);
  ASSERT_TRUE(g.has_value());
  EXPECT_TRUE(PrefixIs(g->prefix, Net("192.0.2.0", 24)));
  EXPECT_EQ(g->ifindex, L.em);
}

}  // namespace
