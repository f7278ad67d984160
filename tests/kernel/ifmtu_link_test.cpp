// Issue 16 through the routing socket, radix personalities: an interface's
// new MTU reaches the routes through it where the kernel walks them, and
// neither that nor a link going down sends listeners a route message: the
// interface's RTM_IFINFO (NetBSD 8+: and its addresses' RTM_NEWADDR). IFF_UP:
// ifdown_test.cpp. Sources: docs/research/interface-mtu-link.md.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bed.hpp"

namespace {

const std::string kRadix[] = {"freebsd", "freebsd12", "darwin", "netbsd", "dragonfly", "hpux"};

bool walks_routes(const std::string& k) {
  return k == "freebsd" || k == "freebsd12" || k == "darwin";
}

class IfMtuLink : public testing::TestWithParam<std::string> {};

// RTM_GET of the default route: the reply.
rtsock::codec::MessageView get_default(Bed& b, rtsock::kernel::SockId s, int seq,
                                       std::vector<rtsock::kernel::Delivery>& out) {
  out.clear();
  auto r = b.write(s, route_msg(*b.p, "RTM_GET", "0.0.0.0", std::nullopt, 0, {}, seq), out);
  EXPECT_EQ(r.error, 0);
  auto mine = to(out, s);
  EXPECT_FALSE(mine.empty());
  return mine.empty() ? rtsock::codec::MessageView{} : view(*mine.front(), *b.p);
}

TEST_P(IfMtuLink, MtuChange_IfinfoAtMost_RoutesFollowPerKernel) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  // DragonFly's in_addroute leaves an IPv4 route's MTU unset (0).
  const std::int64_t unset = GetParam() == "dragonfly" ? 0 : 1500;
  EXPECT_EQ(get_default(b, admin, 1, out).get(rtsock::abi::Field::rmx_mtu), unset);

  out.clear();
  rtsock::kernel::IfChange c;
  c.mtu = 1400;
  ASSERT_EQ(b.eng->if_change(admin, "em0", c, out), 0);
  auto v = views_to(out, l, p);
  // NetBSD ifioctl_common SIOCSIFMTU sends nothing.
  ASSERT_EQ(v.size(), p.os == rtsock::abi::Os::netbsd ? 0u : 1u);
  if (!v.empty()) {
    EXPECT_EQ(v[0].type(), type_of(p, "RTM_IFINFO"));
    EXPECT_EQ(v[0].get(rtsock::abi::Field::ifi_mtu), 1400);
  }

  const auto got = get_default(b, admin, 2, out);
  EXPECT_EQ(got.get(rtsock::abi::Field::rmx_mtu), walks_routes(GetParam()) ? 1400 : unset);
}

TEST_P(IfMtuLink, LinkDown_RouteStaysUp) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  rtsock::kernel::IfChange c;
  c.link = rtsock::fib::LinkState::down;
  ASSERT_EQ(b.eng->if_change(admin, "em0", c, out), 0);
  auto v = views_to(out, l, p);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_IFINFO"));
  // NetBSD 8+ in_if_link_down/in6_if_link_down: RTM_NEWADDR for each address
  // (192.0.2.10, then the link-local one).
  const bool netbsd = p.os == rtsock::abi::Os::netbsd;
  EXPECT_EQ(v.size(), netbsd ? 3u : 1u);
  for (std::size_t i = 1; i < v.size(); ++i) EXPECT_EQ(v[i].type(), type_of(p, "RTM_NEWADDR"));

  const auto got = get_default(b, admin, 1, out);
  EXPECT_EQ(got.get(rtsock::abi::Field::err), 0);
  EXPECT_NE(got.get(rtsock::abi::Field::flags) & osflag(p, "UP"), 0);

  // FreeBSD's data path refuses the route (RT_LINK_IS_UP) without RTM_MISS.
  out.clear();
  const auto f = b.eng->forward(0, addr("203.0.113.5"), out);
  if (p.os == rtsock::abi::Os::freebsd) {
    EXPECT_EQ(f.verdict, rtsock::fib::Forward::Verdict::link_down);
    EXPECT_TRUE(to(out, l).empty());
  } else {
    EXPECT_EQ(f.verdict, rtsock::fib::Forward::Verdict::deliver);
  }
}

INSTANTIATE_TEST_SUITE_P(Radix, IfMtuLink, testing::ValuesIn(kRadix), param_name);

}  // namespace
