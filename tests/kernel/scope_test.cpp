// Darwin scoped routing through the routing socket: RTM_ADD/GET/CHANGE/
// DELETE with RTF_IFSCOPE and rtm_index (xnu rtsock.c route_output), the
// replies' rtm_flags and rtm_index, the kernel's own messages and the sysctl
// dumps (sysctl_dumpentry: flags and index, the scope scrubbed from the key).
#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using rtsock::kernel::Delivery;
namespace fib = rtsock::fib;

// Bed("darwin") (lo0, em0 192.0.2.10/24, default via 192.0.2.1) plus en1
// 198.51.100.10/24.
struct ScopeBed : Bed {
  std::uint16_t en1 = 0, em0 = 0;
  rtsock::kernel::SockId s = 0, l = 0;

  ScopeBed() : Bed("darwin") {
    if (!eng) return;
    fib::IfSpec e;
    e.name = "en1";
    e.type = fib::ift::ether;
    e.flags = fib::iff::up | fib::iff::broadcast | fib::iff::multicast;
    auto i = eng->boot_interface(e);
    EXPECT_TRUE(i.has_value());
    en1 = i.value_or(0);
    EXPECT_TRUE(eng->boot_address("en1", {addr("198.51.100.10"), 24, {}, {}}).has_value());
    em0 = eng->fib().interface("em0")->index;
    s = open(0, 100);
    l = open(0, 200);
  }

  rtsock::codec::Message scoped(std::string_view type, std::string_view dst,
                                std::optional<std::string_view> gw, std::optional<int> plen,
                                std::initializer_list<std::string_view> flags, std::uint16_t index,
                                int seq) {
    auto m = route_msg(*p, type, dst, gw, plen, flags, seq);
    m.set(Field::flags, m.get(Field::flags) | osflag(*p, "IFSCOPE"));
    m.set(Field::index, index);
    return m;
  }

  std::vector<fib::RouteInfo> defaults() const {
    std::vector<fib::RouteInfo> v;
    eng->fib().walk(0, fib::Family::inet4, 0, [&](const fib::RouteInfo& r) {
      if (r.prefix.is_default()) v.push_back(r);
      return true;
    });
    return v;
  }

  std::vector<rtsock::codec::MessageView> dump(int op, int arg) {
    const int mib[] = {4, p->af_route, 0, p->af_inet, op, arg};
    Bytes bytes;
    EXPECT_EQ(eng->sysctl(s, mib, bytes), 0);
    dumped = bytes;
    std::vector<rtsock::codec::MessageView> v;
    for (const auto& r : rtsock::codec::RibView(dumped, *p)) {
      EXPECT_TRUE(r.has_value());
      if (r) v.push_back(*r);
    }
    return v;
  }
  Bytes dumped;
};

TEST(DarwinScope, AddScopedDefaultEchoesFlagsAndIndex) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  auto w = b.write(
      b.s, b.scoped("RTM_ADD", "0.0.0.0", "198.51.100.1", 0, {"UP", "GATEWAY", "STATIC"}, b.en1, 7),
      out);
  ASSERT_EQ(w.error, 0);
  for (auto sock : {b.s, b.l}) {
    auto v = views_to(out, sock, p);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].type(), type_of(p, "RTM_ADD"));
    EXPECT_EQ(v[0].get(Field::flags), osflag(p, "UP") | osflag(p, "GATEWAY") | osflag(p, "STATIC") |
                                          osflag(p, "IFSCOPE") | osflag(p, "DONE"));
    EXPECT_EQ(v[0].get(Field::index), b.en1);
    EXPECT_EQ(v[0].get(Field::err), 0);
    EXPECT_EQ(v[0].get(Field::seq), 7);
  }
  const auto d = b.defaults();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].ifscope, 0);
  EXPECT_EQ(d[1].ifscope, b.en1);
  EXPECT_EQ(d[1].ifindex, b.en1);
  EXPECT_NE(d[1].flags & fib::rtf::ifscope, 0u);
}

TEST(DarwinScope, AddWithAnIndexOfNoInterfaceIsEnetunreach) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  auto w = b.write(
      b.s, b.scoped("RTM_ADD", "10.0.0.0", "198.51.100.1", 8, {"UP", "GATEWAY"}, 99, 1), out);
  EXPECT_EQ(w.error, os_err(p, ENETUNREACH));
  auto v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::err), os_err(p, ENETUNREACH));
  // A gateway that is not on the scope's interface: the same.
  out.clear();
  w = b.write(b.s, b.scoped("RTM_ADD", "10.0.0.0", "192.0.2.1", 8, {"UP", "GATEWAY"}, b.en1, 2),
              out);
  EXPECT_EQ(w.error, os_err(p, ENETUNREACH));
}

TEST(DarwinScope, GetReportsTheScopedRoute) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  ASSERT_EQ(b.write(b.s,
                    b.scoped("RTM_ADD", "0.0.0.0", "198.51.100.1", 0, {"UP", "GATEWAY", "STATIC"},
                             b.en1, 1),
                    out)
                .error,
            0);
  out.clear();
  ASSERT_EQ(
      b.write(b.s, b.scoped("RTM_GET", "203.0.113.5", std::nullopt, std::nullopt, {}, b.en1, 2),
              out)
          .error,
      0);
  auto v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_GET"));
  // in_addroute marks a non-host, non-cloning route RTF_PRCLONING;
  // rtrequest a default route RTF_GLOBAL.
  EXPECT_EQ(v[0].get(Field::flags), osflag(p, "UP") | osflag(p, "GATEWAY") | osflag(p, "STATIC") |
                                        osflag(p, "PRCLONING") | osflag(p, "IFSCOPE") |
                                        osflag(p, "GLOBAL") | osflag(p, "DONE"));
  EXPECT_EQ(v[0].get(Field::index), b.en1);
  // rtm_scrub: the key carries no scope, only the flag and the index do.
  EXPECT_EQ(dst_of(v[0]), "0.0.0.0");
  EXPECT_EQ(rtsock::codec::ip_string(v[0].addr(rtsock::abi::kGateway)), "198.51.100.1");

  // Unscoped: the primary interface's unscoped default.
  out.clear();
  ASSERT_EQ(
      b.write(b.s, route_msg(p, "RTM_GET", "203.0.113.5", std::nullopt, std::nullopt, {}, 3), out)
          .error,
      0);
  v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::flags) & osflag(p, "IFSCOPE"), 0);
  EXPECT_EQ(v[0].get(Field::index), b.em0);
  EXPECT_EQ(rtsock::codec::ip_string(v[0].addr(rtsock::abi::kGateway)), "192.0.2.1");

  // Scoped to en1, a destination on em0's subnet still takes en1's default.
  out.clear();
  ASSERT_EQ(
      b.write(b.s, b.scoped("RTM_GET", "192.0.2.55", std::nullopt, std::nullopt, {}, b.en1, 4), out)
          .error,
      0);
  v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::index), b.en1);
  EXPECT_EQ(dst_of(v[0]), "0.0.0.0");
}

TEST(DarwinScope, GetScopedWithNothingInScopeIsEsrch) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  auto w = b.write(
      b.s, b.scoped("RTM_GET", "203.0.113.5", std::nullopt, std::nullopt, {}, b.en1, 1), out);
  EXPECT_EQ(w.error, os_err(p, ESRCH));
  // An index of no interface: nothing is in that scope either (no ENXIO).
  out.clear();
  w = b.write(b.s, b.scoped("RTM_GET", "203.0.113.5", std::nullopt, std::nullopt, {}, 99, 2), out);
  EXPECT_EQ(w.error, os_err(p, ESRCH));
  // Scoped to the primary interface (no scoped route there): its unscoped
  // default (rt_lookup_common's last step).
  out.clear();
  w = b.write(b.s, b.scoped("RTM_GET", "203.0.113.5", std::nullopt, std::nullopt, {}, b.em0, 3),
              out);
  ASSERT_EQ(w.error, 0);
  auto v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::index), b.em0);
  EXPECT_EQ(v[0].get(Field::flags) & osflag(p, "IFSCOPE"), 0);
}

TEST(DarwinScope, DeleteTakesOnlyTheScopedRoute) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  ASSERT_EQ(b.write(b.s,
                    b.scoped("RTM_ADD", "0.0.0.0", "198.51.100.1", 0, {"UP", "GATEWAY", "STATIC"},
                             b.en1, 1),
                    out)
                .error,
            0);
  out.clear();
  ASSERT_EQ(
      b.write(b.s, b.scoped("RTM_DELETE", "0.0.0.0", std::nullopt, 0, {"GATEWAY"}, b.en1, 2), out)
          .error,
      0);
  auto v = views_to(out, b.l, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_DELETE"));
  // The deleted route's flags: RTF_UP cleared, RTF_CONDEMNED set
  // (rtrequest_common_locked), RTF_IFSCOPE, RTF_PRCLONING, RTF_GLOBAL kept.
  EXPECT_EQ(v[0].get(Field::flags), osflag(p, "GATEWAY") | osflag(p, "STATIC") |
                                        osflag(p, "PRCLONING") | osflag(p, "IFSCOPE") |
                                        osflag(p, "CONDEMNED") | osflag(p, "GLOBAL") |
                                        osflag(p, "DONE"));
  EXPECT_EQ(v[0].get(Field::index), b.en1);
  const auto d = b.defaults();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].ifscope, 0);
  out.clear();
  auto w = b.write(b.s, b.scoped("RTM_DELETE", "0.0.0.0", std::nullopt, 0, {}, b.en1, 3), out);
  EXPECT_EQ(w.error, os_err(p, ESRCH));
  // An unscoped delete takes the unscoped default.
  out.clear();
  ASSERT_EQ(b.write(b.s, route_msg(p, "RTM_DELETE", "0.0.0.0", std::nullopt, 0, {}, 4), out).error,
            0);
  EXPECT_TRUE(b.defaults().empty());
}

TEST(DarwinScope, ChangeMovesOnlyTheScopedGateway) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  ASSERT_EQ(b.write(b.s,
                    b.scoped("RTM_ADD", "0.0.0.0", "198.51.100.1", 0, {"UP", "GATEWAY", "STATIC"},
                             b.en1, 1),
                    out)
                .error,
            0);
  out.clear();
  ASSERT_EQ(
      b.write(b.s, b.scoped("RTM_CHANGE", "0.0.0.0", "198.51.100.2", 0, {"GATEWAY"}, b.en1, 2), out)
          .error,
      0);
  auto v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  // Darwin echoes the request (rtm_index as written).
  EXPECT_EQ(v[0].get(Field::index), b.en1);
  EXPECT_NE(v[0].get(Field::flags) & osflag(p, "IFSCOPE"), 0);
  const auto d = b.defaults();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].gateway.str(), "192.0.2.1");
  EXPECT_EQ(d[1].gateway.str(), "198.51.100.2");
  EXPECT_EQ(d[1].ifscope, b.en1);
}

TEST(DarwinScope, DumpsShowTheFlagAndIndex) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  ASSERT_EQ(b.write(b.s,
                    b.scoped("RTM_ADD", "0.0.0.0", "198.51.100.1", 0, {"UP", "GATEWAY", "STATIC"},
                             b.en1, 1),
                    out)
                .error,
            0);
  const std::int64_t ifscope = osflag(p, "IFSCOPE");
  for (int op : {1, 7}) {                                 // NET_RT_DUMP, NET_RT_DUMP2
    std::vector<std::pair<std::int64_t, bool>> defaults;  // (index, scoped)
    for (const auto& m : b.dump(op, 0))
      if (dst_of(m) == "0.0.0.0")
        defaults.emplace_back(m.get(Field::index), (m.get(Field::flags) & ifscope) != 0);
    ASSERT_EQ(defaults.size(), 2u) << op;
    EXPECT_EQ(defaults[0], std::make_pair(std::int64_t{b.em0}, false)) << op;
    EXPECT_EQ(defaults[1], std::make_pair(std::int64_t{b.en1}, true)) << op;
  }
  // NET_RT_FLAGS with RTF_IFSCOPE: the scoped route alone.
  const auto only = b.dump(2, static_cast<int>(ifscope));
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(dst_of(only[0]), "0.0.0.0");
  EXPECT_EQ(only[0].get(Field::index), b.en1);
  EXPECT_TRUE(only[0].has_addr(rtsock::abi::kNetmask));
}

TEST(DarwinScope, InterfaceGoneReportsTheScopedRouteDeleted) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  ASSERT_EQ(b.write(b.s,
                    b.scoped("RTM_ADD", "0.0.0.0", "198.51.100.1", 0, {"UP", "GATEWAY", "STATIC"},
                             b.en1, 1),
                    out)
                .error,
            0);
  out.clear();
  ASSERT_EQ(b.eng->if_destroy(b.s, "en1", out), 0);
  bool seen = false;
  for (const auto& m : views_to(out, b.l, p)) {
    if (m.type() != type_of(p, "RTM_DELETE") || dst_of(m) != "0.0.0.0") continue;
    seen = true;
    EXPECT_NE(m.get(Field::flags) & osflag(p, "IFSCOPE"), 0);
    EXPECT_EQ(m.get(Field::index), b.en1);
  }
  EXPECT_TRUE(seen);
  ASSERT_EQ(b.defaults().size(), 1u);
}

TEST(DarwinScope, OtherPersonalitiesHaveNoScope) {
  // FreeBSD has no RTF_IFSCOPE; rtm_index on RTM_GET decides nothing.
  Bed b("freebsd12");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<Delivery> out;
  auto m = route_msg(p, "RTM_GET", "203.0.113.5", std::nullopt, std::nullopt, {}, 1);
  m.set(Field::index, 9);
  ASSERT_EQ(b.write(s, m, out).error, 0);
  auto v = views_to(out, s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(dst_of(v[0]), "0.0.0.0");
}

// route_output RTM_ADD: rt_setif(rt, IFP, IFA, GATEWAY, ifscope) after the
// add. An AF_LINK IFP with an index moves the route to that interface,
// silently, while the key keeps its scope.
TEST(DarwinScope, AddWithIfpOfAnotherInterfaceMovesTheRoute) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  std::vector<Delivery> out;
  auto m = b.scoped("RTM_ADD", "10.0.0.0", "192.0.2.1", 8, {"UP", "GATEWAY"}, b.em0, 1);
  m.set_addr(rtsock::abi::kIfp, rtsock::codec::Sockaddr::link(b.en1, 0));
  ASSERT_EQ(b.write(b.s, m, out).error, 0);
  auto v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::index), b.em0);  // the request as written
  out.clear();
  ASSERT_EQ(b.write(b.s, b.scoped("RTM_GET", "10.0.0.0", std::nullopt, 8, {}, b.em0, 2), out).error,
            0);
  v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::index), b.en1);
  EXPECT_NE(v[0].get(Field::flags) & osflag(p, "IFSCOPE"), 0);
}

// rt_setgate, called by RTM_CHANGE before rt_setif: the new gateway's route
// in the scope is em0's own address's, on lo0: ENETUNREACH for a network.
TEST(DarwinScope, ChangeToAGatewayRoutedOffTheScopeIsEnetunreach) {
  ScopeBed b;
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  ASSERT_TRUE(b.eng->boot_address("em0", {addr("2001:db8::10"), 64, {}, {}}).has_value());
  std::vector<Delivery> out;
  ASSERT_EQ(
      b.write(b.s,
              b.scoped("RTM_ADD", "2001:db8:99::", "2001:db8::1", 48, {"UP", "GATEWAY"}, b.em0, 1),
              out)
          .error,
      0);
  out.clear();
  auto w = b.write(
      b.s, b.scoped("RTM_CHANGE", "2001:db8:99::", "2001:db8::10", 48, {"GATEWAY"}, b.em0, 2), out);
  EXPECT_EQ(w.error, os_err(p, ENETUNREACH));
  auto v = views_to(out, b.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::err), os_err(p, ENETUNREACH));
}

}  // namespace
