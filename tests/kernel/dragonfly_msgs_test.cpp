// DragonFly's own message details (issue 16): the version check before the
// pid (rtsock.c route_output), rtredirect's fixed report (route.c
// rtredirect, rtredirect_msghandler), rt_rtmsg's IFP/IFA on an address's
// routes and if_attach's sockaddr_dl. The reply built in the request's
// header: Fidelity.Darwin_GetAndDeleteReplies_EchoUseInitsErrno.
#include <gtest/gtest.h>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using Out = std::vector<rtsock::kernel::Delivery>;

TEST(Dragonfly, BadVersion_KeepsTheRequestsPid) {
  Bed b("dragonfly");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 101);
  auto m = route_msg(p, "RTM_GET", "10.8.0.0", std::nullopt, 16, {}, 3);
  m.set(Field::pid, 4242);
  Bytes w = wire(p, m);
  w[2] = std::byte{0x7f};
  Out out;
  ASSERT_EQ(b.eng->write(s, w, out).error, os_err(p, EPROTONOSUPPORT));
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  const auto* pid = p.layout(rtsock::abi::HdrKind::route).find(Field::pid);
  ASSERT_NE(pid, nullptr);
  std::uint32_t got = 0;
  for (std::size_t i = 0; i < 4; ++i)
    got |= std::to_integer<std::uint32_t>((*mine[0]->bytes)[pid->off + i]) << (8 * i);
  EXPECT_EQ(got, 4242u);
}

// icmp_input passes RTF_GATEWAY|RTF_HOST; rtredirect reports exactly those
// (plus DONE) and, through rt_domsg_global, error 0 — no NETMASK.
TEST(Dragonfly, Redirect_FixedFlagsNoErrorNoNetmask) {
  Bed b("dragonfly");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto l = b.open(0, 200);
  const std::int64_t want = osflag(p, "GATEWAY") | osflag(p, "HOST") | osflag(p, "DONE");
  struct Case {
    const char* what;
    const char* src;  // the router that sent it
  } const cases[] = {{"from the current router", "192.0.2.1"}, {"from another", "192.0.2.99"}};
  for (const auto& c : cases) {
    Out out;
    (void)b.eng->redirect(0, addr("198.51.100.7"), addr("192.0.2.2"), addr(c.src), out);
    std::vector<rtsock::codec::MessageView> seen;
    for (const auto& v : views_to(out, l, p))
      if (v.type() == type_of(p, "RTM_REDIRECT")) seen.push_back(v);
    ASSERT_EQ(seen.size(), 1u) << c.what;
    EXPECT_EQ(seen[0].get(Field::flags), want) << c.what;
    EXPECT_EQ(seen[0].get(Field::err), 0) << c.what;
    EXPECT_FALSE(seen[0].has_addr(rtsock::abi::kNetmask)) << c.what;
  }
}

// rt_newaddrmsg → rt_rtmsg: the address's routes carry IFP (the address's
// interface, also for the loopback route through lo0) and IFA.
TEST(Dragonfly, AddressRoutes_CarryIfpAndIfa) {
  Bed b("dragonfly");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  Out out;
  ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("198.51.100.1"), 24, {}, {}}, out), 0);
  ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("2001:db8:5::1"), 64, {}, {}}, out), 0);
  int routes = 0;
  for (const auto& v : views_to(out, l, p)) {
    if (v.type() != type_of(p, "RTM_ADD")) continue;
    const std::string dst = dst_of(v);
    if (dst != "198.51.100.0" && dst != "2001:db8:5::1") continue;
    ++routes;
    ASSERT_TRUE(v.has_addr(rtsock::abi::kIfp)) << dst;
    EXPECT_EQ(v.addr(rtsock::abi::kIfp).link_name(), "em0") << dst;
    ASSERT_TRUE(v.has_addr(rtsock::abi::kIfa)) << dst;
    EXPECT_EQ(rtsock::codec::ip_string(v.addr(rtsock::abi::kIfa)),
              dst == "198.51.100.0" ? "198.51.100.1" : "2001:db8:5::1");
  }
  EXPECT_EQ(routes, 2);
}

}  // namespace

namespace {

// if_attach (FreeBSD, DragonFly): the interface's own sockaddr_dl is at
// least sizeof(struct sockaddr_dl) and rounded to a long: sdl_len 56 in
// RTA_IFP, as the kernels' bytes show.
TEST(Dragonfly, InterfaceSockaddrDlIsRoundedTo56) {
  for (const char* os : {"dragonfly", "freebsd"}) {
    Bed b(os);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    auto m = route_msg(p, "RTM_GET", "192.0.2.99", std::nullopt, std::nullopt, {}, 1);
    m.set_addr(rtsock::abi::kIfp, rtsock::codec::Sockaddr::link(0, 0, "", {}));
    Out out;
    ASSERT_EQ(b.write(s, m, out).error, 0) << os;
    auto v = view(*to(out, s).at(0), p);
    auto ifp = v.sockaddr_bytes(rtsock::abi::kIfp);
    ASSERT_GE(ifp.size(), 1u) << os;
    EXPECT_EQ(std::to_integer<unsigned>(ifp[0]), 56u) << os;
  }
}

}  // namespace
