// Multicast memberships through the engine (issue 16): RTM_NEWMADDR and
// RTM_DELMADDR to listeners in the kernel's order, NET_RT_IFMALIST
// (FreeBSD) and NET_RT_IFLIST2's RTM_NEWMADDR2 (Darwin).
// Facts: docs/research/multicast-memberships.md.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "bed.hpp"

using rtsock::abi::Field;
using rtsock::codec::MessageView;
using rtsock::codec::SaKind;

namespace {

std::vector<std::uint8_t> lladdr_of(const rtsock::codec::Sockaddr& s) {
  if (s.kind != SaKind::link) return {};
  return {s.data.begin() + s.nlen, s.data.begin() + s.nlen + s.alen};
}

std::vector<std::uint8_t> types_of(const std::vector<MessageView>& v) {
  std::vector<std::uint8_t> r;
  for (const auto& m : v) r.push_back(m.type());
  return r;
}

// sysctl {CTL_NET, PF_ROUTE, 0, af, op, index}; the views point into dump,
// which the caller keeps.
std::vector<MessageView> route_sysctl(Bed& b, rtsock::kernel::SockId s, int op, int af, int index,
                                      int* err, Bytes& dump) {
  const int mib[] = {4, b.p->af_route, 0, af, op, index};
  dump.clear();
  *err = b.eng->sysctl(s, mib, dump);
  std::vector<MessageView> r;
  for (const auto& m : rtsock::codec::RibView(dump, *b.p)) {
    EXPECT_TRUE(m.has_value()) << m.error().message();
    if (m) r.push_back(*m);
  }
  return r;
}

std::vector<MessageView> ifmalist(Bed& b, rtsock::kernel::SockId s, int af, int index, int* err,
                                  Bytes& dump) {
  return route_sysctl(b, s, 4, af, index, err, dump);  // NET_RT_IFMALIST
}

TEST(Multicast, Engine_Freebsd_Inet6Alias_NewmaddrBeforeTheAddressMessages) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_add_address(s, "em0", {addr("2001:db8:1::abcd"), 64, {}, {}}, out), 0);
  auto v = views_to(out, s, p);
  const auto newaddr = type_of(p, "RTM_NEWADDR"), add = type_of(p, "RTM_ADD"),
             newmaddr = type_of(p, "RTM_NEWMADDR");
  // em0 holds ff02::1 and ff01::1 already, for its link-local address
  // (in6_ifattach at boot): only the solicited-node group is new. Its
  // RTM_NEWMADDR follows the address's ND entry (RTM_ADD, RTF_LLINFO) and
  // precedes in6_newaddrmsg's RTM_NEWADDR and host route (in6_broadcast_ifa).
  EXPECT_EQ(types_of(v), (std::vector<std::uint8_t>{add, newmaddr, newaddr, add, add}));
  ASSERT_EQ(v.size(), 5u);
  const std::uint16_t em = b.eng->fib().interface("em0")->index;
  const char* groups[] = {"ff02::1:ff00:abcd"};
  const std::vector<std::uint8_t> macs[] = {{0x33, 0x33, 0xff, 0x00, 0xab, 0xcd}};
  for (std::size_t i = 0; i < 1; ++i) {
    const MessageView& m = v[1 + i];
    EXPECT_EQ(m.get(Field::index), em);
    EXPECT_EQ(m.get(Field::flags), 0);
    const auto ifa = m.addr(rtsock::abi::kIfa);
    ASSERT_EQ(ifa.kind, SaKind::inet6);
    EXPECT_EQ(rtsock::codec::ip_string(ifa).substr(0, std::string(groups[i]).size()), groups[i]);
    EXPECT_EQ(ifa.scope_id, em);  // sa6_recoverscope
    const auto gw = m.addr(rtsock::abi::kGateway);
    ASSERT_EQ(gw.kind, SaKind::link);
    EXPECT_EQ(gw.link_index, em);
    EXPECT_EQ(gw.link_type, 6);  // IFT_ETHER, as ether_resolvemulti writes it
    EXPECT_EQ(gw.nlen, 0);
    EXPECT_EQ(lladdr_of(gw), macs[i]);
    const auto ifp = m.addr(rtsock::abi::kIfp);
    ASSERT_EQ(ifp.kind, SaKind::link);
    EXPECT_EQ(ifp.link_index, em);
  }
}

TEST(Multicast, Engine_Freebsd_DeleteLastInet_DelmaddrAfterDeladdr) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_delete_address(s, "em0", addr("192.0.2.10"), out), 0);
  auto v = views_to(out, s, p);
  ASSERT_GE(v.size(), 2u);
  EXPECT_EQ(v[v.size() - 2].type(), type_of(p, "RTM_DELADDR"));
  EXPECT_EQ(v.back().type(), type_of(p, "RTM_DELMADDR"));
  EXPECT_EQ(rtsock::codec::ip_string(v.back().addr(rtsock::abi::kIfa)), "224.0.0.1");
  EXPECT_EQ(lladdr_of(v.back().addr(rtsock::abi::kGateway)),
            (std::vector<std::uint8_t>{0x01, 0x00, 0x5e, 0, 0, 1}));
}

TEST(Multicast, Engine_Freebsd_Ifmalist_ListsGroupsNewestFirstWithFilters) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  int e = -1;
  Bytes d1, d2, d3, d4;
  auto all = ifmalist(b, s, 0, 0, &e, d1);
  ASSERT_EQ(e, 0);
  // Per interface, newest first (if_addmulti inserts at the head). lo0
  // came up before 127.0.0.1 was set: ::1 and fe80::1 joined ff02::1:ff00:1,
  // ff02::1 and ff01::1 (no link-layer groups), then 224.0.0.1. em0: its
  // link-local's groups, each IPv6 group after its 33:33 link group except
  // ff01::1 (which shares ff02::1's), then 224.0.0.1 after 01:00:5e:00:00:01.
  const std::uint16_t lo = b.eng->fib().interface("lo0")->index;
  const std::uint16_t em = b.eng->fib().interface("em0")->index;
  auto text = [](const MessageView& m) {
    const auto a = m.addr(rtsock::abi::kIfa);
    if (a.kind != SaKind::link) return rtsock::codec::ip_string(a);
    std::string t = "link";
    for (auto x : lladdr_of(a)) t += fmt::format(":{:02x}", x);
    return t;
  };
  std::vector<std::string> got;
  for (const auto& m : all) {
    EXPECT_EQ(m.type(), type_of(p, "RTM_NEWMADDR"));
    got.push_back(fmt::format("{} {}", m.get(Field::index) == lo ? "lo0" : "em0", text(m)));
  }
  // em0's link-local address is fe80::EUI-64 of its MAC, so its
  // solicited-node group ends in the MAC's last three bytes.
  const auto& mac = b.eng->fib().interface("em0")->lladdr;
  ASSERT_EQ(mac.size(), 6u);
  const std::string sn = fmt::format("em0 ff02::1:ff{:02x}:{:x}%2", mac[3], mac[4] << 8 | mac[5]);
  const std::string sn_link =
      fmt::format("em0 link:33:33:ff:{:02x}:{:02x}:{:02x}", mac[3], mac[4], mac[5]);
  const std::vector<std::string> want = {
      "lo0 224.0.0.1",  "lo0 ff01::1%1",  "lo0 ff02::1%1",
      "lo0 ff02::1:ff00:1%1",  "em0 224.0.0.1",  "em0 link:01:00:5e:00:00:01",
      "em0 ff01::1%2",  "em0 ff02::1%2",  "em0 link:33:33:00:00:00:01",
      sn,  sn_link};
  EXPECT_EQ(got, want);
  ASSERT_EQ(all.size(), 11u);
  EXPECT_EQ(all[0].get(Field::index), lo);
  EXPECT_EQ(all[4].get(Field::index), em);
  // lo0's groups have no link-layer address: no GATEWAY.
  EXPECT_EQ(all[0].addr(rtsock::abi::kGateway).kind, SaKind::empty);
  EXPECT_EQ(all[4].addr(rtsock::abi::kGateway).kind, SaKind::link);
  // The link-layer group: IFA is the group, no GATEWAY (sysctl_ifmalist).
  EXPECT_EQ(all[5].addr(rtsock::abi::kIfa).kind, SaKind::link);
  EXPECT_EQ(all[5].addr(rtsock::abi::kGateway).kind, SaKind::empty);
  auto link = ifmalist(b, s, p.af_link, 0, &e, d2);
  ASSERT_EQ(e, 0);
  ASSERT_EQ(link.size(), 3u);
  EXPECT_EQ(lladdr_of(link[0].addr(rtsock::abi::kIfa)),
            (std::vector<std::uint8_t>{0x01, 0x00, 0x5e, 0, 0, 1}));
  auto only_lo = ifmalist(b, s, p.af_inet, lo, &e, d3);
  ASSERT_EQ(only_lo.size(), 1u);
  EXPECT_EQ(ifmalist(b, s, p.af_inet6, 0, &e, d4).size(), 6u);
}

TEST(Multicast, Engine_Freebsd_Destroy_DelmaddrBeforeDeparture) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_add_address(s, "em0", {addr("2001:db8:1::1"), 64, {}, {}}, out), 0);
  out.clear();
  ASSERT_EQ(b.eng->if_destroy(s, "em0", out), 0);
  auto v = views_to(out, s, p);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v.back().type(), type_of(p, "RTM_IFANNOUNCE"));
  std::size_t dels = 0;
  for (const auto& m : v) if (m.type() == type_of(p, "RTM_DELMADDR")) ++dels;
  // 224.0.0.1, ff01::1, ff02::1, ff02::1:ff00:1 and the link-local
  // address's solicited-node group.
  EXPECT_EQ(dels, 5u);
}

TEST(Multicast, Engine_OtherKernels_NoMembershipMessages) {
  for (const char* os : {"openbsd", "netbsd"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng) << os;
    auto s = b.open(0, 100);
    std::vector<rtsock::kernel::Delivery> out;
    ASSERT_EQ(b.eng->if_add_address(s, "em0", {addr("2001:db8:1::1"), 64, {}, {}}, out), 0) << os;
    for (const auto& m : views_to(out, s, *b.p)) {
      EXPECT_NE(m.type(), b.p->type_number("RTM_NEWMADDR").value_or(0xff)) << os;
      EXPECT_NE(m.type(), b.p->type_number("RTM_NEWMADDR2").value_or(0xff)) << os;
    }
  }
  // NetBSD has no NET_RT_IFMALIST (4 is OpenBSD's NET_RT_STATS).
  Bed b("netbsd");
  ASSERT_TRUE(b.eng);
  auto s = b.open(0, 100);
  int e = 0;
  Bytes d;
  (void)ifmalist(b, s, 0, 0, &e, d);
  EXPECT_EQ(e, os_err(*b.p, EOPNOTSUPP));
}

// Per personality: an inet6 alias's solicited-node group is announced with
// the mapped Ethernet group as GATEWAY, in the shape the kernel stores it
// (FreeBSD before RTM_NEWADDR: in6_broadcast_ifa joins, then
// in6_newaddrmsg; Darwin and DragonFly after it), and its removal reports
// RTM_DELMADDR after RTM_DELADDR.
struct SolicitedCase {
  const char* os;
  bool normalized_sdl;  // Darwin copy_and_normalize: no index, no type, sdl_len 14
  long joins;           // the groups new to em0
  long leaves;          // the groups its removal leaves
  bool after_newaddr;   // RTM_NEWMADDR follows RTM_NEWADDR
};

TEST(Multicast, Engine_PerOs_Inet6Alias_SolicitedNodeGroupAnnouncedAndLeft) {
  // FreeBSD's em0 holds ff02::1 and ff01::1 for its link-local address
  // already; Darwin joins all three; DragonFly's em0 holds ff02::1 for its
  // link-local address (in6_ifattach), joins no ff01::1 off the loopback,
  // and leaves only the solicited-node group with the address.
  const SolicitedCase cases[] = {
      {"freebsd", false, 1, 1, false}, {"darwin", true, 3, 3, true}, {"dragonfly", false, 1, 1, true}};
  for (const auto& c : cases) {
    Bed b(c.os);
    ASSERT_TRUE(b.eng) << c.os;
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    const std::uint16_t em = b.eng->fib().interface("em0")->index;
    std::vector<rtsock::kernel::Delivery> out;
    ASSERT_EQ(b.eng->if_add_address(s, "em0", {addr("2001:db8:1::abcd"), 64, {}, {}}, out), 0)
        << c.os;
    auto v = views_to(out, s, p);
    const auto newmaddr = type_of(p, "RTM_NEWMADDR"), delmaddr = type_of(p, "RTM_DELMADDR");
    const auto at = first_of(v, newmaddr);  // the solicited-node group comes first
    ASSERT_GE(at, 0) << c.os;
    EXPECT_EQ(first_of(v, type_of(p, "RTM_NEWADDR")) < at, c.after_newaddr) << c.os;
    EXPECT_EQ(std::count_if(v.begin(), v.end(), [&](const auto& x) { return x.type() == newmaddr; }),
              c.joins)
        << c.os;
    const MessageView& m = v[static_cast<std::size_t>(at)];
    EXPECT_EQ(m.get(Field::index), em) << c.os;
    EXPECT_EQ(m.get(Field::flags), 0) << c.os;
    const auto ifa = m.addr(rtsock::abi::kIfa);
    EXPECT_EQ(rtsock::codec::ip_string(ifa).substr(0, 17), "ff02::1:ff00:abcd") << c.os;
    const auto gw = m.addr(rtsock::abi::kGateway);
    ASSERT_EQ(gw.kind, SaKind::link) << c.os;
    EXPECT_EQ(lladdr_of(gw), (std::vector<std::uint8_t>{0x33, 0x33, 0xff, 0x00, 0xab, 0xcd}))
        << c.os;
    EXPECT_EQ(gw.nlen, 0) << c.os;
    EXPECT_EQ(gw.link_index, c.normalized_sdl ? 0 : em) << c.os;
    EXPECT_EQ(gw.link_type, c.normalized_sdl ? 0 : 6) << c.os;  // IFT_ETHER
    if (c.normalized_sdl) {
      EXPECT_EQ(gw.wire_len, 14) << c.os;
    }
    EXPECT_EQ(m.addr(rtsock::abi::kIfp).link_index, em) << c.os;
    out.clear();
    ASSERT_EQ(b.eng->if_delete_address(s, "em0", addr("2001:db8:1::abcd"), out), 0) << c.os;
    v = views_to(out, s, p);
    // in6_purgeaddr: the address's groups, the solicited-node one last.
    const auto del = first_of(v, delmaddr);
    ASSERT_GE(del, 0) << c.os;
    EXPECT_LT(first_of(v, type_of(p, "RTM_DELADDR")), del) << c.os;
    EXPECT_EQ(std::count_if(v.begin(), v.end(), [&](const auto& x) { return x.type() == delmaddr; }),
              c.leaves)
        << c.os;
    // KAME kernels (Darwin, DragonFly) drop the prefix route after the
    // address (nd6 timer): the last leave is then followed by its RTM_DELETE.
    std::ptrdiff_t last = static_cast<std::ptrdiff_t>(v.size()) - 1;
    while (last > 0 && v[static_cast<std::size_t>(last)].type() != delmaddr) --last;
    const MessageView& left = v[static_cast<std::size_t>(last)];
    EXPECT_EQ(left.type(), delmaddr) << c.os;
    EXPECT_EQ(rtsock::codec::ip_string(left.addr(rtsock::abi::kIfa)).substr(0, 17),
              "ff02::1:ff00:abcd")
        << c.os;
    for (auto i = static_cast<std::size_t>(last) + 1; i < v.size(); ++i)
      EXPECT_EQ(v[i].type(), type_of(p, "RTM_DELETE")) << c.os;
  }
}

// sysctl NET_RT_IFLIST2 (Darwin): each interface's if_msghdr2, its
// ifa_msghdrs, then its memberships from the list's head as RTM_NEWMADDR2.
std::vector<MessageView> iflist2(Bed& b, rtsock::kernel::SockId s, int af, int index, int* err,
                                 Bytes& dump) {
  return route_sysctl(b, s, 6, af, index, err, dump);  // NET_RT_IFLIST2
}

// The bed's em0 has only 192.0.2.10; an IPv6 address brings its groups.
void add_inet6(Bed& b) {
  std::vector<rtsock::kernel::Delivery> out;
  auto s = b.open(0, 100);
  ASSERT_EQ(b.eng->if_add_address(s, "em0", {addr("2001:db8::10"), 64, {}, {}}, out), 0);
}

std::string group_text(const MessageView& m) {
  const auto a = m.addr(rtsock::abi::kIfa);
  if (a.kind != SaKind::link) return rtsock::codec::ip_string(a);
  std::string t = "link";
  for (auto x : lladdr_of(a)) t += fmt::format(":{:02x}", x);
  return t;
}

TEST(Multicast, Engine_Darwin_Iflist2_Newmaddr2AfterEachInterfacesAddresses) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  add_inet6(b);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  int e = -1;
  Bytes d;
  auto all = iflist2(b, s, 0, 0, &e, d);
  ASSERT_EQ(e, 0);
  const auto ifinfo2 = type_of(p, "RTM_IFINFO2"), newaddr = type_of(p, "RTM_NEWADDR"),
             newmaddr2 = type_of(p, "RTM_NEWMADDR2");
  std::vector<std::string> got;
  for (const auto& m : all) {
    const std::string ifn = m.get(Field::index) == 1 ? "lo0" : "em0";
    if (m.type() == ifinfo2) got.push_back(ifn);
    if (m.type() == newaddr) got.push_back(ifn + " addr " + group_text(m));
    if (m.type() == newmaddr2)
      got.push_back(fmt::format("{} group {} refs {}", ifn, group_text(m), m.get(Field::refcnt)));
  }
  // Newest first; a protocol group's record is requested once,
  // 33:33:00:00:00:01 by ff02::1 and ff01::1.
  const std::vector<std::string> want = {
      "lo0",
      "lo0 addr 127.0.0.1",
      "lo0 group 224.0.0.1 refs 1",
      "em0",
      "em0 addr 192.0.2.10",
      "em0 addr 2001:db8::10",
      "em0 group ff01::1%2 refs 1",
      "em0 group ff02::1%2 refs 1",
      "em0 group link:33:33:00:00:00:01 refs 2",
      "em0 group ff02::1:ff00:10%2 refs 1",
      "em0 group link:33:33:ff:00:00:10 refs 1",
      "em0 group 224.0.0.1 refs 1",
      "em0 group link:01:00:5e:00:00:01 refs 1"};
  EXPECT_EQ(got, want);
  ASSERT_EQ(all.size(), want.size());
  // struct ifma_msghdr2: 20 bytes, flags 0; GATEWAY only on protocol groups
  // that map to a link-layer group; af 0 leaves no GATEWAY behind.
  for (const auto& m : all) {
    if (m.type() != newmaddr2) {
      EXPECT_EQ(m.addr(rtsock::abi::kGateway).kind, SaKind::empty);
      continue;
    }
    EXPECT_EQ(m.get(Field::flags), 0);
    EXPECT_EQ(m.addr(rtsock::abi::kIfp).kind, SaKind::link);
  }
  EXPECT_EQ(all[2].addr(rtsock::abi::kGateway).kind, SaKind::empty);  // lo0: none
  EXPECT_EQ(lladdr_of(all[11].addr(rtsock::abi::kGateway)),
            (std::vector<std::uint8_t>{0x01, 0x00, 0x5e, 0, 0, 1}));
  EXPECT_EQ(all[12].addr(rtsock::abi::kIfa).wire_len, 14);  // copy_and_normalize
  EXPECT_EQ(all[12].addr(rtsock::abi::kIfa).link_index, 0);
  // The index filter.
  Bytes d2;
  auto em = iflist2(b, s, 0, 2, &e, d2);
  EXPECT_EQ(em.size(), 10u);
}

TEST(Multicast, Engine_Darwin_Iflist2_FamilyFilterCarriesTheLastGateway) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  add_inet6(b);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  int e = -1;
  Bytes d;
  auto v = iflist2(b, s, p.af_inet, 0, &e, d);
  ASSERT_EQ(e, 0);
  ASSERT_EQ(v.size(), 6u);
  const std::vector<std::uint8_t> allhosts{0x01, 0x00, 0x5e, 0, 0, 1};
  // sysctl_iflist2 keeps the last listed membership's GATEWAY in its
  // rt_addrinfo: em0's 224.0.0.1 (the sizing pass's last) rides on lo0's
  // if_msghdr2 and ifa_msghdr; lo0's own 224.0.0.1 has none and clears it.
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_IFINFO2"));
  EXPECT_EQ(lladdr_of(v[0].addr(rtsock::abi::kGateway)), allhosts);
  EXPECT_EQ(lladdr_of(v[1].addr(rtsock::abi::kGateway)), allhosts);
  EXPECT_EQ(group_text(v[2]), "224.0.0.1");
  EXPECT_EQ(v[2].addr(rtsock::abi::kGateway).kind, SaKind::empty);
  EXPECT_EQ(v[3].addr(rtsock::abi::kGateway).kind, SaKind::empty);
  EXPECT_EQ(v[4].addr(rtsock::abi::kGateway).kind, SaKind::empty);
  EXPECT_EQ(lladdr_of(v[5].addr(rtsock::abi::kGateway)), allhosts);
  // AF_LINK lists only the link-layer groups, no addresses.
  Bytes d2;
  auto link = iflist2(b, s, p.af_link, 0, &e, d2);
  ASSERT_EQ(e, 0);
  std::size_t groups = 0;
  for (const auto& m : link)
    if (m.type() == type_of(p, "RTM_NEWMADDR2")) {
      ++groups;
      EXPECT_EQ(m.addr(rtsock::abi::kIfa).kind, SaKind::link);
    } else {
      EXPECT_EQ(m.type(), type_of(p, "RTM_IFINFO2"));
    }
  EXPECT_EQ(groups, 3u);
}

TEST(Multicast, Engine_DarwinDragonfly_NoIfmalist) {
  // xnu's sysctl_rtsock has no NET_RT_IFMALIST (its 4 is NET_RT_STAT, not
  // modelled); DragonFly's answers an unknown operation with EINVAL.
  const std::pair<const char*, int> cases[] = {{"darwin", EOPNOTSUPP}, {"dragonfly", EINVAL}};
  for (const auto& [os, want] : cases) {
    Bed b(os);
    ASSERT_TRUE(b.eng) << os;
    auto s = b.open(0, 100);
    int e = 0;
    Bytes d;
    EXPECT_TRUE(ifmalist(b, s, 0, 0, &e, d).empty()) << os;
    EXPECT_EQ(e, os_err(*b.p, want)) << os;
  }
}

TEST(Multicast, Engine_Dragonfly_Destroy_ReportsInet6GroupsOnly) {
  Bed b("dragonfly");
  ASSERT_TRUE(b.eng);
  add_inet6(b);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_destroy(s, "em0", out), 0);
  auto v = views_to(out, s, p);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v.back().type(), type_of(p, "RTM_IFANNOUNCE"));
  std::vector<std::string> left;
  for (const auto& m : v)
    if (m.type() == type_of(p, "RTM_DELMADDR")) left.push_back(group_text(m));
  // The link-local's (in6_ifattach) and 2001:db8::10's solicited-node
  // groups with their addresses, ff02::1 at in6_ifdetach; 224.0.0.1 is
  // never left.
  EXPECT_EQ(left, (std::vector<std::string>{"ff02::1:ff66:2cdc%2", "ff02::1:ff00:10%2",
                                            "ff02::1%2"}));
}

}  // namespace
