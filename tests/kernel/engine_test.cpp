// Tests of rtsock::kernel::Engine against the spec (wire-and-kernel.md A.15,
// B.1-B.12): replies, errors, delivery filters, kernel-originated messages,
// forwarding events, expiry and sysctl dumps, per personality.
#include "rtsock/kernel/engine.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/abi/errno.hpp"
#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/interface.hpp"
#include "rtsock/fib/route.hpp"

#include "bed.hpp"

namespace {


class EngineAll : public testing::TestWithParam<std::string> {};
class EngineBsd : public testing::TestWithParam<std::string> {};

// ---- RTM_ADD / DELETE / GET (B.1, B.3-B.6, B.12) ----

TEST_P(EngineAll, Engine_AddRepliesToSenderAndListener_DoneFlagPidSeq) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.write(
      s, route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 7), out);
  EXPECT_EQ(r.error, 0);
  EXPECT_TRUE(r.sender_copy);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].to, s);  // the reply first
  EXPECT_EQ(out[1].to, l);
  for (const auto& d : out) {
    auto v = view(d, p);
    EXPECT_EQ(v.type(), type_of(p, "RTM_ADD"));
    EXPECT_NE(v.get(rtsock::abi::Field::flags) & osflag(p, "DONE"), 0);
    EXPECT_EQ(v.get(rtsock::abi::Field::pid), 100);
    EXPECT_EQ(v.get(rtsock::abi::Field::seq), 7);
    EXPECT_EQ(v.get(rtsock::abi::Field::err), 0);
    EXPECT_EQ(dst_of(v), "10.1.0.0");
  }
}

TEST_P(EngineAll, Engine_DuplicateAdd_Eexist) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  auto m = route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1);
  ASSERT_EQ(b.write(s, m, out).error, 0);
  out.clear();
  m.set(rtsock::abi::Field::seq, 2);
  auto r = b.write(s, m, out);
  EXPECT_EQ(r.error, os_err(p, EEXIST));
  EXPECT_TRUE(r.sender_copy);
  EXPECT_TRUE(r.reply_has_error);
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  auto v = view(*mine[0], p);
  EXPECT_EQ(v.get(rtsock::abi::Field::err), os_err(p, EEXIST));
  EXPECT_EQ(v.get(rtsock::abi::Field::seq), 2);
}

TEST_P(EngineAll, Engine_DeleteMissing_EsrchOrHpuxEnoent) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.write(s, route_msg(p, "RTM_DELETE", "10.9.0.0", std::nullopt, 16, {}, 3), out);
  const int want = p.os == rtsock::abi::Os::hpux ? ENOENT : ESRCH;
  EXPECT_EQ(r.error, os_err(p, want));
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(view(*mine[0], p).get(rtsock::abi::Field::err), os_err(p, want));
}

TEST_P(EngineAll, Engine_GetUnmatchedDestination_ReturnsDefaultRoute) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  auto r =
      b.write(s, route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 9), out);
  EXPECT_EQ(r.error, 0);
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  auto v = view(*mine[0], p);
  EXPECT_EQ(v.type(), type_of(p, "RTM_GET"));
  EXPECT_EQ(v.get(rtsock::abi::Field::err), 0);
  EXPECT_EQ(v.get(rtsock::abi::Field::seq), 9);
  EXPECT_EQ(v.get(rtsock::abi::Field::pid), 100);
  EXPECT_EQ(dst_of(v), "0.0.0.0");
  ASSERT_TRUE(v.has_addr(rtsock::abi::kGateway));
  EXPECT_EQ(rtsock::codec::ip_string(v.addr(rtsock::abi::kGateway)), "192.0.2.1");
  EXPECT_NE(v.get(rtsock::abi::Field::flags) & osflag(p, "GATEWAY"), 0);
}

TEST_P(EngineBsd, Engine_GetWithIfp_ReplyCarriesIfpAndIfa) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto m = route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 4);
  m.set_addr(rtsock::abi::kIfp, rtsock::codec::Sockaddr::link(0, 0));
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.write(s, m, out).error, 0);
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  auto v = view(*mine[0], p);
  ASSERT_TRUE(v.has_addr(rtsock::abi::kIfp));
  ASSERT_TRUE(v.has_addr(rtsock::abi::kIfa));
  EXPECT_EQ(v.addr(rtsock::abi::kIfp).kind, rtsock::codec::SaKind::link);
  EXPECT_EQ(v.addr(rtsock::abi::kIfp).link_name(), "em0");
  EXPECT_EQ(rtsock::codec::ip_string(v.addr(rtsock::abi::kIfa)), "192.0.2.10");
}

// ---- delivery filters (B.12) ----

TEST_P(EngineBsd, Engine_Inet6Socket_MissesIpv4Add) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l6 = b.open(0, 200, p.af_inet6);
  auto l0 = b.open(0, 300);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(
      b.write(s,
              route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1),
              out)
          .error,
      0);
  EXPECT_TRUE(to(out, l6).empty());
  EXPECT_EQ(to(out, l0).size(), 1u);
}

TEST_P(EngineBsd, Engine_Inet6Socket_IfinfoOnlyOnOpenbsd) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l6 = b.open(0, 200, p.af_inet6);
  std::vector<rtsock::kernel::Delivery> out;
  rtsock::kernel::IfChange c;
  c.up = false;
  ASSERT_EQ(b.eng->if_change(admin, "em0", c, out), 0);
  const auto ifinfo = type_of(p, "RTM_IFINFO");
  std::size_t got = 0;
  for (auto* d : to(out, l6))
    if (view(*d, p).type() == ifinfo) ++got;
  if (p.os == rtsock::abi::Os::openbsd)
    EXPECT_EQ(got, 1u);
  else
    EXPECT_EQ(got, 0u);
  // The unfiltered admin socket sees it everywhere.
  std::size_t admin_got = 0;
  for (auto* d : to(out, admin))
    if (view(*d, p).type() == ifinfo) ++admin_got;
  EXPECT_EQ(admin_got, 1u);
}

TEST_P(EngineAll, Engine_UseloopbackOff_SenderSkippedOthersServed) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  ASSERT_EQ(b.eng->setsockopt(s, 0xffff, 0x40, u32(p, 0)), 0);
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.write(
      s, route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1), out);
  EXPECT_EQ(r.error, 0);
  EXPECT_FALSE(r.sender_copy);
  EXPECT_TRUE(to(out, s).empty());
  EXPECT_EQ(to(out, l).size(), 1u);
}

TEST_P(EngineAll, Engine_UseloopbackOffAlone_NobodyReceives) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  ASSERT_EQ(b.eng->setsockopt(s, 0xffff, 0x40, u32(p, 0)), 0);
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.write(
      s, route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1), out);
  EXPECT_EQ(r.error, 0);
  EXPECT_TRUE(out.empty());
}

// ---- privilege (B.2) ----

TEST_P(EngineBsd, Engine_UnprivilegedAdd_DeniedPerOs) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto u = b.open(1000, 500);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.write(
      u, route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1), out);
  const bool eacces = p.os == rtsock::abi::Os::openbsd || p.os == rtsock::abi::Os::netbsd;
  EXPECT_EQ(r.error, os_err(p, eacces ? EACCES : EPERM));
  if (p.os == rtsock::abi::Os::openbsd) {
    EXPECT_TRUE(out.empty());  // no reply message at all
  }
  if (p.os == rtsock::abi::Os::freebsd || p.os == rtsock::abi::Os::darwin) {
    auto mine = to(out, u);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(view(*mine[0], p).get(rtsock::abi::Field::err), os_err(p, EPERM));
  }
  (void)l;
}

TEST_P(EngineAll, Engine_UnprivilegedGet_Allowed) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto u = b.open(1000, 500);
  std::vector<rtsock::kernel::Delivery> out;
  auto r =
      b.write(u, route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 2), out);
  EXPECT_EQ(r.error, 0);
  ASSERT_EQ(to(out, u).size(), 1u);
  EXPECT_EQ(dst_of(view(*to(out, u)[0], p)), "0.0.0.0");
}

// ---- malformed requests (B.1) ----

TEST_P(EngineBsd, Engine_ShortMessage_Einval) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Bytes full = wire(p, route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 1));
  // 16 bytes, with rtm_msglen saying 16: shorter than rt_msghdr.
  Bytes shortm(full.begin(), full.begin() + 16);
  const std::uint16_t len = 16;
  if (p.order == rtsock::abi::ByteOrder::little) {
    shortm[0] = static_cast<std::byte>(len & 0xff);
    shortm[1] = static_cast<std::byte>(len >> 8);
  } else {
    shortm[0] = static_cast<std::byte>(len >> 8);
    shortm[1] = static_cast<std::byte>(len & 0xff);
  }
  std::vector<rtsock::kernel::Delivery> out;
  EXPECT_EQ(b.eng->write(s, shortm, out).error, os_err(p, EINVAL));
  // Fewer bytes than a length field: an error, and no crash.
  out.clear();
  Bytes two(full.begin(), full.begin() + 2);
  EXPECT_NE(b.eng->write(s, two, out).error, 0);
  out.clear();
  EXPECT_NE(b.eng->write(s, Bytes{}, out).error, 0);
}

TEST_P(EngineBsd, Engine_MsglenMismatch_Einval) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Bytes m = wire(p, route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 1));
  m.resize(m.size() + 8);  // 8 trailing bytes that rtm_msglen does not count
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.eng->write(s, m, out);
  EXPECT_EQ(r.error, os_err(p, EINVAL));
  if (p.os == rtsock::abi::Os::openbsd) {
    EXPECT_TRUE(out.empty());
  }
  if (p.os == rtsock::abi::Os::freebsd) {
    // FreeBSD: the raw message is echoed unmodified (no RTF_DONE, no errno).
    auto mine = to(out, s);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(*mine[0]->bytes, m);
  }
}

TEST_P(EngineBsd, Engine_WrongVersion_Eprotonosupport) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  Bytes m = wire(p, route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 1));
  m[2] = static_cast<std::byte>(p.rtm_version + 1);
  std::vector<rtsock::kernel::Delivery> out;
  EXPECT_EQ(b.eng->write(s, m, out).error, os_err(p, EPROTONOSUPPORT));
  if (p.os == rtsock::abi::Os::openbsd) {
    EXPECT_TRUE(out.empty());
  }
}

TEST_P(EngineBsd, Engine_MissingDst_Einval) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  auto r = b.write(s, route_msg(p, "RTM_ADD", "", "192.0.2.1", 16, {"UP", "GATEWAY"}, 1), out);
  EXPECT_EQ(r.error, os_err(p, EINVAL));
}

TEST(Engine, Engine_FreebsdNonContiguousNetmask_Einval) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto m = route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", std::nullopt, {"UP", "GATEWAY"}, 1);
  m.set_addr(rtsock::abi::kNetmask, sa4("255.0.255.0"));
  std::vector<rtsock::kernel::Delivery> out;
  EXPECT_EQ(b.write(s, m, out).error, os_err(p, EINVAL));
}

TEST_P(EngineAll, Engine_RandomMutations_NoCrashAndStillAnswers) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  (void)l;
  const Bytes good =
      wire(p, route_msg(p, "RTM_ADD", "10.7.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1));
  std::mt19937 rng(12345);
  std::vector<rtsock::kernel::Delivery> out;
  for (int i = 0; i < 2000; ++i) {
    Bytes m = good;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % m.size();
      m[at] = static_cast<std::byte>(rng() & 0xffu);
    }
    if (rng() % 4 == 0) m.resize(rng() % (m.size() + 32));
    out.clear();
    b.eng->write(s, m, out);
    for (const auto& d : out) ASSERT_TRUE(d.bytes);
  }
  out.clear();
  auto r =
      b.write(s, route_msg(p, "RTM_GET", "192.0.2.77", std::nullopt, std::nullopt, {}, 5), out);
  EXPECT_EQ(r.error, 0);
  auto mine = to(out, s);
  ASSERT_EQ(mine.size(), 1u);
  auto v = view(*mine[0], p);
  EXPECT_EQ(v.get(rtsock::abi::Field::seq), 5);
  EXPECT_EQ(v.get(rtsock::abi::Field::err), 0);
}

// ---- kernel-originated messages (A.15, B.11) ----

class EngineFreebsd : public testing::TestWithParam<std::string> {};

TEST_P(EngineFreebsd, Engine_AddAddress_NewaddrBeforeAdd) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_add_address(admin, "em0", {addr("198.51.100.1"), 24, {}, {}}, out), 0);
  auto v = views_to(out, l, p);
  const auto na = first_of(v, type_of(p, "RTM_NEWADDR"));
  const auto add = first_of(v, type_of(p, "RTM_ADD"));
  ASSERT_GE(na, 0);
  ASSERT_GE(add, 0);
  EXPECT_LT(na, add);
  bool net_route = false;
  for (const auto& m : v) {
    EXPECT_EQ(m.get(rtsock::abi::Field::pid), 0);
    EXPECT_EQ(m.get(rtsock::abi::Field::seq), 0);
    if (m.type() == type_of(p, "RTM_ADD") && dst_of(m) == "198.51.100.0") net_route = true;
  }
  EXPECT_TRUE(net_route);
  EXPECT_EQ(rtsock::codec::ip_string(v[static_cast<std::size_t>(na)].addr(rtsock::abi::kIfa)),
            "198.51.100.1");

  out.clear();
  ASSERT_EQ(b.eng->if_delete_address(admin, "em0", addr("198.51.100.1"), out), 0);
  v = views_to(out, l, p);
  const auto del = first_of(v, type_of(p, "RTM_DELETE"));
  const auto da = first_of(v, type_of(p, "RTM_DELADDR"));
  ASSERT_GE(del, 0);
  ASSERT_GE(da, 0);
  EXPECT_LT(del, da);
  for (const auto& m : v) {
    EXPECT_EQ(m.get(rtsock::abi::Field::pid), 0);
    EXPECT_EQ(m.get(rtsock::abi::Field::seq), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Freebsd, EngineFreebsd, testing::Values("freebsd", "freebsd12"),
                         param_name);

TEST_P(EngineBsd, Engine_IfCreate_IfannounceExceptDarwin) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  rtsock::fib::IfSpec g;
  g.name = "gif0";
  g.type = rtsock::fib::ift::gif;
  g.flags = rtsock::fib::iff::pointopoint | rtsock::fib::iff::multicast;
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_create(admin, g, out), 0);
  auto v = views_to(out, l, p);
  auto t = p.type_number("RTM_IFANNOUNCE");
  if (p.os == rtsock::abi::Os::darwin) {
    if (t) {
      EXPECT_LT(first_of(v, *t), 0);
    }
    return;
  }
  ASSERT_TRUE(t.has_value());
  const auto i = first_of(v, *t);
  ASSERT_GE(i, 0);
  const auto& m = v[static_cast<std::size_t>(i)];
  EXPECT_EQ(m.announce_name(), "gif0");
  EXPECT_EQ(m.get(rtsock::abi::Field::what), 0);  // IFAN_ARRIVAL
  EXPECT_EQ(m.get(rtsock::abi::Field::pid), 0);
  EXPECT_EQ(m.get(rtsock::abi::Field::seq), 0);
}

TEST_P(EngineBsd, Engine_IfDown_Ifinfo) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto admin = b.open(0, 1);
  auto l = b.open(0, 200);
  rtsock::kernel::IfChange c;
  c.up = false;
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.eng->if_change(admin, "em0", c, out), 0);
  auto v = views_to(out, l, p);
  const auto i = first_of(v, type_of(p, "RTM_IFINFO"));
  ASSERT_GE(i, 0);
  const auto& m = v[static_cast<std::size_t>(i)];
  EXPECT_EQ(m.get(rtsock::abi::Field::flags) & 0x1, 0);  // IFF_UP cleared
  EXPECT_EQ(m.get(rtsock::abi::Field::index), b.eng->fib().interface("em0")->index);
  EXPECT_EQ(m.get(rtsock::abi::Field::pid), 0);
  EXPECT_EQ(m.get(rtsock::abi::Field::seq), 0);
}

// ---- forwarding events (B.11) ----

TEST_P(EngineBsd, Engine_ForwardUnrouted_MissExceptOpenbsd) {
  Bed b(GetParam(), /*with_default=*/false);
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  auto f = b.eng->forward(0, addr("203.0.113.5"), out);
  EXPECT_EQ(f.verdict, rtsock::fib::Forward::Verdict::miss);
  auto v = views_to(out, l, p);
  auto miss = p.type_number("RTM_MISS");
  ASSERT_TRUE(miss.has_value());
  const auto i = first_of(v, *miss);
  if (p.os == rtsock::abi::Os::openbsd) {
    EXPECT_LT(i, 0);
    return;
  }
  ASSERT_GE(i, 0);
  EXPECT_EQ(dst_of(v[static_cast<std::size_t>(i)]), "203.0.113.5");
  EXPECT_EQ(v[static_cast<std::size_t>(i)].get(rtsock::abi::Field::pid), 0);
}

TEST_P(EngineBsd, Engine_ForwardAfterDeletingDefault_Miss) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.write(s, route_msg(p, "RTM_DELETE", "0.0.0.0", std::nullopt, 0, {}, 1), out).error,
            0);
  out.clear();
  auto f = b.eng->forward(0, addr("203.0.113.5"), out);
  EXPECT_EQ(f.verdict, rtsock::fib::Forward::Verdict::miss);
  if (p.os == rtsock::abi::Os::openbsd) {
    EXPECT_TRUE(out.empty());
    return;
  }
  auto v = views_to(out, l, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_MISS"));
  EXPECT_EQ(dst_of(v[0]), "203.0.113.5");
}

// OpenBSD and NetBSD have no RTF_XRESOLVE (NetBSD not RTM_RESOLVE either).
class EngineXresolve : public testing::TestWithParam<std::string> {};

TEST_P(EngineXresolve, Engine_ForwardXresolveRoute_Resolve) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.write(s,
                    route_msg(p, "RTM_ADD", "10.5.0.0", "192.0.2.1", 16,
                              {"UP", "GATEWAY", "XRESOLVE"}, 1),
                    out)
                .error,
            0);
  out.clear();
  auto f = b.eng->forward(0, addr("10.5.1.1"), out);
  EXPECT_TRUE(f.resolve);
  auto v = views_to(out, l, p);
  const auto i = first_of(v, type_of(p, "RTM_RESOLVE"));
  ASSERT_GE(i, 0);
  EXPECT_EQ(v[static_cast<std::size_t>(i)].get(rtsock::abi::Field::pid), 0);
}

INSTANTIATE_TEST_SUITE_P(Xresolve, EngineXresolve,
                         testing::Values("freebsd", "freebsd12", "darwin", "dragonfly"),
                         param_name);

// ---- expiry (B.8 RTV_EXPIRE) ----

TEST_P(EngineBsd, Engine_ExpiredRoute_DeleteToListeners) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  auto m = route_msg(p, "RTM_ADD", "10.2.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1);
  m.set(rtsock::abi::Field::inits, 0x4);  // RTV_EXPIRE
  m.set(rtsock::abi::Field::rmx_expire, b.now + 10);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(b.write(s, m, out).error, 0);
  out.clear();
  EXPECT_EQ(b.eng->expire(out), 0u);  // not yet
  EXPECT_TRUE(out.empty());
  b.now += 11;
  EXPECT_EQ(b.eng->expire(out), 1u);
  auto v = views_to(out, l, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_DELETE"));
  EXPECT_EQ(dst_of(v[0]), "10.2.0.0");
  EXPECT_EQ(v[0].get(rtsock::abi::Field::pid), 0);
  EXPECT_EQ(v[0].get(rtsock::abi::Field::seq), 0);
  // Gone from the table: RTM_GET of it now yields the default route.
  out.clear();
  ASSERT_EQ(
      b.write(s, route_msg(p, "RTM_GET", "10.2.3.4", std::nullopt, std::nullopt, {}, 2), out).error,
      0);
  EXPECT_EQ(dst_of(view(*to(out, s).at(0), p)), "0.0.0.0");
}

// ---- sysctl (A.10, A.15, B.13) ----

TEST_P(EngineAll, Engine_SysctlDump_GetMessagesMatchTable) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(
      b.write(s,
              route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1),
              out)
          .error,
      0);
  const int mib[] = {4, p.af_route, 0, 0, 1, 0};
  Bytes dump;
  ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0);
  std::multiset<std::string> got;
  for (const auto& r : rtsock::codec::RibView(dump, p)) {
    ASSERT_TRUE(r.has_value()) << r.error().message();
    EXPECT_EQ(r->type(), type_of(p, "RTM_GET"));
    auto dst = r->addr(rtsock::abi::kDst);
    if (dst.kind == rtsock::codec::SaKind::inet4) got.insert(rtsock::codec::ip_string(dst));
  }
  std::multiset<std::string> want;
  b.eng->fib().walk(0, rtsock::fib::Family::inet4, 0, [&](const rtsock::fib::RouteInfo& ri) {
    want.insert(ri.prefix.addr.str());
    return true;
  });
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(want.count("10.1.0.0"), 1u);
  EXPECT_EQ(want.count("0.0.0.0"), 1u);
  EXPECT_EQ(got, want);
}

// A dump reuses the message of a route's "shape" (all but the destination)
// for its neighbours: every message still names its own route, with its
// own gateway and mask, and decodes to what it was encoded from.
TEST_P(EngineAll, Engine_SysctlDump_RoutesOfOneShapeEachTheirOwn) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  namespace fib = rtsock::fib;
  ASSERT_TRUE(b.eng->boot_address("em0", {addr("2001:db8::10"), 64, {}, {}}).has_value());
  auto add = [&](std::string_view dst, int plen, std::string_view gw, bool host = false) {
    fib::RouteRequest r;
    r.dst = addr(dst);
    if (!host) r.plen = plen;
    r.gateway = fib::Gateway::address(addr(gw));
    r.flags = fib::rtf::up | fib::rtf::gateway | fib::rtf::static_ | (host ? fib::rtf::host : 0);
    EXPECT_TRUE(b.eng->boot_route(r).has_value()) << dst;
  };
  for (int i = 0; i < 30; ++i) add(fmt::format("10.{}.0.0", i), 16, "192.0.2.1");
  for (int i = 0; i < 20; ++i) add(fmt::format("172.16.{}.{}", i % 3, i), 32, "192.0.2.2", true);
  for (int i = 0; i < 10; ++i) add(fmt::format("198.18.{}.0", i), 24, i % 2 ? "192.0.2.3" : "192.0.2.4");
  for (int i = 0; i < 15; ++i) add(fmt::format("2001:db8:{:x}::", 0x100 + i), 48, "2001:db8::1");
  std::map<std::string, std::string> want;  // "dst/plen" -> gateway
  for (auto fam : {fib::Family::inet4, fib::Family::inet6})
    b.eng->fib().walk(0, fam, 0, [&](const fib::RouteInfo& ri) {
      // Link-local and multicast destinations are written with their zone
      // apart (fe80::%2): not comparable by text, and never shaped.
      const auto& a = ri.prefix.addr.bytes;
      if (fam == fib::Family::inet6 && (a[0] == 0xff || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)))
        return true;
      if (ri.gateway.is_addr())
        want[fmt::format("{}/{}", ri.prefix.addr.str(), ri.prefix.host ? -1 : ri.prefix.plen)] =
            ri.gateway.addr.str();
      return true;
    });
  auto s = b.open(0, 100);
  const int mib[] = {4, p.af_route, 0, 0, 1, 0};
  Bytes dump;
  ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0);
  std::map<std::string, std::string> got;
  for (const auto& r : rtsock::codec::RibView(dump, p)) {
    ASSERT_TRUE(r.has_value()) << r.error().message();
    const auto dst = r->addr(rtsock::abi::kDst);
    const auto gw = r->addr(rtsock::abi::kGateway);
    if (gw.kind != rtsock::codec::SaKind::inet4 && gw.kind != rtsock::codec::SaKind::inet6) continue;
    int plen = -1;
    if (r->has_addr(rtsock::abi::kNetmask)) {
      auto pl = rtsock::codec::prefix_length(r->addr(rtsock::abi::kNetmask));
      ASSERT_TRUE(pl.has_value());
      plen = *pl;
    }
    const bool host = (r->get(rtsock::abi::Field::flags) & osflag(p, "HOST")) != 0;
    const std::string key = fmt::format("{}/{}", rtsock::codec::ip_string(dst), host ? -1 : plen);
    if (key.find('%') != std::string::npos || key.rfind("ff", 0) == 0) continue;
    EXPECT_TRUE(got.emplace(key, rtsock::codec::ip_string(gw)).second) << "twice: " << key;
    // Each message is what encoding it alone gives.
    auto again = rtsock::codec::marshal(p, r->to_message(), {.sysctl = true});
    ASSERT_TRUE(again.has_value());
    EXPECT_TRUE(std::equal(again->begin(), again->end(), r->bytes().begin(), r->bytes().end()))
        << key;
  }
  EXPECT_GE(got.size(), 75u);
  for (const auto& [k, v] : want) EXPECT_EQ(got[k], v) << k;
  for (const auto& [k, v] : got) EXPECT_TRUE(want.count(k)) << "not in the table: " << k << " " << v;
}

TEST_P(EngineBsd, Engine_SysctlIflist_IfinfoThenNewaddrPerAddress) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  const int iflist = p.os == rtsock::abi::Os::netbsd ? 6 : 3;
  const int mib[] = {4, p.af_route, 0, 0, iflist, 0};
  Bytes dump;
  ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0);
  const auto ifinfo = type_of(p, "RTM_IFINFO");
  const auto newaddr = type_of(p, "RTM_NEWADDR");
  std::vector<std::pair<std::uint8_t, std::int64_t>> seq;  // (type, index)
  for (const auto& r : rtsock::codec::RibView(dump, p)) {
    ASSERT_TRUE(r.has_value()) << r.error().message();
    seq.emplace_back(r->type(), r->get(rtsock::abi::Field::index));
  }
  std::vector<std::pair<std::uint8_t, std::int64_t>> want;
  for (const auto* i : b.eng->fib().interfaces()) {
    want.emplace_back(ifinfo, i->index);
    // NetBSD lists the interface's link-level address (if_dl) first.
    if (p.os == rtsock::abi::Os::netbsd) want.emplace_back(newaddr, i->index);
    for (std::size_t k = 0; k < i->addrs.size(); ++k) want.emplace_back(newaddr, i->index);
  }
  EXPECT_EQ(seq, want);
}

// The per-OS dump variants decode with the headers they name: Darwin
// NET_RT_DUMP2 (rt_msghdr2) and NET_RT_IFLIST2 (if_msghdr2), FreeBSD
// NET_RT_IFLISTL (if_msghdrl/ifa_msghdrl).
TEST(Engine, Engine_SysctlVariants_DecodeWithTheirHeaders) {
  struct Case {
    const char* personality;
    int op;
    const char* first_type;
    bool long_if;
  };
  for (const Case& c :
       {Case{"darwin", 7, "RTM_GET2", false}, Case{"darwin", 6, "RTM_IFINFO2", false},
        Case{"freebsd", 5, "RTM_IFINFO", true}}) {
    Bed b(c.personality);
    ASSERT_TRUE(b.eng);
    const auto& p = *b.p;
    auto s = b.open(0, 100);
    const int mib[] = {4, p.af_route, 0, 0, c.op, 0};
    Bytes dump;
    ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0) << c.personality << " " << c.op;
    std::size_t n = 0;
    for (const auto& r : rtsock::codec::RibView(dump, p, {.long_if = c.long_if})) {
      ASSERT_TRUE(r.has_value()) << c.personality << " " << c.op << ": " << r.error().message();
      if (n++ == 0) {
        EXPECT_EQ(r->type(), type_of(p, c.first_type)) << c.personality << " " << c.op;
      }
    }
    EXPECT_GT(n, 2u) << c.personality << " " << c.op;
  }
}

TEST(Engine, Engine_SysctlBadFibOrOp_PerOsErrors) {
  Bed f("freebsd");
  ASSERT_TRUE(f.eng);
  auto s = f.open(0, 100);
  Bytes dump;
  const int bad_fib[] = {4, f.p->af_route, 0, 0, 1, 0, 3};
  EXPECT_EQ(f.eng->sysctl(s, bad_fib, dump), EINVAL);
  const int bad_op[] = {4, f.p->af_route, 0, 0, 99, 0};
  EXPECT_EQ(f.eng->sysctl(s, bad_op, dump), rtsock::abi::os_errno(*f.p, EOPNOTSUPP));
  const int bad_af[] = {4, f.p->af_route, 0, 7, 1, 0};
  EXPECT_EQ(f.eng->sysctl(s, bad_af, dump), rtsock::abi::os_errno(*f.p, EAFNOSUPPORT));
  Bed o("openbsd");
  ASSERT_TRUE(o.eng);
  auto t = o.open(0, 100);
  const int no_table[] = {4, o.p->af_route, 0, 0, 1, 0, 5};
  EXPECT_EQ(o.eng->sysctl(t, no_table, dump), ENOENT);
}

// ---- OpenBSD ROUTE_MSGFILTER (A.11, B.12) ----

TEST(Engine, Engine_OpenbsdMsgfilter_OnlyAddReceived) {
  Bed b("openbsd");
  ASSERT_TRUE(b.eng);
  const auto& p = *b.p;
  auto s = b.open(0, 100);
  auto l = b.open(0, 200);
  const auto add = type_of(p, "RTM_ADD");
  ASSERT_EQ(b.eng->setsockopt(l, p.af_route, 1, u32(p, 1u << add)), 0);
  std::vector<rtsock::kernel::Delivery> out;
  ASSERT_EQ(
      b.write(s,
              route_msg(p, "RTM_ADD", "10.1.0.0", "192.0.2.1", 16, {"UP", "GATEWAY", "STATIC"}, 1),
              out)
          .error,
      0);
  ASSERT_EQ(b.write(s, route_msg(p, "RTM_DELETE", "10.1.0.0", std::nullopt, 16, {}, 2), out).error,
            0);
  ASSERT_EQ(
      b.write(s, route_msg(p, "RTM_GET", "198.51.100.7", std::nullopt, std::nullopt, {}, 3), out)
          .error,
      0);
  rtsock::kernel::IfChange c;
  c.up = false;
  ASSERT_EQ(b.eng->if_change(s, "em0", c, out), 0);
  auto v = views_to(out, l, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].type(), add);
  EXPECT_GT(to(out, s).size(), 1u);  // the unfiltered socket saw the rest
}

INSTANTIATE_TEST_SUITE_P(All, EngineAll, testing::ValuesIn(kAll), param_name);
INSTANTIATE_TEST_SUITE_P(Bsd, EngineBsd, testing::ValuesIn(kBsd), param_name);

}  // namespace
