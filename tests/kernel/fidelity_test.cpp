// Kernel fidelity per personality (issue 16): what a NetBSD or FreeBSD kernel
// writes where the emulation used to simplify — sockaddr_dl lengths, flags of
// address routes, reply contents, dump formats, address-route order, FIBs.
// Sources: NetBSD sys/net/if_dl (sockaddr_dl_measure), if_arp.c arp_setgate,
// route.c rt_ifa_addlocal, rtsock_shared.c (route_output, sysctl_iflist);
// FreeBSD sys/net/rtsock.c (update_rtm_from_rc, rt_getmetrics,
// sa6_recoverscope), if.c ifa_ifwithnet(fibnum), in6.c; xnu bsd/net/rtsock.c
// (sysctl_iflist, sysctl_iflist2, route_output, sysctl_dumpentry, rt_newaddrmsg),
// route.c rtinit_locked, in.c in_ifinit.
#include <gtest/gtest.h>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using Out = std::vector<rtsock::kernel::Delivery>;

// The raw bytes of the sockaddr in `slot` of the first message in `b`.
std::vector<std::uint8_t> raw_sa(const rtsock::abi::Profile& p, std::span<const std::byte> b,
                                 int slot) {
  auto v = rtsock::codec::parse_message(b, p);
  EXPECT_TRUE(v.has_value());
  if (!v) return {};
  const auto& L = p.layout(v->kind());
  std::size_t off = L.size;
  const auto addrs = static_cast<std::uint32_t>(v->get(Field::addrs));
  for (int i = 0; i < slot; ++i)
    if (addrs & (1u << i)) {
      const std::size_t len = std::to_integer<std::size_t>(b[off]);
      off += len == 0 ? p.sa_align : (len + p.sa_align - 1) / p.sa_align * p.sa_align;
    }
  if ((addrs & (1u << slot)) == 0) return {};
  const std::size_t len = std::to_integer<std::size_t>(b[off]);
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < len; ++i) out.push_back(std::to_integer<std::uint8_t>(b[off + i]));
  return out;
}

rtsock::codec::Message get_msg(const rtsock::abi::Profile& p, std::string_view dst, bool with_if) {
  auto m = route_msg(p, "RTM_GET", dst, std::nullopt, std::nullopt, {}, 9);
  if (with_if) m.set_addr(rtsock::abi::kIfp, rtsock::codec::Sockaddr::link(0, 0));
  return m;
}

// ---- NetBSD ----

// sockaddr_dl_measure: sdl_len = 8 + name + address, no padding to 20; the
// prototype gateway of an interface route is measured for em0's name and
// MAC but carries neither (arp_setgate).
TEST(Fidelity, Netbsd_SockaddrDl_CompactLengths) {
  Bed b("netbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Out out;
  ASSERT_EQ(b.write(s, get_msg(p, "192.0.2.77", true), out).error, 0);
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  const std::span<const std::byte> bytes(*mine[0]->bytes);
  auto gw = raw_sa(p, bytes, rtsock::abi::kGateway);
  ASSERT_GE(gw.size(), 8u);
  EXPECT_EQ(gw[0], 8 + 3 + 6);  // "em0" + 6-byte MAC
  EXPECT_EQ(gw[1], p.af_link);
  EXPECT_EQ(gw[5], 0);  // sdl_nlen
  EXPECT_EQ(gw[6], 0);  // sdl_alen
  auto ifp = raw_sa(p, bytes, rtsock::abi::kIfp);
  ASSERT_GE(ifp.size(), 8u);
  EXPECT_EQ(ifp[0], 17);
  EXPECT_EQ(ifp[5], 3);
  EXPECT_EQ(ifp[6], 6);
  // The loopback address's route: RTF_LOCAL, gateway lo0's named sockaddr_dl
  // (11 bytes, padded to 16).
  out.clear();
  ASSERT_EQ(b.write(s, get_msg(p, "127.0.0.1", false), out).error, 0);
  mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  auto v = view(*mine[0], p);
  EXPECT_NE(v.get(Field::flags) & osflag(p, "LOCAL"), 0);
  EXPECT_EQ(v.get(Field::flags) & osflag(p, "STATIC"), 0);
  gw = raw_sa(p, std::span<const std::byte>(*mine[0]->bytes), rtsock::abi::kGateway);
  ASSERT_EQ(gw.size(), 11u);
  EXPECT_EQ(std::string(gw.begin() + 8, gw.end()), "lo0");
}

// Interface routes are RTF_CONNECTED, local-address routes RTF_LOCAL (not
// RTF_STATIC), on NetBSD 8+ only.
TEST(Fidelity, Netbsd_AddressRoutes_ConnectedAndLocal) {
  for (const char* pers : {"netbsd", "freebsd"}) {
    Bed b(pers);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    Out out;
    ASSERT_EQ(b.write(s, get_msg(p, "192.0.2.77", false), out).error, 0);
    const auto net = view(*to(out, s).at(0), p).get(Field::flags);
    Out out2;
    ASSERT_EQ(b.write(s, get_msg(p, "192.0.2.10", false), out2).error, 0);
    const auto local = view(*to(out2, s).at(0), p).get(Field::flags);
    const bool nb8 = std::string_view(pers) == "netbsd";
    if (nb8) {
      EXPECT_NE(net & osflag(p, "CONNECTED"), 0) << pers;
      EXPECT_NE(local & osflag(p, "LOCAL"), 0) << pers;
    }
    EXPECT_EQ((local & osflag(p, "STATIC")) != 0, !nb8) << pers;
  }
}

// ifm_flags is the short if_flags sign-extended; lo0 has no link state.
TEST(Fidelity, Netbsd_Ifinfo_SignExtendedFlagsAndLoopbackLinkUnknown) {
  Bed b("netbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  const int mib[] = {4, p.af_route, 0, 0, 6, 1};  // NET_RT_IFLIST, lo0
  Bytes dump;
  ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0);
  const auto& L = p.layout(rtsock::abi::HdrKind::ifinfo);
  const auto* f = L.find(Field::flags);
  ASSERT_NE(f, nullptr);
  std::uint32_t flags = 0;
  for (std::size_t i = 0; i < 4; ++i)
    flags |= std::to_integer<std::uint32_t>(dump[f->off + i]) << (8 * i);
  EXPECT_EQ(flags, 0xffff8009u);  // UP|LOOPBACK|MULTICAST(0x8000), extended
  auto first = *rtsock::codec::RibView(dump, p).begin();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->get(Field::ifi_link_state), 0);
}

// rtm_index of an RTM_GET reply: the caller's own unless IFP/IFA were asked.
TEST(Fidelity, Netbsd_GetReply_IndexOnlyWhenIfpAsked) {
  Bed b("netbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Out out;
  ASSERT_EQ(b.write(s, get_msg(p, "192.0.2.77", false), out).error, 0);
  EXPECT_EQ(view(*to(out, s).at(0), p).get(Field::index), 0);
  out.clear();
  ASSERT_EQ(b.write(s, get_msg(p, "192.0.2.77", true), out).error, 0);
  EXPECT_EQ(view(*to(out, s).at(0), p).get(Field::index), 2);
}

// NET_RT_IFLIST: if_dl first, inet entries without IFP. NET_RT_OIFLIST (5):
// the same list with 7.x address messages (RTM_ONEWADDR).
TEST(Fidelity, Netbsd_Iflist_LinkEntryNoIfpAndOldFormat) {
  Bed b("netbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  for (int op : {6, 5}) {
    const int mib[] = {4, p.af_route, 0, 0, op, 2};  // em0
    Bytes dump;
    ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0) << op;
    std::vector<rtsock::codec::MessageView> v;
    for (const auto& r : rtsock::codec::RibView(dump, p)) {
      ASSERT_TRUE(r.has_value()) << op << ": " << r.error().message();
      v.push_back(*r);
    }
    ASSERT_EQ(v.size(), 4u) << op;  // ifinfo, link, inet6 link-local (in6_ifattach), inet
    const auto addr_type = op == 6 ? type_of(p, "RTM_NEWADDR") : type_of(p, "RTM_ONEWADDR");
    EXPECT_EQ(v[0].type(), type_of(p, "RTM_IFINFO"));
    for (std::size_t i = 1; i < v.size(); ++i) {
      EXPECT_EQ(v[i].type(), addr_type) << op;
      EXPECT_EQ(v[i].addr(rtsock::abi::kIfp).kind, rtsock::codec::SaKind::empty) << op;
    }
    EXPECT_EQ(v[1].addr(rtsock::abi::kIfa).kind, rtsock::codec::SaKind::link);
    EXPECT_EQ(std::string(v[1].addr(rtsock::abi::kIfa).link_name()), "em0");
    // em0 came up (in6_ifattach) before the boot configuration's address.
    EXPECT_EQ(rtsock::codec::ip_string(v[2].addr(rtsock::abi::kIfa)), "fe80::20c:29ff:fe66:2cdc%2");
    EXPECT_EQ(rtsock::codec::ip_string(v[3].addr(rtsock::abi::kIfa)), "192.0.2.10");
    EXPECT_EQ(rtsock::codec::ip_string(v[3].addr(rtsock::abi::kBrd)), "192.0.2.255");
  }
}

// route_output RTM_CHANGE on NetBSD 8+ applies -reject/-blackhole
// (tests/net/route/t_change.sh route_change_reject2blackhole).
TEST(Fidelity, Netbsd_Change_AppliesRejectAndBlackhole) {
  Bed b("netbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Out out;
  ASSERT_EQ(b.write(s,
                    route_msg(p, "RTM_ADD", "207.46.197.32", "127.0.0.1", std::nullopt,
                              {"UP", "GATEWAY", "HOST", "STATIC", "REJECT"}, 1),
                    out)
                .error,
            0);
  ASSERT_EQ(b.write(s,
                    route_msg(p, "RTM_CHANGE", "207.46.197.32", "127.0.0.1", std::nullopt,
                              {"UP", "GATEWAY", "HOST", "STATIC", "BLACKHOLE"}, 2),
                    out)
                .error,
            0);
  out.clear();
  ASSERT_EQ(b.write(s, get_msg(p, "207.46.197.32", false), out).error, 0);
  const auto f = view(*to(out, s).at(0), p).get(Field::flags);
  EXPECT_EQ(f & osflag(p, "REJECT"), 0);
  EXPECT_NE(f & osflag(p, "BLACKHOLE"), 0);
}

// ifa_ifwithroute: a gateway reachable only through a gateway route is
// unreachable on NetBSD (t_route.sh route_command_add), fine on FreeBSD.
// NetBSD 10 RO_MISSFILTER (rtsock_shared.c route_ctloutput, route_filter):
// a socket with a filter hears RTM_MISS only for the destinations it lists
// (sockaddrs compared by length and bytes); an AF_UNSPEC entry matches none;
// an empty value removes the filter. Other messages are not filtered.
TEST(Fidelity, Netbsd_MissFilter_OnlyListedDestinations) {
  Bed b("netbsd", /*with_default=*/false);
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto plain = b.open(0, 100);
  auto filtered = b.open(0, 200);
  auto sockaddrs = [&](std::initializer_list<std::string_view> dsts) {
    Bytes v;
    for (auto d : dsts) {
      std::vector<std::byte> sa;
      if (d.empty()) {  // AF_UNSPEC, as dhcpcd sets for "no misses"
        sa = {std::byte{16}, std::byte{0}};
        sa.resize(16);
      } else {
        auto m = rtsock::codec::Message::make(p, type_of(p, "RTM_GET"));
        m.set_addr(rtsock::abi::kDst, sa4(d));
        const Bytes w = wire(p, m);
        const std::size_t hdr = p.layout(rtsock::abi::HdrKind::route).size;
        sa.assign(w.begin() + static_cast<std::ptrdiff_t>(hdr), w.end());
      }
      v.insert(v.end(), sa.begin(), sa.end());
    }
    return v;
  };
  auto misses = [&](rtsock::kernel::SockId s, std::string_view dst) {
    Out out;
    EXPECT_EQ(b.eng->forward(0, addr(dst), out).verdict, rtsock::fib::Forward::Verdict::miss);
    int n = 0;
    for (const auto& v : views_to(out, s, p))
      if (v.type() == type_of(p, "RTM_MISS")) ++n;
    return n;
  };
  ASSERT_EQ(b.eng->setsockopt(filtered, p.af_route, 2, sockaddrs({"198.51.100.7", "203.0.113.9"})),
            0);
  EXPECT_EQ(misses(filtered, "198.51.100.7"), 1);
  EXPECT_EQ(misses(filtered, "203.0.113.9"), 1);
  EXPECT_EQ(misses(filtered, "203.0.113.10"), 0);
  EXPECT_EQ(misses(plain, "203.0.113.10"), 1);
  ASSERT_EQ(b.eng->setsockopt(filtered, p.af_route, 2, sockaddrs({""})), 0);
  EXPECT_EQ(misses(filtered, "198.51.100.7"), 0);
  // Other messages still arrive.
  Out out;
  ASSERT_EQ(b.write(plain, route_msg(p, "RTM_ADD", "10.9.0.0", "192.0.2.1", 16,
                                     {"UP", "GATEWAY", "STATIC"}, 1),
                    out)
                .error,
            0);
  EXPECT_FALSE(views_to(out, filtered, p).empty());
  ASSERT_EQ(b.eng->setsockopt(filtered, p.af_route, 2, {}), 0);
  EXPECT_EQ(misses(filtered, "203.0.113.10"), 1);
  // Malformed values: a sockaddr shorter than its header, bytes past the
  // last one, more than RO_FILTSA_MAX (30); not readable back.
  EXPECT_EQ(b.eng->setsockopt(filtered, p.af_route, 2, Bytes{std::byte{1}, std::byte{2}}),
            os_err(p, EINVAL));
  Bytes tail = sockaddrs({"198.51.100.7"});
  tail.push_back(std::byte{0});
  EXPECT_EQ(b.eng->setsockopt(filtered, p.af_route, 2, tail), os_err(p, EINVAL));
  Bytes many;
  for (int i = 0; i < 31; ++i) {
    const Bytes one = sockaddrs({"198.51.100.7"});
    many.insert(many.end(), one.begin(), one.end());
  }
  EXPECT_EQ(b.eng->setsockopt(filtered, p.af_route, 2, many), os_err(p, ENOBUFS));
  auto got = b.eng->getsockopt(filtered, p.af_route, 2);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code().value(), os_err(p, ENOPROTOOPT));
  // Other personalities have no such option.
  Bed f("freebsd", false);
  auto fs = f.open(0, 1);
  EXPECT_EQ(f.eng->setsockopt(fs, f.p->af_route, 2, sockaddrs({"198.51.100.7"})),
            os_err(*f.p, ENOPROTOOPT));
}

TEST(Fidelity, GatewayViaGatewayRoute_RefusedOnNetbsdOnly) {
  for (const char* pers : {"netbsd", "freebsd"}) {
    Bed b(pers);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    Out out;
    ASSERT_EQ(b.write(s,
                      route_msg(p, "RTM_ADD", "10.0.1.0", "192.0.2.2", 24,
                                {"UP", "GATEWAY", "STATIC"}, 1),
                      out)
                  .error,
              0);
    const auto r = b.write(
        s, route_msg(p, "RTM_ADD", "10.0.6.0", "10.0.1.1", 24, {"UP", "GATEWAY", "STATIC"}, 2),
        out);
    EXPECT_EQ(r.error, std::string_view(pers) == "netbsd" ? os_err(p, ENETUNREACH) : 0) << pers;
  }
}

// ---- FreeBSD ----

// update_rtm_from_rc: the add reply carries the route's metrics (weight 1 by
// default, the nexthop's MTU and index), not the request's zeros.
TEST(Fidelity, Freebsd_AddReply_RouteMetrics) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Out out;
  ASSERT_EQ(b.write(s,
                    route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16,
                              {"UP", "GATEWAY", "STATIC"}, 1),
                    out)
                .error,
            0);
  auto v = view(*to(out, s).at(0), p);
  EXPECT_EQ(v.get(Field::rmx_weight), 1);
  EXPECT_EQ(v.get(Field::rmx_mtu), 1500);
  EXPECT_NE(v.get(Field::rmx_nhidx), 0);
}

// deembed_scopeid: link-local addresses leave with the plain address and
// sin6_scope_id; NetBSD keeps the KAME-embedded form.
TEST(Fidelity, Freebsd_LinkLocal_PlainAddressWithScopeId) {
  for (const char* pers : {"freebsd", "netbsd"}) {
    Bed b(pers);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("fe80:2::1"), 64, {}, {}}, out), 0);
    bool seen = false;
    for (const auto* d : to(out, l)) {
      auto v = view(*d, p);
      if (v.type() != type_of(p, "RTM_NEWADDR")) continue;
      const auto ifa = raw_sa(p, std::span<const std::byte>(*d->bytes), rtsock::abi::kIfa);
      ASSERT_EQ(ifa.size(), 28u);
      const bool freebsd = std::string_view(pers) == "freebsd";
      EXPECT_EQ(ifa[8 + 3], freebsd ? 0 : 2) << pers;   // embedded zone byte
      EXPECT_EQ(ifa[24], freebsd ? 2 : 0) << pers;      // sin6_scope_id (LE)
      seen = true;
    }
    EXPECT_TRUE(seen) << pers;
  }
}

// in6_update_ifa adds the /128 loopback route before nd6 adds the prefix.
// in6_update_ifa: in6_broadcast_ifa reports the address's own ND entry
// (nd6_add_ifa_lle: RTM_ADD with RTF_LLINFO and em0's MAC), its groups, then
// in6_newaddrmsg the address and its host route; nd6_prelist_add the prefix.
TEST(Fidelity, Freebsd_Inet6AddressAdd_HostRouteBeforePrefix) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  Out out;
  ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:5::1"), 64, {}, {}}, out), 0);
  const std::int64_t llinfo = osflag(p, "LLINFO");
  ASSERT_NE(llinfo, 0);
  std::vector<std::string> seen;
  for (const auto& v : views_to(out, l, p)) {
    if (v.type() == type_of(p, "RTM_ADD"))
      seen.push_back(((v.get(Field::flags) & llinfo) != 0 ? "lle " : "route ") + dst_of(v));
    else if (v.type() == type_of(p, "RTM_NEWMADDR"))
      seen.push_back("group");
    else if (v.type() == type_of(p, "RTM_NEWADDR"))
      seen.push_back("addr");
  }
  // One group: em0 is in ff02::1 and ff01::1 already (another address).
  EXPECT_EQ(seen, (std::vector<std::string>{"lle 2001:db8:5::1", "group", "addr",
                                            "route 2001:db8:5::1", "route 2001:db8:5::"}));
  // The ND entry names em0's MAC.
  for (const auto& v : views_to(out, l, p))
    if (v.type() == type_of(p, "RTM_ADD") && (v.get(Field::flags) & llinfo) != 0) {
      EXPECT_EQ(v.addr(rtsock::abi::kGateway).kind, rtsock::codec::SaKind::link);
      EXPECT_EQ(v.addr(rtsock::abi::kGateway).link_addr().size(), 6u);
    }
}

}  // namespace

namespace {

// kern/187552 (FreeBSD tests/sys/netinet/fibs_test.sh): a default route in
// FIB 2 leaves through FIB 2's interface on the shared subnet, not FIB 0's.
TEST(Fidelity, Freebsd_GatewayResolvedInTheRequestsFib) {
  rtsock::kernel::Options o;
  o.personality = "freebsd";
  o.fibs = 3;
  auto e = rtsock::kernel::Engine::create(o);
  ASSERT_TRUE(e.has_value());
  auto& eng = **e;
  for (auto [name, ip, fib] : {std::tuple{"em0", "192.0.2.10", 0u}, {"em1", "192.0.2.20", 2u}}) {
    rtsock::fib::IfSpec i;
    i.name = name;
    i.type = rtsock::fib::ift::ether;
    i.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast;
    i.fib = fib;
    ASSERT_TRUE(eng.boot_interface(i).has_value());
    ASSERT_TRUE(eng.boot_address(name, {addr(ip), 24, {}, {}}).has_value());
  }
  rtsock::fib::RouteRequest r;
  r.fib = 2;
  r.dst = addr("0.0.0.0");
  r.plen = 0;
  r.gateway = rtsock::fib::Gateway::address(addr("192.0.2.1"));
  r.flags = rtsock::fib::rtf::up | rtsock::fib::rtf::gateway | rtsock::fib::rtf::static_;
  ASSERT_TRUE(eng.boot_route(r).has_value());
  const auto got = eng.fib().lookup(2, addr("198.51.100.1"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->ifindex, 2);
}

// ---- Darwin ----

// xnu sysctl_iflist / sysctl_iflist2 (and DragonFly's and FreeBSD 13's
// sysctl_iflist): RTAX_IFP goes with the interface's message only; its
// addresses carry IFA, NETMASK and BRD.
TEST(Fidelity, Iflist_AddressesWithoutIfp) {
  for (const char* os : {"darwin", "dragonfly", "freebsd"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    for (int op : {3, 6}) {
      if (op == 6 && std::string_view(os) != "darwin") continue;  // no NET_RT_IFLIST2
      const int mib[] = {4, p.af_route, 0, 0, op, 2};                // em0
      Bytes dump;
      ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0) << op;
      int addrs = 0;
      for (const auto& r : rtsock::codec::RibView(dump, p)) {
        ASSERT_TRUE(r.has_value()) << op << ": " << r.error().message();
        const auto kind = r->addr(rtsock::abi::kIfp).kind;
        if (r->type() == type_of(p, "RTM_NEWADDR")) {
          ++addrs;
          EXPECT_EQ(kind, rtsock::codec::SaKind::empty) << op;
          EXPECT_NE(r->addr(rtsock::abi::kIfa).kind, rtsock::codec::SaKind::empty) << op;
        } else if (r->type() == type_of(p, op == 3 ? "RTM_IFINFO" : "RTM_IFINFO2")) {
          EXPECT_EQ(kind, rtsock::codec::SaKind::link) << op;
        }
      }
      EXPECT_GE(addrs, 1) << op;  // the test bed gives em0 192.0.2.10
    }
  }
}

// xnu route_output writes rtm_pid only after the version, RTM_GET_SILENT and
// privilege checks: their errors come back with the caller's own rtm_pid.
TEST(Fidelity, Darwin_EarlyErrors_KeepTheRequestsPid) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto user = b.open(501, 100);
  auto root = b.open(0, 101);
  struct Case {
    const char* what;
    rtsock::kernel::SockId s;
    bool bad_version;
    int want;
  } const cases[] = {
      {"unprivileged RTM_ADD", user, false, EPERM},
      {"bad rtm_version", root, true, EPROTONOSUPPORT},
  };
  for (const auto& c : cases) {
    auto m = route_msg(p, "RTM_ADD", "10.7.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 3);
    m.set(Field::pid, 4242);
    Bytes w = wire(p, m);
    if (c.bad_version) w[2] = std::byte{0x7f};
    Out out;
    ASSERT_EQ(b.eng->write(c.s, w, out).error, os_err(p, c.want)) << c.what;
    auto mine = to(out, c.s);
    ASSERT_EQ(mine.size(), 1u) << c.what;
    const auto& r = *mine[0]->bytes;
    const auto* pid = p.layout(rtsock::abi::HdrKind::route).find(Field::pid);
    ASSERT_NE(pid, nullptr);
    std::uint32_t got = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t at = p.order == rtsock::abi::ByteOrder::little ? i : 3 - i;
      got |= std::to_integer<std::uint32_t>(r[pid->off + at]) << (8 * i);
    }
    EXPECT_EQ(got, 4242u) << c.what;
  }
}

// xnu route_output report: the RTM_GET/RTM_DELETE reply is the request's
// header with flags, index, addrs and metrics rewritten; rtm_use, rtm_inits
// and rtm_errno stay as the caller wrote them.
TEST(Fidelity, Darwin_GetAndDeleteReplies_EchoUseInitsErrno) {
  // DragonFly's _fillrtmsg builds the reply in the request's header too.
  for (const char* os : {"darwin", "dragonfly"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    Out out;
    ASSERT_EQ(
        b.write(s,
                route_msg(p, "RTM_ADD", "10.8.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1),
                out)
            .error,
        0);
    for (const char* type : {"RTM_GET", "RTM_DELETE"}) {
      auto m = route_msg(p, type, "10.8.0.0", std::nullopt, 16, {}, 2);
      m.set(Field::use, 77);
      m.set(Field::inits, 0x4);
      m.set(Field::err, 9);
      out.clear();
      ASSERT_EQ(b.write(s, m, out).error, 0) << os << type;
      auto v = view(*to(out, s).at(0), p);
      EXPECT_EQ(v.get(Field::use), 77) << os << type;
      EXPECT_EQ(v.get(Field::inits), 0x4) << os << type;
      EXPECT_EQ(v.get(Field::err), 9) << os << type;
      EXPECT_NE(v.get(Field::flags) & osflag(p, "DONE"), 0) << os << type;
      EXPECT_EQ(v.get(Field::index), 2) << os << type;
    }
  }
}

// xnu sysctl_dumpentry: a dumped route names its address (RTAX_IFA) but not
// its interface (no RTAX_IFP), for NET_RT_DUMP and NET_RT_DUMP2 alike.
TEST(Fidelity, Darwin_Dump_IfaWithoutIfp) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  for (int op : {1, 7}) {
    const int mib[] = {4, p.af_route, 0, 0, op, 0};
    Bytes dump;
    ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0) << op;
    int routes = 0;
    for (const auto& r : rtsock::codec::RibView(dump, p)) {
      ASSERT_TRUE(r.has_value()) << op << ": " << r.error().message();
      ++routes;
      EXPECT_EQ(r->addr(rtsock::abi::kIfp).kind, rtsock::codec::SaKind::empty) << op;
      EXPECT_NE(r->addr(rtsock::abi::kIfa).kind, rtsock::codec::SaKind::empty) << op;
    }
    EXPECT_GE(routes, 3) << op;
  }
}

// xnu in_ifinit -> rtinit_locked -> rt_newaddrmsg: RTM_NEWADDR, then the
// address's route as rt_msg1 built it (no RTF_DONE, zero metrics, rtm_index
// the address's interface); on deletion the route first, then RTM_DELADDR.
TEST(Fidelity, Darwin_AddressRoute_ReportedByRtNewaddrmsg) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  for (const bool add : {true, false}) {
    Out out;
    const int e = add ? b.eng->if_add_address(admin, "em0", {addr("198.51.100.1"), 24, {}, {}}, out)
                      : b.eng->if_delete_address(admin, "em0", addr("198.51.100.1"), out);
    ASSERT_EQ(e, 0);
    auto v = views_to(out, l, p);
    const auto a = first_of(v, type_of(p, add ? "RTM_NEWADDR" : "RTM_DELADDR"));
    const std::uint8_t rt = type_of(p, add ? "RTM_ADD" : "RTM_DELETE");
    const auto it = std::find_if(v.begin(), v.end(), [&](const auto& m) {
      return m.type() == rt && dst_of(m) == "198.51.100.0";
    });
    ASSERT_GE(a, 0) << add;
    ASSERT_NE(it, v.end()) << add;
    const auto r = it - v.begin();
    EXPECT_EQ(add, a < r) << "NEWADDR before RTM_ADD, RTM_DELETE before DELADDR";
    const auto& route = *it;
    EXPECT_EQ(route.get(Field::flags) & osflag(p, "DONE"), 0);
    EXPECT_EQ(route.get(Field::rmx_mtu), 0);
    EXPECT_EQ(route.get(Field::pid), 0);
    EXPECT_EQ(route.get(Field::index), 2);
  }
}

// xnu in_ifinit: an IPv4 address gets its prefix route through
// rtinit_locked and nothing else — no loopback host route (FreeBSD's
// in_addprefix/ifa_add_loopback_route makes one).
TEST(Fidelity, Darwin_Inet4Address_NoLoopbackRoute) {
  struct Case {
    const char* personality;
    bool loopback_route;
  } const cases[] = {{"darwin", false}, {"freebsd", true}};
  for (const auto& c : cases) {
    Bed b(c.personality);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto admin = b.open(0, 1);
    auto l = b.open(0, 200);
    Out out;
    ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("198.51.100.1"), 24, {}, {}}, out), 0);
    int adds = 0, host_adds = 0;
    for (const auto& m : views_to(out, l, p))
      if (m.type() == type_of(p, "RTM_ADD")) {
        ++adds;
        if (dst_of(m) == "198.51.100.1") ++host_adds;
      }
    EXPECT_EQ(adds, c.loopback_route ? 2 : 1) << c.personality;
    EXPECT_EQ(host_adds, c.loopback_route ? 1 : 0) << c.personality;
    out.clear();
    ASSERT_EQ(b.write(admin, get_msg(p, "198.51.100.1", false), out).error, 0);
    auto v = view(*to(out, admin).at(0), p);
    EXPECT_EQ((v.get(Field::flags) & osflag(p, "HOST")) != 0, c.loopback_route) << c.personality;
  }
}

}  // namespace
