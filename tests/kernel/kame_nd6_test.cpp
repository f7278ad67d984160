// The KAME nd6 life of an IPv6 address (issue 16) as listeners and dumps see
// it, and the marks in_addroute/in6_addroute put on routes. Sources: xnu
// bsd/netinet6/in6.c (in6_update_ifa, in6_ifaddloop, in6_ifloop_request,
// in6_ifaupdate_aux, in6ctl_aifaddr, in6_purgeaddr), nd6.c nd6_rtrequest,
// nd6_rtr.c (nd6_prefix_onlink_common, nd6_rtmsg), in6_rmx.c in6_addroute,
// in_rmx.c in_addroute, route.c rtrequest_common_locked, rtsock.c
// route_output; DragonFly sys/netinet6/in6.c, in6_rmx.c, netinet/in_rmx.c;
// NetBSD sys/netinet6/in6.c in6_join_mcastgroups.
#include <gtest/gtest.h>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using rtsock::codec::SaKind;
using Out = std::vector<rtsock::kernel::Delivery>;

constexpr int kEm0 = 2;

// An RTF_* bit, 0 where the OS has no such flag.
std::int64_t flag_or_0(const rtsock::abi::Profile& p, std::string_view name) {
  for (std::size_t i = 0; i < p.rtf.size(); ++i)
    if (p.rtf[i] == name) return std::int64_t{1} << i;
  return 0;
}

std::vector<rtsock::codec::MessageView> dump6(Bed& b, rtsock::kernel::SockId s, Bytes& keep) {
  const int mib[] = {4, b.p->af_route, 0, b.p->af_inet6, 1, 0};
  EXPECT_EQ(b.eng->sysctl(s, mib, keep), 0);
  std::vector<rtsock::codec::MessageView> out;
  for (const auto& r : rtsock::codec::RibView(keep, *b.p)) {
    EXPECT_TRUE(r.has_value());
    if (r) out.push_back(*r);
  }
  return out;
}

// in6_ifaddloop → rt_newaddrmsg (RTM_NEWADDR, the loopback route: RTF_LLINFO,
// the interface's MAC, index of the address's interface, no RTF_DONE),
// in6_ifaupdate_aux's joins, then nd6_prefix_onlink → nd6_rtmsg (DST,
// GATEWAY, NETMASK, IFP, IFA; RTF_DONE; rtm_index 0; no metrics). Deleting:
// in6_ifremloop's RTM_DELETE and RTM_DELADDR, the leaves, the prefix last.
TEST(KameNd6, Inet6Address_KernelOrderAndShapes) {
  for (const char* os : {"darwin", "dragonfly"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:1::abcd"), 64, {}, {}}, out), 0);
    auto v = views_to(out, l, p);
    ASSERT_GE(v.size(), 4u) << os;
    EXPECT_EQ(v[0].type(), type_of(p, "RTM_NEWADDR")) << os;
    EXPECT_EQ(v[0].get(Field::flags) & osflag(p, "CLONING"), osflag(p, "CLONING")) << os;
    const auto& loop = v[1];
    ASSERT_EQ(loop.type(), type_of(p, "RTM_ADD")) << os;
    EXPECT_EQ(dst_of(loop), "2001:db8:1::abcd") << os;
    EXPECT_EQ(loop.get(Field::flags) & (osflag(p, "LLINFO") | osflag(p, "HOST") | osflag(p, "DONE")),
              osflag(p, "LLINFO") | osflag(p, "HOST"))
        << os;
    EXPECT_EQ(loop.get(Field::index), kEm0) << os;
    const auto gw = loop.addr(rtsock::abi::kGateway);
    ASSERT_EQ(gw.kind, SaKind::link) << os;
    EXPECT_EQ(gw.alen, 6) << os;
    EXPECT_EQ(gw.link_index, kEm0) << os;
    const auto joined = first_of(v, type_of(p, "RTM_NEWMADDR"));
    ASSERT_EQ(joined, 2) << os;
    const auto& pfx = v.back();
    ASSERT_EQ(pfx.type(), type_of(p, "RTM_ADD")) << os;
    EXPECT_EQ(dst_of(pfx), "2001:db8:1::") << os;
    EXPECT_NE(pfx.get(Field::flags) & osflag(p, "DONE"), 0) << os;
    EXPECT_NE(pfx.get(Field::flags) & osflag(p, "CLONING"), 0) << os;
    EXPECT_EQ(pfx.get(Field::index), 0) << os;
    EXPECT_EQ(pfx.get(Field::rmx_mtu), 0) << os;
    EXPECT_EQ(pfx.addr(rtsock::abi::kIfp).link_index, kEm0) << os;
    // nd6_prefix_onlink prefers the interface's link-local address (DragonFly
    // gives em0 one when it comes up), else its first IPv6 address.
    EXPECT_EQ(rtsock::codec::ip_string(pfx.addr(rtsock::abi::kIfa)).substr(0, 4),
              std::string(os) == "dragonfly" ? "fe80" : "2001")
        << os;
    // No message for the multicast routes.
    for (const auto& m : v) EXPECT_NE(dst_of(m).substr(0, 2), "ff") << os;

    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(admin, "em0", addr("2001:db8:1::abcd"), out), 0);
    v = views_to(out, l, p);
    ASSERT_GE(v.size(), 3u) << os;
    ASSERT_EQ(v[0].type(), type_of(p, "RTM_DELETE")) << os;
    EXPECT_EQ(dst_of(v[0]), "2001:db8:1::abcd") << os;
    // nd6_rtrequest drops RTF_LLINFO with the llinfo; xnu condemns the entry.
    EXPECT_EQ(v[0].get(Field::flags) & osflag(p, "LLINFO"), 0) << os;
    if (std::string(os) == "darwin") {
      EXPECT_NE(v[0].get(Field::flags) & osflag(p, "CONDEMNED"), 0);
    }
    EXPECT_EQ(v[1].type(), type_of(p, "RTM_DELADDR")) << os;
    ASSERT_EQ(v.back().type(), type_of(p, "RTM_DELETE")) << os;
    EXPECT_EQ(dst_of(v.back()), "2001:db8:1::") << os;
    EXPECT_EQ(v.back().get(Field::index), 0) << os;
    EXPECT_NE(v.back().addr(rtsock::abi::kIfa).kind, SaKind::empty) << os;
  }
}

// The same IPv6 address on a second interface: its loopback route exists,
// so in6_ifaddloop adds nothing and nothing is announced; deleting it there
// leaves the first holder's loopback route (in6_ifremloop needs a single
// holder) and says nothing either.
TEST(KameNd6, SharedAddress_SecondHolderSilent) {
  for (const char* os : {"darwin", "dragonfly"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    Out out;
    rtsock::fib::IfSpec e;
    e.name = "em1";
    e.type = rtsock::fib::ift::ether;
    e.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast | rtsock::fib::iff::multicast;
    e.lladdr = {0x02, 0, 0, 0, 0, 0x11};
    ASSERT_EQ(b.eng->if_create(admin, e, out), 0);
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:9::1"), 64, {}, {}}, out), 0);
    out.clear();
    ASSERT_EQ(b.eng->if_add_address(admin, "em1", {addr("2001:db8:9::1"), 64, {}, {}}, out), 0);
    for (const auto& m : views_to(out, l, p)) {
      EXPECT_NE(m.type(), type_of(p, "RTM_NEWADDR")) << os;
      EXPECT_NE(dst_of(m), "2001:db8:9::1") << os;
    }
    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(admin, "em1", addr("2001:db8:9::1"), out), 0);
    for (const auto& m : views_to(out, l, p)) {
      EXPECT_NE(m.type(), type_of(p, "RTM_DELADDR")) << os;
      EXPECT_NE(dst_of(m), "2001:db8:9::1") << os;
    }
    const auto own = b.eng->fib().lookup(0, addr("2001:db8:9::1"));
    ASSERT_TRUE(own.has_value()) << os;
    EXPECT_TRUE(own->prefix.host) << os;
  }
}

// A second address of the prefix brings no prefix route; the prefix goes
// only with the last one (nd6_prefix_lookup, ndpr_addrcnt).
TEST(KameNd6, PrefixRoute_SharedByTheAddressesOfThePrefix) {
  for (const char* os : {"darwin", "dragonfly"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:1::1"), 64, {}, {}}, out), 0);
    out.clear();
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:1::2"), 64, {}, {}}, out), 0);
    auto prefix_msgs = [&] {
      int n = 0;
      for (const auto& m : views_to(out, l, p))
        if (dst_of(m) == "2001:db8:1::") ++n;
      return n;
    };
    EXPECT_EQ(prefix_msgs(), 0) << os;
    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(admin, "em0", addr("2001:db8:1::1"), out), 0);
    EXPECT_EQ(prefix_msgs(), 0) << os;
    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(admin, "em0", addr("2001:db8:1::2"), out), 0);
    EXPECT_EQ(prefix_msgs(), 1) << os;
  }
}

// in6_update_ifa's multicast routes: in the table, never announced, kept
// after the address goes. xnu: ff02::%if/32, ff01::%if/32, ff00::/8 scoped
// (UmCI); DragonFly: ff02::%if/32 cloning; NetBSD 8+: ff02 and ff01 /32
// RTF_CONNECTED.
TEST(KameNd6, MulticastRoutes_InTheTableNotAnnounced) {
  struct Case {
    const char* os;
    std::vector<std::string> dsts;
    std::vector<std::string_view> flags;
    bool scoped;
  } const cases[] = {
      {"darwin", {"ff00::", "ff01::", "ff02::"}, {"UP", "CLONING", "MULTICAST", "IFSCOPE"}, true},
      {"dragonfly", {"ff02::"}, {"UP", "CLONING", "MULTICAST"}, false},
      {"netbsd", {"ff01::", "ff02::"}, {"UP", "CONNECTED"}, false},
  };
  for (const auto& c : cases) {
    Bed b(c.os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:1::abcd"), 64, {}, {}}, out), 0);
    std::int64_t want = 0;
    for (auto f : c.flags) want |= osflag(p, f);
    const auto check = [&](const char* when) {
      Bytes keep;
      std::vector<std::string> seen;
      for (const auto& r : dump6(b, admin, keep)) {
        if (r.get(Field::index) != kEm0 || dst_of(r).substr(0, 2) != "ff") continue;
        seen.push_back(dst_of(r).substr(0, 6));
        EXPECT_EQ(r.get(Field::flags) & ~osflag(p, "DONE"), want) << c.os << " " << dst_of(r);
        EXPECT_EQ(r.addr(rtsock::abi::kGateway).kind, SaKind::link) << c.os;
      }
      std::sort(seen.begin(), seen.end());
      EXPECT_EQ(seen, c.dsts) << c.os << " " << when;
    };
    check("added");
    for (const auto& m : views_to(out, b.open(0, 300), p)) EXPECT_NE(dst_of(m).substr(0, 2), "ff");
    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(admin, "em0", addr("2001:db8:1::abcd"), out), 0);
    check("deleted");
  }
}

// in_addroute/in6_addroute: a route neither host, cloning nor multicast is
// RTF_PRCLONING; xnu's rtrequest marks a default route RTF_GLOBAL. FreeBSD
// 8+ and NetBSD have no such marks.
TEST(KameNd6, AddrouteMarks_PerKernel) {
  struct Case {
    const char* os;
    bool prcloning, global;
  } const cases[] = {{"darwin", true, true},
                     {"dragonfly", true, false},
                     {"freebsd", false, false},
                     {"netbsd", false, false}};
  for (const auto& c : cases) {
    Bed b(c.os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    Out out;
    ASSERT_EQ(b.write(s, route_msg(p, "RTM_ADD", "10.7.0.0", "192.0.2.1", 16,
                                   {"UP", "GATEWAY", "STATIC"}, 1),
                      out)
                  .error,
              0);
    for (const char* dst : {"10.7.0.0", "0.0.0.0"}) {
      out.clear();
      ASSERT_EQ(b.write(s, route_msg(p, "RTM_GET", dst, std::nullopt, dst[0] == '0' ? 0 : 16, {}, 2),
                        out)
                    .error,
                0);
      const auto v = view(*to(out, s).at(0), p);
      const std::int64_t pr = flag_or_0(p, "PRCLONING"), gl = flag_or_0(p, "GLOBAL");
      if (pr != 0 || c.prcloning) {
        EXPECT_EQ((v.get(Field::flags) & pr) != 0, c.prcloning) << c.os;
      }
      if (gl != 0 || c.global) {
        EXPECT_EQ((v.get(Field::flags) & gl) != 0, c.global && dst[0] == '0') << c.os << dst;
      }
    }
  }
}

// xnu route_output: a DST or GATEWAY whose family is AF_MAX (41) or more is
// EINVAL; other kernels answer an unknown family with EAFNOSUPPORT.
TEST(KameNd6, Darwin_FamilyPastAfMax_Einval) {
  struct Case {
    const char* os;
    int family;
    int want;
  } const cases[] = {
      {"darwin", 41, EINVAL}, {"darwin", 200, EINVAL}, {"darwin", 40, EAFNOSUPPORT},
      {"freebsd", 200, EAFNOSUPPORT}};
  for (const auto& c : cases) {
    Bed b(c.os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    auto m = route_msg(p, "RTM_GET", "10.7.0.0", std::nullopt, std::nullopt, {}, 1);
    Bytes w = wire(p, m);
    const std::size_t dst = p.layout(rtsock::abi::HdrKind::route).size;
    w[dst + 1] = std::byte(c.family);
    Out out;
    EXPECT_EQ(b.eng->write(s, w, out).error, os_err(p, c.want)) << c.os << " " << c.family;
  }
}

}  // namespace

namespace {

// xnu and DragonFly in_ifinit/in_addprefix: rtinit sends RTM_NEWADDR before
// IFA_ROUTE is set, in_ifscrub's rtinit sends RTM_DELADDR before it is
// cleared; a dump shows the address holding its route.
TEST(KameNd6, Inet4IfaRouteAfterNewaddrBeforeDeladdr) {
  for (const char* os : {"darwin", "dragonfly"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    const std::int64_t up = osflag(p, "UP");
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("198.51.100.1"), 24, {}, {}}, out), 0);
    auto v = views_to(out, l, p);
    auto na = first_of(v, type_of(p, "RTM_NEWADDR"));
    ASSERT_GE(na, 0) << os;
    EXPECT_EQ(v[static_cast<std::size_t>(na)].get(Field::flags) & up, 0) << os;
    Bytes dump;
    const int mib[] = {4, p.af_route, 0, p.af_inet, 3 /* NET_RT_IFLIST */, 0};
    ASSERT_EQ(b.eng->sysctl(l, mib, dump), 0) << os;
    bool listed = false;
    for (const auto& r : rtsock::codec::RibView(dump, p)) {
      ASSERT_TRUE(r.has_value());
      if (r->type() == type_of(p, "RTM_NEWADDR") && r->has_addr(rtsock::abi::kIfa) &&
          rtsock::codec::ip_string(r->addr(rtsock::abi::kIfa)) == "198.51.100.1") {
        listed = true;
        EXPECT_EQ(r->get(Field::flags) & up, up) << os;
      }
    }
    EXPECT_TRUE(listed) << os;
    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(admin, "em0", addr("198.51.100.1"), out), 0);
    v = views_to(out, l, p);
    const auto da = first_of(v, type_of(p, "RTM_DELADDR"));
    ASSERT_GE(da, 0) << os;
    EXPECT_EQ(v[static_cast<std::size_t>(da)].get(Field::flags) & up, up) << os;
  }
}

}  // namespace
