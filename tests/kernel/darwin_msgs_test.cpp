// xnu details (issue 16) found by reading rtsock.c route_output, route.c
// rtinit_locked / rtredirect and in.c in_ifinit: which replies reach a
// socket opened for one family, lo0's gateway, rtredirect's own flags and
// the EOPNOTSUPP of a type route_output does not handle.
#include <gtest/gtest.h>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using Out = std::vector<rtsock::kernel::Delivery>;

// route_output passes raw_input the DST's family only on its report: path
// (a successful RTM_GET or RTM_DELETE) or for a widened short AF_INET DST;
// every other reply has none, and raw_input skips sockets with a protocol.
TEST(Darwin, RepliesReachFamilySocketsOnlyFromTheReportPath) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto inet = b.open(0, 200, p.af_inet);
  auto any = b.open(0, 300);
  struct Step {
    const char* type;
    bool ok;
    bool inet_gets_it;
  } const steps[] = {
      {"RTM_ADD", true, false}, {"RTM_ADD", false, false},  // the second is EEXIST
      {"RTM_GET", true, true},  {"RTM_CHANGE", true, false},
      {"RTM_DELETE", true, true}, {"RTM_DELETE", false, false},  // ESRCH
  };
  for (const auto& st : steps) {
    auto m = std::string(st.type) == "RTM_GET" || std::string(st.type) == "RTM_DELETE"
                 ? route_msg(p, st.type, "10.9.0.0", std::nullopt, 16, {}, 1)
                 : route_msg(p, st.type, "10.9.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1);
    Out out;
    const auto r = b.write(s, m, out);
    EXPECT_EQ(r.error == 0, st.ok) << st.type;
    EXPECT_EQ(to(out, inet).size(), st.inet_gets_it ? 1u : 0u) << st.type << " ok=" << st.ok;
    EXPECT_EQ(to(out, any).size(), 1u) << st.type;
  }
}

// in_ifinit + rtinit_locked: lo0's host route has the address as gateway
// (no ARP to make it link#1).
TEST(Darwin, LoopbackAddressIsItsOwnGateway) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Out out;
  ASSERT_EQ(b.write(s, route_msg(p, "RTM_GET", "127.0.0.1", std::nullopt, std::nullopt, {}, 1), out)
                .error,
            0);
  auto v = view(*to(out, s).at(0), p);
  ASSERT_TRUE(v.has_addr(rtsock::abi::kGateway));
  EXPECT_EQ(rtsock::codec::ip_string(v.addr(rtsock::abi::kGateway)), "127.0.0.1");
}

// rtredirect reports icmp_input's GATEWAY|HOST with DYNAMIC (new route) or
// MODIFIED (changed), never the route's UP or IFSCOPE, and no netmask.
TEST(Darwin, RedirectReportsItsOwnFlags) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto l = b.open(0, 200);
  Out out;
  ASSERT_EQ(b.eng->redirect(0, addr("198.51.100.7"), addr("192.0.2.2"), addr("192.0.2.1"), out), 0);
  const rtsock::codec::MessageView* seen = nullptr;
  auto v = views_to(out, l, p);
  for (const auto& m : v)
    if (m.type() == type_of(p, "RTM_REDIRECT")) seen = &m;
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ(seen->get(Field::flags),
            osflag(p, "GATEWAY") | osflag(p, "HOST") | osflag(p, "DYNAMIC") | osflag(p, "DONE"));
  EXPECT_FALSE(seen->has_addr(rtsock::abi::kNetmask));
}

TEST(Darwin, UnhandledTypeIsEopnotsupp) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto m = route_msg(p, "RTM_MISS", "10.9.0.0", std::nullopt, 16, {}, 1);
  Out out;
  EXPECT_EQ(b.write(s, m, out).error, os_err(p, EOPNOTSUPP));
}

}  // namespace

namespace {

std::pair<unsigned, unsigned> mask_len_family(const rtsock::codec::MessageView& v) {
  auto b = v.sockaddr_bytes(rtsock::abi::kNetmask);
  if (b.size() < 2) return {0, 0};
  return {std::to_integer<unsigned>(b[0]), std::to_integer<unsigned>(b[1])};
}

// rtm_scrub: an IPv6 netmask is trimmed in RTM_GET replies, a whole
// sockaddr_in6 (28) elsewhere; an address's own keeps AF_INET6.
TEST(Darwin, Inet6NetmaskTrimmedOnlyInGet) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  Out out;
  ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:5::1"), 64, {}, {}}, out), 0);
  bool newaddr = false;
  for (const auto& v : views_to(out, l, p))
    if (v.type() == type_of(p, "RTM_NEWADDR")) {
      newaddr = true;
      EXPECT_EQ(mask_len_family(v), std::make_pair(28u, static_cast<unsigned>(p.af_inet6)));
    }
  EXPECT_TRUE(newaddr);
  auto m = rtsock::codec::Message::make(p, type_of(p, "RTM_GET"));
  m.set_addr(rtsock::abi::kDst, rtsock::codec::Sockaddr::parse_ip("2001:db8:5::").value());
  m.set_addr(rtsock::abi::kNetmask, rtsock::codec::Sockaddr::mask(rtsock::codec::SaKind::inet6, 64));
  out.clear();
  ASSERT_EQ(b.write(admin, m, out).error, 0);
  auto get = view(*to(out, admin).at(0), p);
  EXPECT_LT(mask_len_family(get).first, 28u);
  m.type = type_of(p, "RTM_DELETE");
  out.clear();
  ASSERT_EQ(b.write(admin, m, out).error, 0);
  auto del = view(*to(out, admin).at(0), p);
  EXPECT_EQ(mask_len_family(del), std::make_pair(28u, 0u));
}

}  // namespace

namespace {

// xnu sysctl_rtsock: an operation it lacks is EINVAL; a dump of another
// family too; sysctl_iflist takes any family as a filter (AF_LINK: the
// interfaces' RTM_IFINFO alone).
TEST(Darwin, SysctlUnknownOpAndFamilies) {
  Bed b("darwin");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Bytes d;
  const int unknown_op[] = {4, p.af_route, 0, 0, 42, 0};
  EXPECT_EQ(b.eng->sysctl(s, unknown_op, d), os_err(p, EINVAL));
  const int stat_op[] = {4, p.af_route, 0, 0, 4, 0};  // NET_RT_STAT: not modelled
  EXPECT_EQ(b.eng->sysctl(s, stat_op, d), os_err(p, EOPNOTSUPP));
  const int dump_link[] = {4, p.af_route, 0, p.af_link, 1, 0};
  EXPECT_EQ(b.eng->sysctl(s, dump_link, d), os_err(p, EINVAL));
  const int iflist_link[] = {4, p.af_route, 0, p.af_link, 3, 0};
  d.clear();
  ASSERT_EQ(b.eng->sysctl(s, iflist_link, d), 0);
  int n = 0;
  for (const auto& r : rtsock::codec::RibView(d, p)) {
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->type(), type_of(p, "RTM_IFINFO"));
    ++n;
  }
  EXPECT_EQ(n, 2);  // lo0, em0
}

}  // namespace
