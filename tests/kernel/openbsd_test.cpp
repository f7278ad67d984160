// The OpenBSD personality's routing tables and sysctls in the engine:
// RTM_ADD into a table that does not exist creates it (rtm_output:
// rtable_add), and NET_RT_STATS / NET_RT_TABLE / NET_RT_IFNAMES answer with
// struct rtstat, struct rt_tableinfo and struct if_nameindex_msg as
// OpenBSD's sysctl_rtable does.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/interface.hpp"
#include "rtsock/kernel/engine.hpp"

namespace {

using Bytes = std::vector<std::byte>;
using rtsock::abi::Field;

constexpr int kNetRtStats = 4, kNetRtTable = 5, kNetRtIfnames = 6;  // sys/socket.h
constexpr int kSolSocket = 0xffff, kSoRtable = 0x1021;

struct Obsd {
  std::unique_ptr<rtsock::kernel::Engine> eng;
  const rtsock::abi::Profile* p = nullptr;
  rtsock::kernel::SockId s = 0;

  Obsd() {
    rtsock::kernel::Options opt;
    opt.personality = "openbsd";
    auto e = rtsock::kernel::Engine::create(opt);
    EXPECT_TRUE(e.has_value());
    if (!e) return;
    eng = std::move(*e);
    p = &eng->profile();
    rtsock::fib::IfSpec lo;
    lo.name = "lo0";
    lo.type = rtsock::fib::ift::loop;
    lo.flags = rtsock::fib::iff::up | rtsock::fib::iff::loopback | rtsock::fib::iff::multicast;
    lo.mtu = 32768;
    EXPECT_TRUE(eng->boot_interface(lo).has_value());
    rtsock::fib::IfSpec em;
    em.name = "em0";
    em.lladdr = {0x00, 0x0c, 0x29, 0x66, 0x2c, 0xdc};
    em.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast;
    EXPECT_TRUE(eng->boot_interface(em).has_value());
    auto a = rtsock::fib::Addr::parse("192.0.2.10");
    EXPECT_TRUE(a.has_value());
    EXPECT_TRUE(eng->boot_address("em0", {a.value_or(rtsock::fib::Addr{}), 24, {}, {}}));
    auto sid = eng->open({0, 100});
    EXPECT_TRUE(sid.has_value());
    s = sid.value_or(0);
  }

  // RTM_ADD 10.1.0.0/16 via 192.0.2.1 in rtm_tableid `table`.
  int AddInTable(std::uint32_t table) {
    auto m = rtsock::codec::Message::make(*p, p->type_number("RTM_ADD").value_or(0));
    m.set_addr(rtsock::abi::kDst, rtsock::codec::Sockaddr::parse_ip("10.1.0.0").value());
    m.set_addr(rtsock::abi::kGateway, rtsock::codec::Sockaddr::parse_ip("192.0.2.1").value());
    m.set_addr(rtsock::abi::kNetmask,
               rtsock::codec::Sockaddr::mask(rtsock::codec::SaKind::inet4, 16));
    m.set(Field::flags, 0x803);  // UP|GATEWAY|STATIC
    m.set(Field::tableid, table);
    m.set(Field::seq, 1);
    auto w = rtsock::codec::marshal(*p, m);
    EXPECT_TRUE(w.has_value());
    std::vector<rtsock::kernel::Delivery> out;
    return eng->write(s, w.value_or(Bytes{}), out).error;
  }

  int Sysctl(int op, int arg, Bytes& out) {
    const int mib[] = {4, p->af_route, 0, 0, op, arg};
    out.clear();
    return eng->sysctl(s, mib, out);
  }

  std::uint32_t U(const Bytes& b, std::size_t at, std::size_t n) const {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = p->order == rtsock::abi::ByteOrder::little ? n - 1 - i : i;
      v = (v << 8) | std::to_integer<std::uint32_t>(b.at(at + k));
    }
    return v;
  }

  Bytes Int(std::uint32_t v) const {
    Bytes b(4);
    for (std::size_t i = 0; i < 4; ++i) {
      const std::size_t shift = p->order == rtsock::abi::ByteOrder::little ? i : 3 - i;
      b[i] = static_cast<std::byte>((v >> (8 * shift)) & 0xffu);
    }
    return b;
  }
};

TEST(OpenbsdEngine, AddToMissingTable_CreatesIt) {
  Obsd o;
  ASSERT_TRUE(o.eng);
  Bytes b;
  EXPECT_EQ(o.Sysctl(kNetRtTable, 7, b), ENOENT);
  EXPECT_EQ(o.eng->setsockopt(o.s, kSolSocket, kSoRtable, o.Int(7)), EINVAL);
  EXPECT_EQ(o.AddInTable(7), 0);
  ASSERT_EQ(o.Sysctl(kNetRtTable, 7, b), 0);
  ASSERT_EQ(b.size(), 4u);  // struct rt_tableinfo
  EXPECT_EQ(o.U(b, 0, 2), 7u);
  EXPECT_EQ(o.U(b, 2, 2), 0u);  // a new table belongs to routing domain 0
  EXPECT_EQ(o.eng->setsockopt(o.s, kSolSocket, kSoRtable, o.Int(7)), 0);
  const int dump[] = {4, o.p->af_route, 0, 0, 1, 0, 7};
  EXPECT_EQ(o.eng->sysctl(o.s, dump, b), 0);
  EXPECT_FALSE(b.empty());
  // RT_TABLEID_MAX is 255.
  EXPECT_EQ(o.AddInTable(256), EINVAL);
}

TEST(OpenbsdEngine, OtherPersonalities_NoTableCreated) {
  rtsock::kernel::Options opt;
  opt.personality = "freebsd";
  auto e = rtsock::kernel::Engine::create(opt);
  ASSERT_TRUE(e.has_value());
  auto s = (*e)->open({0, 100});
  ASSERT_TRUE(s.has_value());
  Bytes b;
  const int dump[] = {4, (*e)->profile().af_route, 0, 0, 1, 0, 7};
  EXPECT_EQ((*e)->sysctl(*s, dump, b), EINVAL);
}

TEST(OpenbsdEngine, SysctlStats_FiveCounters) {
  Obsd o;
  ASSERT_TRUE(o.eng);
  Bytes b;
  ASSERT_EQ(o.Sysctl(kNetRtStats, 0, b), 0);
  EXPECT_EQ(b.size(), 20u);  // struct rtstat: five u_int32_t
}

TEST(OpenbsdEngine, SysctlTable_Table0IsDomain0) {
  Obsd o;
  ASSERT_TRUE(o.eng);
  Bytes b;
  ASSERT_EQ(o.Sysctl(kNetRtTable, 0, b), 0);
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(o.U(b, 0, 2), 0u);
  EXPECT_EQ(o.U(b, 2, 2), 0u);
}

TEST(OpenbsdEngine, SysctlIfnames_IndexAndNamePerInterface) {
  Obsd o;
  ASSERT_TRUE(o.eng);
  Bytes b;
  ASSERT_EQ(o.Sysctl(kNetRtIfnames, 0, b), 0);
  ASSERT_EQ(b.size(), 2 * 20u);  // struct if_nameindex_msg: index + IFNAMSIZ
  auto name = [&](std::size_t at) {
    std::string n;
    for (std::size_t i = 0; i < 16 && b[at + 4 + i] != std::byte{0}; ++i)
      n.push_back(static_cast<char>(b[at + 4 + i]));
    return n;
  };
  EXPECT_EQ(o.U(b, 0, 4), 1u);
  EXPECT_EQ(name(0), "lo0");
  EXPECT_EQ(o.U(b, 20, 4), 2u);
  EXPECT_EQ(name(20), "em0");
  ASSERT_EQ(o.Sysctl(kNetRtIfnames, 2, b), 0);  // one interface by index
  ASSERT_EQ(b.size(), 20u);
  EXPECT_EQ(name(0), "em0");
}

}  // namespace
