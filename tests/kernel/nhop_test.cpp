// Issue 16, FreeBSD 13+ NET_RT_NHOP (6) and NET_RT_NHGRP (7): the records
// of dump_nhop_entry (nhop_ctl.c) and dump_nhgrp_entry (nhgrp_ctl.c), the
// MIB checks of sysctl_rtsock, and the other kernels' answers. Layouts and
// sources: docs/research/freebsd-nexthops.md.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "bed.hpp"
#include "rtsock/codec/nexthop.hpp"

namespace {

using rtsock::fib::Gateway;
using rtsock::fib::RouteRequest;
namespace rtf = rtsock::fib::rtf;
namespace rtv = rtsock::fib::rtv;

Bytes hex(std::string_view text) {
  Bytes out;
  std::istringstream in{std::string(text)};
  std::string tok;
  while (in >> tok) out.push_back(static_cast<std::byte>(std::stoul(tok, nullptr, 16)));
  return out;
}

Bytes zeros(std::size_t n) { return Bytes(n, std::byte{0}); }

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

RouteRequest via(const char* dst, int plen, const char* gw, std::uint32_t fib = 0) {
  RouteRequest r;
  r.fib = fib;
  r.dst = addr(dst);
  r.plen = plen;
  r.gateway = Gateway::address(addr(gw));
  r.flags = rtf::up | rtf::gateway | rtf::static_;
  return r;
}

std::uint32_t le32(const Bytes& b, std::size_t off) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= std::to_integer<std::uint32_t>(b[off + i]) << (8 * i);
  return v;
}
std::uint16_t le16(const Bytes& b, std::size_t off) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(b[off]) |
                                    std::to_integer<unsigned>(b[off + 1]) << 8);
}

// The records of a dump, split by rtm_msglen.
std::vector<Bytes> records(const Bytes& dump) {
  std::vector<Bytes> out;
  for (std::size_t off = 0; off + 4 <= dump.size();) {
    const std::size_t len = le16(dump, off);
    if (len < 4 || off + len > dump.size()) {
      ADD_FAILURE() << "bad msglen " << len << " at " << off;
      break;
    }
    out.emplace_back(dump.begin() + static_cast<std::ptrdiff_t>(off),
                     dump.begin() + static_cast<std::ptrdiff_t>(off + len));
    off += len;
  }
  return out;
}

constexpr std::size_t kRtm = 152;  // FreeBSD amd64 rt_msghdr

Bytes dump_of(Bed& b, int af, int op, int fib) {
  auto s = b.open(0, 100);
  const int mib[] = {4, b.p->af_route, 0, af, op, 0, fib};
  Bytes out;
  EXPECT_EQ(b.eng->sysctl(s, mib, out), 0) << "af " << af << " op " << op;
  std::size_t size = 0;
  EXPECT_EQ(b.eng->sysctl_size(s, mib, size), 0);
  EXPECT_EQ(size, out.size()) << "the sizing call measures what is written";
  return out;
}

// 10.0.0.0/8 via 192.0.2.1 (STATIC), after lo0's and em0's own routes
// (nexthops 1-3): nexthop 4, hand-assembled from struct rt_msghdr,
// nhop_external and nhop_addrs (amd64, little-endian).
TEST(FreebsdNhopDump, gateway_nexthop_bytes_success) {
  Bed b("freebsd", false);
  ASSERT_TRUE(b.eng);
  ASSERT_TRUE(b.eng->boot_route(via("10.0.0.0", 8, "192.0.2.1")).has_value());
  const Bytes want = cat({
      // rt_msghdr: msglen 312, version 5, RTM_GET, flags GATEWAY|STATIC.
      hex("38 01 05 04 00 00 00 00 02 08 00 00"), zeros(kRtm - 12),
      // nhop_external: len 120, idx 4, fib 0, ifindex 2, aifindex 2,
      // prepend_len 0, AF_INET, NH_TYPE_IPV4_ETHER_NHOP, mtu 1500,
      // NHF_GATEWAY, nh_addr/nh_src 0, pad, pksent 0, prepend, refcount 1.
      hex("78 00 00 00 04 00 00 00 00 00 00 00 02 00 00 00"),
      hex("02 00 00 00 00 02 02 00 dc 05 00 02 00 00 00 00"), zeros(8 + 8 + 64),
      hex("01 00 00 00 00 00 00 00"),
      // nhop_addrs: na_len 40, gateway at 8, source at 24.
      hex("28 00 00 00 08 00 18 00"),
      hex("10 02 00 00 c0 00 02 01 00 00 00 00 00 00 00 00"),
      hex("10 02 00 00 c0 00 02 0a 00 00 00 00 00 00 00 00"),
  });
  ASSERT_EQ(want.size(), 312u);
  const auto recs = records(dump_of(b, b.p->af_inet, 6, 0));
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[3], want);
}

// The interface's own nexthops: the prefix (a sockaddr_dl_short gateway)
// and the local address route out lo0 whose address interface is em0.
TEST(FreebsdNhopDump, interface_nexthops_success) {
  Bed b("freebsd", false);
  ASSERT_TRUE(b.eng);
  const auto recs = records(dump_of(b, b.p->af_inet, 6, 0));
  ASSERT_EQ(recs.size(), 3u);
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const Bytes& r = recs[i];
    EXPECT_EQ(std::to_integer<int>(r[2]), 5);
    EXPECT_EQ(std::to_integer<int>(r[3]), 4);  // RTM_GET
    EXPECT_EQ(le32(r, kRtm), 120u);
    EXPECT_EQ(le32(r, kRtm + 4), i + 1);  // by index
    EXPECT_EQ(std::to_integer<int>(r[kRtm + 21]), 2);  // AF_INET
    EXPECT_EQ(le16(r, kRtm + 22), 1u);  // NH_TYPE_IPV4_ETHER_RSLV: no gateway
  }
  // 192.0.2.0/24: out em0 (2), gateway link#2 as sockaddr_dl_short.
  const Bytes& pfx = recs[1];
  EXPECT_EQ(le32(pfx, kRtm + 12), 2u);
  EXPECT_EQ(le32(pfx, kRtm + 16), 2u);
  EXPECT_EQ(le16(pfx, kRtm + 24), 1500u);
  const std::size_t na = kRtm + 120;
  EXPECT_EQ(le32(pfx, na), 8u + 16u + 16u);
  const Bytes sdl = cat({hex("10 12 02 00 06 00 00 00"), zeros(8)});
  EXPECT_EQ(Bytes(pfx.begin() + na + 8, pfx.begin() + na + 24), sdl);
  // 192.0.2.10: out lo0 (1), aifindex em0 (2), NHF_HOST.
  const Bytes& local = recs[2];
  EXPECT_EQ(le32(local, kRtm + 12), 1u);
  EXPECT_EQ(le32(local, kRtm + 16), 2u);
  EXPECT_NE(le16(local, kRtm + 26) & 0x400, 0u);
}

// 10.0.0.0/8 via 192.0.2.1 and 192.0.2.2: group 1 of nexthops 4 and 5.
TEST(FreebsdNhgrpDump, two_path_group_bytes_success) {
  Bed b("freebsd", false);
  ASSERT_TRUE(b.eng);
  ASSERT_TRUE(b.eng->boot_route(via("10.0.0.0", 8, "192.0.2.1")).has_value());
  ASSERT_TRUE(b.eng->boot_route(via("10.0.0.0", 8, "192.0.2.2")).has_value());
  const Bytes want = cat({
      hex("d0 00 05 04"), zeros(kRtm - 4),     // msglen 208, RTM_GET, flags 0
      hex("01 00 00 00 01 00 00 00"),          // nhgrp_external: idx 1, refcount 1
      hex("18 00 00 00 02 00 01 00"),          // NHG_C_TYPE_CNHOPS, 2 items
      hex("04 00 00 00 01 00 00 00 05 00 00 00 01 00 00 00"),
      hex("18 00 00 00 02 00 02 00"),          // NHG_C_TYPE_DNHOPS, 2 slots
      hex("04 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00"),
  });
  EXPECT_EQ(dump_of(b, b.p->af_inet, 7, 0), want);
  // The nexthops of the group: each held once, by the group.
  const auto recs = records(dump_of(b, b.p->af_inet, 6, 0));
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(le32(recs[3], kRtm + 112), 1u);
  EXPECT_EQ(le32(recs[4], kRtm + 112), 1u);
}

TEST(FreebsdNhgrpDump, weights_compile_into_slots_success) {
  Bed b("freebsd", false);
  ASSERT_TRUE(b.eng);
  RouteRequest a = via("10.0.0.0", 8, "192.0.2.1");
  RouteRequest c = via("10.0.0.0", 8, "192.0.2.2");
  c.inits = rtv::weight;
  c.rmx.weight = 2;
  ASSERT_TRUE(b.eng->boot_route(a).has_value());
  ASSERT_TRUE(b.eng->boot_route(c).has_value());
  const auto recs = records(dump_of(b, b.p->af_inet, 7, 0));
  ASSERT_EQ(recs.size(), 1u);
  const Bytes& r = recs[0];
  const std::size_t d = kRtm + 8 + 8 + 16;  // the dataplane container
  EXPECT_EQ(le32(r, kRtm + 8 + 8 + 12), 2u);  // path 5's weight
  EXPECT_EQ(le16(r, d + 4), 3u);              // [4, 5, 5]
  EXPECT_EQ(le32(r, d + 8), 4u);
  EXPECT_EQ(le32(r, d + 16), 5u);
  EXPECT_EQ(le32(r, d + 24), 5u);
  EXPECT_EQ(r.size(), kRtm + 8 + 8 + 16 + 8 + 24);
}

TEST(FreebsdNhopDump, empty_group_table_is_empty_success) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  EXPECT_TRUE(dump_of(b, b.p->af_inet, 7, 0).empty());
}

// rmx_nhidx of NET_RT_DUMP names the nexthop NET_RT_NHOP lists.
TEST(FreebsdNhopDump, route_dump_names_the_same_index_success) {
  Bed b("freebsd", false);
  ASSERT_TRUE(b.eng);
  ASSERT_TRUE(b.eng->boot_route(via("10.0.0.0", 8, "192.0.2.1")).has_value());
  ASSERT_TRUE(b.eng->boot_route(via("198.51.100.0", 24, "192.0.2.1")).has_value());
  auto s = b.open(0, 100);
  const int mib[] = {4, b.p->af_route, 0, b.p->af_inet, 1, 0};
  Bytes dump;
  ASSERT_EQ(b.eng->sysctl(s, mib, dump), 0);
  int seen = 0;
  for (const auto& r : rtsock::codec::RibView(dump, *b.p)) {
    ASSERT_TRUE(r.has_value());
    const std::string dst = dst_of(*r);
    if (dst == "10.0.0.0" || dst == "198.51.100.0") {
      EXPECT_EQ(r->get(rtsock::abi::Field::rmx_nhidx), 4) << dst;
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
  const auto recs = records(dump_of(b, b.p->af_inet, 6, 0));
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(le32(recs[3], kRtm + 112), 2u);  // two routes share it
}

// codec::parse_nexthops / parse_nexthop_groups read back what the engine
// writes; a cut dump is an error, not a short list.
TEST(FreebsdNhopDump, codec_decodes_the_records_success) {
  Bed b("freebsd", false);
  ASSERT_TRUE(b.eng);
  ASSERT_TRUE(b.eng->boot_route(via("10.0.0.0", 8, "192.0.2.1")).has_value());
  ASSERT_TRUE(b.eng->boot_route(via("10.0.0.0", 8, "192.0.2.2")).has_value());
  const Bytes dump = dump_of(b, b.p->af_inet, 6, 0);
  auto nhs = rtsock::codec::parse_nexthops(*b.p, dump);
  ASSERT_TRUE(nhs) << nhs.error().message();
  ASSERT_EQ(nhs->size(), 5u);
  const auto& n = (*nhs)[3];
  EXPECT_EQ(n.index, 4u);
  EXPECT_EQ(n.ifindex, 2u);
  EXPECT_EQ(n.family, b.p->af_inet);
  EXPECT_EQ(n.type, 2u);
  EXPECT_EQ(n.mtu, 1500u);
  EXPECT_EQ(n.flags, 0x200u);
  EXPECT_EQ(n.refcount, 1u);
  EXPECT_EQ(n.rtm_flags, static_cast<std::uint32_t>(osflag(*b.p, "GATEWAY") | osflag(*b.p, "STATIC")));
  EXPECT_EQ(rtsock::codec::ip_string(n.gateway), "192.0.2.1");
  EXPECT_EQ(rtsock::codec::ip_string(n.source), "192.0.2.10");
  EXPECT_EQ((*nhs)[1].gateway.kind, rtsock::codec::SaKind::link);
  EXPECT_EQ((*nhs)[1].gateway.link_index, 2u);
  auto groups = rtsock::codec::parse_nexthop_groups(*b.p, dump_of(b, b.p->af_inet, 7, 0));
  ASSERT_TRUE(groups) << groups.error().message();
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].members,
            (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{4, 1}, {5, 1}}));
  EXPECT_EQ((*groups)[0].slots, (std::vector<std::uint32_t>{4, 5}));
  const Bytes cut(dump.begin(), dump.end() - 3);
  EXPECT_FALSE(rtsock::codec::parse_nexthops(*b.p, cut));
}

// The af and FIB elements choose one table; inet6 has its own indices.
TEST(FreebsdNhopDump, af_and_fib_select_the_table_success) {
  rtsock::kernel::Options o;
  o.personality = "freebsd";
  o.fibs = 2;
  o.add_addr_allfibs = true;  // em0's prefix in FIB 1 too, to reach the gateway
  auto e = rtsock::kernel::Engine::create(o);
  ASSERT_TRUE(e.has_value());
  auto& eng = **e;
  const auto& p = eng.profile();
  rtsock::fib::IfSpec em;
  em.name = "em0";
  em.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast;
  ASSERT_TRUE(eng.boot_interface(em).has_value());
  ASSERT_TRUE(eng.boot_address("em0", {addr("192.0.2.10"), 24, {}, {}}).has_value());
  ASSERT_TRUE(eng.boot_address("em0", {addr("2001:db8::10"), 64, {}, {}}).has_value());
  ASSERT_TRUE(eng.boot_route(via("10.0.0.0", 8, "192.0.2.1", 1)).has_value());
  auto s = eng.open({0, 100}, 0);
  ASSERT_TRUE(s.has_value());
  const auto get = [&](int af, int fib) {
    const int mib[] = {4, p.af_route, 0, af, 6, 0, fib};
    Bytes out;
    EXPECT_EQ(eng.sysctl(*s, mib, out), 0);
    return records(out);
  };
  const auto fib1 = get(p.af_inet, 1);
  ASSERT_GE(fib1.size(), 2u);
  for (std::size_t i = 0; i < fib1.size(); ++i) {
    EXPECT_EQ(le32(fib1[i], kRtm + 4), i + 1);  // FIB 1's own index space
    EXPECT_EQ(le32(fib1[i], kRtm + 8), 1u);     // nh_fib
  }
  EXPECT_NE(le16(fib1.back(), kRtm + 26) & 0x200, 0u);  // the gateway route's, last made
  for (const Bytes& r : get(p.af_inet, 0)) EXPECT_EQ(le16(r, kRtm + 26) & 0x200, 0u);
  const auto v6 = get(p.af_inet6, 0);
  ASSERT_FALSE(v6.empty());
  for (const Bytes& r : v6) EXPECT_EQ(std::to_integer<int>(r[kRtm + 21]), p.af_inet6);
  EXPECT_EQ(le32(v6[0], kRtm + 4), 1u);
  for (const Bytes& r : get(p.af_inet, 0)) EXPECT_EQ(std::to_integer<int>(r[kRtm + 21]), p.af_inet);
}

// sysctl_rtsock: the FIB element is required and RT_ALL_FIBS is refused;
// af 0 and families without a table have no nexthops to list.
struct MibCase {
  const char* name;
  std::vector<int> tail;  // af, op, arg [, fib ...]
  int err;
};

class NhopMib : public testing::TestWithParam<MibCase> {};

TEST_P(NhopMib, errors) {
  Bed b("freebsd");
  ASSERT_TRUE(b.eng);
  auto s = b.open(0, 100);
  std::vector<int> mib = {4, b.p->af_route, 0};
  for (int v : GetParam().tail) mib.push_back(v == -100 ? b.p->af_inet : v);
  Bytes out;
  EXPECT_EQ(b.eng->sysctl(s, mib, out), rtsock::abi::os_errno(*b.p, GetParam().err));
  EXPECT_TRUE(out.empty());
}

const MibCase kMib[] = {
    {"no_fib_element", {-100, 6, 0}, EINVAL},
    {"all_fibs", {-100, 6, 0, -1}, EINVAL},
    {"fib_out_of_range", {-100, 7, 0, 1}, EINVAL},
    {"negative_fib", {-100, 6, 0, -2}, EINVAL},
    {"af_zero", {0, 6, 0, 0}, EAFNOSUPPORT},
    {"af_link", {18, 7, 0, 0}, EAFNOSUPPORT},
    {"too_many_names", {-100, 6, 0, 0, 0}, ENOTDIR},
};

INSTANTIATE_TEST_SUITE_P(Freebsd, NhopMib, testing::ValuesIn(kMib),
                         [](const auto& i) { return std::string(i.param.name); });

// Kernels without nexthop objects: FreeBSD 12 and DragonFly/HP-UX know no
// such ops (EOPNOTSUPP, as any unknown op here; DragonFly's sysctl_rtsock
// answers EINVAL).
class NhopElsewhere : public testing::TestWithParam<std::string> {};

TEST_P(NhopElsewhere, unsupported) {
  Bed b(GetParam());
  ASSERT_TRUE(b.eng);
  auto s = b.open(0, 100);
  for (int op : {6, 7}) {
    const int mib[] = {4, b.p->af_route, 0, b.p->af_inet, op, 0, 0};
    Bytes out;
    const int want = GetParam() == "dragonfly" ? EINVAL : EOPNOTSUPP;
    EXPECT_EQ(b.eng->sysctl(s, mib, out), rtsock::abi::os_errno(*b.p, want)) << op;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, NhopElsewhere,
                         testing::Values("freebsd12", "dragonfly", "hpux"), param_name);

}  // namespace
