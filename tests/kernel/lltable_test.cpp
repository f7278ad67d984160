// FreeBSD 8+ lltables on the routing socket: RTM_ADD/RTM_DELETE with
// RTF_LLDATA (lla_rt_output), nd6_lle_event's own messages, and the ARP/ND
// dump of NET_RT_FLAGS, byte for byte as in_lltable_dump_entry and
// in6_lltable_dump_entry write them. Facts: docs/research/freebsd-lltable.md.
#include <gtest/gtest.h>

#include <list>

#include "bed.hpp"

namespace {

using rtsock::abi::Field;
using rtsock::codec::Message;
using rtsock::codec::MessageView;
using rtsock::codec::SaKind;
using rtsock::codec::Sockaddr;
using Out = std::vector<rtsock::kernel::Delivery>;

constexpr std::uint16_t kEm0 = 2;
const std::uint8_t kMac[] = {0x00, 0x00, 0x5e, 0x00, 0x53, 0x42};

std::int64_t fl(const rtsock::abi::Profile& p, std::initializer_list<std::string_view> names) {
  std::int64_t f = 0;
  for (auto n : names) f |= osflag(p, n);
  return f;
}

// arp -s / ndp -s: RTM_ADD (or DELETE) with RTF_HOST|RTF_STATIC|RTF_LLDATA,
// DST and a whole sockaddr_dl naming the interface by index.
Message lle_msg(const rtsock::abi::Profile& p, std::string_view type, std::string_view dst,
                std::uint16_t ifindex, int seq, std::int64_t expire = 0) {
  auto m = Message::make(p, type_of(p, type));
  m.set_addr(rtsock::abi::kDst, *Sockaddr::parse_ip(dst));
  auto gw = Sockaddr::link(ifindex, 0, {}, kMac);
  gw.wire_len = 54;
  m.set_addr(rtsock::abi::kGateway, gw);
  m.set(Field::flags, fl(p, {"HOST", "STATIC", "LLINFO"}));
  m.set(Field::seq, seq);
  m.set(Field::rmx_expire, expire);
  return m;
}

struct Lab {
  Bed b;
  rtsock::kernel::SockId s = 0, other = 0;
  std::list<Out> kept;
  explicit Lab(const std::string& personality = "freebsd") : b(personality) {
    s = b.open(0, 4242);
    other = b.open(0, 77);
    Out out;
    EXPECT_EQ(b.eng->if_add_address(s, "em0", {addr("2001:db8::10"), 64, {}, {}}, out), 0);
  }
  const rtsock::abi::Profile& p() const { return *b.p; }
  rtsock::kernel::WriteResult write(const Message& m, Out*& out) {
    out = &kept.emplace_back();
    return b.write(s, m, *out);
  }
  int add(std::string_view dst, std::int64_t expire = 0, std::uint16_t ifindex = kEm0) {
    Out* out = nullptr;
    return write(lle_msg(p(), "RTM_ADD", dst, ifindex, 1, expire), out).error;
  }
  std::vector<std::byte> sysctl(int af, int op, int arg, int* error = nullptr) {
    const int mib[] = {4, p().af_route, 0, af, op, arg};
    std::vector<std::byte> buf;
    const int e = b.eng->sysctl(s, mib, buf);
    if (error != nullptr) {
      *error = e;
    } else {
      EXPECT_EQ(e, 0);
    }
    return buf;
  }
  // Views point into the dump: keep every dump for the test's life.
  std::list<std::vector<std::byte>> dumps;
  std::vector<MessageView> parse(std::vector<std::byte> buf) {
    const auto& kept_buf = dumps.emplace_back(std::move(buf));
    std::vector<MessageView> v;
    for (const auto& r : rtsock::codec::RibView(kept_buf, p())) {
      EXPECT_TRUE(r.has_value());
      if (r) v.push_back(*r);
    }
    return v;
  }
  int llinfo() const { return static_cast<int>(osflag(p(), "LLINFO")); }
};

// The entries userland made: without the interfaces' own (RTF_PINNED).
std::vector<MessageView> added_only(const rtsock::abi::Profile& p, const std::vector<MessageView>& v) {
  std::vector<MessageView> out;
  for (const auto& m : v)
    if ((m.get(Field::flags) & osflag(p, "PINNED")) == 0) out.push_back(m);
  return out;
}

std::vector<std::uint8_t> raw(const std::vector<std::byte>& b, std::size_t off, std::size_t n) {
  std::vector<std::uint8_t> v;
  for (std::size_t i = off; i < off + n && i < b.size(); ++i) v.push_back(std::to_integer<std::uint8_t>(b[i]));
  return v;
}

// The full sockaddr_dl the kernel writes: len 54, AF_LINK 18, index, type,
// nlen 0, alen 6, slen 0, the MAC, zeros to 54, then the struct's 2 bytes
// of padding (amd64).
std::vector<std::uint8_t> sdl_bytes(std::uint16_t index, std::uint8_t type,
                                    std::span<const std::uint8_t> mac) {
  std::vector<std::uint8_t> v(56, 0);
  v[0] = 54;
  v[1] = 18;
  v[2] = static_cast<std::uint8_t>(index);
  v[3] = static_cast<std::uint8_t>(index >> 8);
  v[4] = type;
  v[6] = static_cast<std::uint8_t>(mac.size());
  for (std::size_t i = 0; i < mac.size(); ++i) v[8 + i] = mac[i];
  return v;
}

TEST(KernelLltable, ArpDumpInBucketOrderExactBytes) {
  Lab l;
  const auto& p = l.p();
  // Buckets (IN_LLTBL_HASH, 32 on amd64) = (b0^b1^b2^b3) & 31:
  // .20 -> 22, .52 -> 22, .21 -> 23, .33 -> 3, em0's own .10 -> 8.
  ASSERT_EQ(l.add("192.0.2.20"), 0);
  ASSERT_EQ(l.add("192.0.2.21", 1'700'000'300), 0);
  ASSERT_EQ(l.add("192.0.2.33"), 0);
  ASSERT_EQ(l.add("192.0.2.52"), 0);
  const auto buf = l.sysctl(p.af_inet, 2, l.llinfo());
  ASSERT_EQ(buf.size(), 5u * 224);
  const auto v = l.parse(buf);
  ASSERT_EQ(v.size(), 5u);
  const char* order[] = {"192.0.2.33", "192.0.2.10", "192.0.2.52", "192.0.2.20", "192.0.2.21"};
  const std::uint8_t em0_mac[] = {0x00, 0x0c, 0x29, 0x66, 0x2c, 0xdc};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(order[i]);
    EXPECT_EQ(dst_of(v[i]), order[i]);
    EXPECT_EQ(v[i].type(), type_of(p, "RTM_GET"));
    EXPECT_EQ(v[i].get(Field::msglen), 224);
    EXPECT_EQ(v[i].get(Field::addrs), 0x3);
    EXPECT_EQ(v[i].get(Field::index), kEm0);
    EXPECT_EQ(v[i].get(Field::pid), 0);
    const bool dynamic = i == 4, own = i == 1;
    EXPECT_EQ(v[i].get(Field::flags),
              dynamic ? fl(p, {"UP", "HOST", "LLINFO"})
              : own   ? fl(p, {"UP", "HOST", "LLINFO", "STATIC", "PINNED"})
                      : fl(p, {"UP", "HOST", "LLINFO", "STATIC"}));
    EXPECT_EQ(v[i].get(Field::rmx_expire), dynamic ? 1'700'000'300 : 0);
    // sockaddr_in at 152 (16 bytes), then the sockaddr_dl.
    EXPECT_EQ(raw(buf, i * 224 + 152 + 16, 56),
              sdl_bytes(kEm0, rtsock::fib::ift::ether,
                        own ? std::span<const std::uint8_t>(em0_mac)
                            : std::span<const std::uint8_t>(kMac)));
  }
}

TEST(KernelLltable, NdDumpLinkLocalScopeStateAndPadding) {
  Lab l;
  const auto& p = l.p();
  ASSERT_EQ(l.add("fe80::4242%2"), 0);
  // Bucket 0 (last word 00 00 42 42), then em0's own link-local address
  // fe80::20c:29ff:fe66:2cdc (fe 66 2c dc folds to 0x68: bucket 8), then
  // its 2001:db8::10 (16).
  const auto buf = l.sysctl(p.af_inet6, 2, l.llinfo());
  ASSERT_EQ(buf.size(), 3u * 240);
  const auto v = l.parse(buf);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(dst_of(v[1]), "fe80::20c:29ff:fe66:2cdc%2");
  EXPECT_EQ(v[1].get(Field::flags), fl(p, {"UP", "HOST", "LLINFO", "STATIC", "PINNED"}));
  EXPECT_EQ(dst_of(v[2]), "2001:db8::10");
  EXPECT_EQ(v[2].get(Field::flags), fl(p, {"UP", "HOST", "LLINFO", "STATIC", "PINNED"}));
  EXPECT_EQ(v[2].get(Field::rmx_weight), 2);
  EXPECT_EQ(v[0].get(Field::flags), fl(p, {"UP", "HOST", "LLINFO", "STATIC"}));
  EXPECT_EQ(v[0].get(Field::rmx_weight), 2);  // ln_state ND6_LLINFO_REACHABLE
  EXPECT_EQ(v[0].get(Field::index), kEm0);
  // sin6 at 152: len 28, AF_INET6 28, fe80:: with no embedded zone, scope 2.
  const auto sin6 = raw(buf, 152, 28);
  EXPECT_EQ(sin6[0], 28);
  EXPECT_EQ(sin6[1], 28);
  EXPECT_EQ(sin6[8], 0xfe);
  EXPECT_EQ(sin6[9], 0x80);
  EXPECT_EQ(sin6[10], 0);
  EXPECT_EQ(sin6[11], 0);
  EXPECT_EQ(sin6[24], 2);  // sin6_scope_id, little-endian
  EXPECT_EQ(raw(buf, 180, 4), std::vector<std::uint8_t>(4, 0));  // the LP64 pad
  EXPECT_EQ(raw(buf, 184, 56),
            sdl_bytes(kEm0, rtsock::fib::ift::ether, std::span<const std::uint8_t>(kMac)));
}

TEST(KernelLltable, NotARouteGetAnswersThePrefixDumpLeavesItOut) {
  Lab l;
  const auto& p = l.p();
  ASSERT_EQ(l.add("192.0.2.20"), 0);
  for (const auto& r : l.parse(l.sysctl(p.af_inet, 1, 0))) EXPECT_NE(dst_of(r), "192.0.2.20");
  // NET_RT_FLAGS for another flag walks routes, not the lltable.
  for (const auto& r : l.parse(l.sysctl(p.af_inet, 2, static_cast<int>(osflag(p, "STATIC")))))
    EXPECT_NE(dst_of(r), "192.0.2.20");
  auto get = Message::make(p, type_of(p, "RTM_GET"));
  get.set_addr(rtsock::abi::kDst, sa4("192.0.2.20"));
  get.set(Field::seq, 9);
  Out* out = nullptr;
  ASSERT_EQ(l.write(get, out).error, 0);
  const auto v = views_to(*out, l.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(dst_of(v[0]), "192.0.2.0");
  EXPECT_EQ(rtsock::codec::prefix_length(v[0].addr(rtsock::abi::kNetmask)), 24);
}

TEST(KernelLltable, FlagsZeroDumpsTheTableAndNeedsAFamily) {
  Lab l;
  const auto& p = l.p();
  ASSERT_EQ(l.add("192.0.2.20"), 0);
  EXPECT_EQ(added_only(p, l.parse(l.sysctl(p.af_inet, 2, 0))).size(), 1u);
  int e = 0;
  l.sysctl(0, 2, l.llinfo(), &e);
  EXPECT_EQ(e, os_err(p, EINVAL));
  // IPv6: em0's own addresses only (2001:db8::10 and its link-local one).
  const auto v6 = l.parse(l.sysctl(p.af_inet6, 2, l.llinfo()));
  ASSERT_EQ(v6.size(), 2u);
  EXPECT_EQ(dst_of(v6[0]), "fe80::20c:29ff:fe66:2cdc%2");
  EXPECT_EQ(dst_of(v6[1]), "2001:db8::10");
  EXPECT_TRUE(added_only(p, v6).empty());
}

struct ErrCase {
  const char* name;
  const char* type;
  const char* dst;
  int ifindex;  // -1: an inet gateway instead of a link
  int error;
};

class KernelLltableErrors : public ::testing::TestWithParam<ErrCase> {};

TEST_P(KernelLltableErrors, ReplyCarriesTheErrno) {
  Lab l;
  const auto& p = l.p();
  const ErrCase& c = GetParam();
  auto m = lle_msg(p, c.type, c.dst, static_cast<std::uint16_t>(c.ifindex < 0 ? 0 : c.ifindex), 5);
  if (c.ifindex < 0) m.set_addr(rtsock::abi::kGateway, sa4("192.0.2.1"));
  Out* out = nullptr;
  const auto r = l.write(m, out);
  EXPECT_EQ(r.error, os_err(p, c.error));
  const auto v = views_to(*out, l.s, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::err), os_err(p, c.error));
  EXPECT_EQ(v[0].get(Field::flags) & osflag(p, "DONE"), 0);
  EXPECT_TRUE(added_only(p, l.parse(l.sysctl(p.af_inet, 2, l.llinfo()))).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KernelLltableErrors,
    ::testing::Values(
        ErrCase{"no_ifindex", "RTM_ADD", "192.0.2.20", 0, EINVAL},        // cleanup_xaddrs_lladdr
        ErrCase{"unknown_ifindex", "RTM_ADD", "192.0.2.20", 99, EINVAL},  // ifnet_byindex
        ErrCase{"inet_gateway", "RTM_ADD", "192.0.2.20", -1, EINVAL},
        ErrCase{"off_link", "RTM_ADD", "203.0.113.9", kEm0, ENOMEM},      // in_lltable_rtcheck
        ErrCase{"own_address", "RTM_ADD", "192.0.2.10", kEm0, EPERM},     // LLE_IFADDR
        ErrCase{"loopback", "RTM_ADD", "127.0.0.1", 1, EINVAL},           // no link header
        ErrCase{"delete_unknown", "RTM_DELETE", "192.0.2.20", kEm0, ENOENT},
        ErrCase{"get", "RTM_GET", "192.0.2.20", kEm0, EINVAL},            // lla_rt_output default
        ErrCase{"change", "RTM_CHANGE", "192.0.2.20", kEm0, EINVAL}),
    [](const auto& i) { return std::string(i.param.name); });

TEST(KernelLltable, NdAddAnnouncedToListenersBeforeTheReplyArpNot) {
  Lab l;
  const auto& p = l.p();
  Out* out = nullptr;
  ASSERT_EQ(l.write(lle_msg(p, "RTM_ADD", "2001:db8::20", kEm0, 1), out).error, 0);
  auto v = views_to(*out, l.other, p);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].get(Field::pid), 0);
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_ADD"));
  EXPECT_EQ(v[0].get(Field::flags), fl(p, {"UP", "HOST", "DONE", "LLINFO"}));
  EXPECT_EQ(v[1].get(Field::pid), 4242);
  // The same address again: the old entry expires, the new one resolves.
  auto again = lle_msg(p, "RTM_ADD", "2001:db8::20", kEm0, 2);
  ASSERT_EQ(l.write(again, out).error, 0);
  v = views_to(*out, l.other, p);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].type(), type_of(p, "RTM_DELETE"));
  EXPECT_EQ(v[0].get(Field::flags), fl(p, {"HOST", "DONE", "LLINFO"}));
  const auto gw = v[0].addr(rtsock::abi::kGateway);
  EXPECT_EQ(gw.alen, 6);
  EXPECT_EQ(std::vector<std::uint8_t>(gw.link_addr().begin(), gw.link_addr().end()),
            std::vector<std::uint8_t>(6, 0));
  EXPECT_EQ(v[1].type(), type_of(p, "RTM_ADD"));
  EXPECT_EQ(v[1].get(Field::pid), 0);
  EXPECT_EQ(v[2].get(Field::pid), 4242);
  // ARP: only the reply's copy; a delete: only the reply's copy.
  ASSERT_EQ(l.write(lle_msg(p, "RTM_ADD", "192.0.2.20", kEm0, 3), out).error, 0);
  EXPECT_EQ(views_to(*out, l.other, p).size(), 1u);
  ASSERT_EQ(l.write(lle_msg(p, "RTM_DELETE", "2001:db8::20", kEm0, 4), out).error, 0);
  v = views_to(*out, l.other, p);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].get(Field::pid), 4242);
}

TEST(KernelLltable, AddressRemovalAndDetachDropEntries) {
  Lab l;
  const auto& p = l.p();
  rtsock::fib::IfSpec e;
  e.name = "em1";
  e.type = rtsock::fib::ift::ether;
  e.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast | rtsock::fib::iff::multicast;
  e.lladdr = {0x02, 0, 0, 0, 0, 0x11};
  Out out;
  std::uint16_t em1 = 0;
  ASSERT_EQ(l.b.eng->if_create(l.s, e, out, &em1), 0);
  ASSERT_EQ(l.b.eng->if_add_address(l.s, "em1", {addr("198.51.100.10"), 24, {}, {}}, out), 0);
  ASSERT_EQ(l.add("198.51.100.20", 0, em1), 0);
  ASSERT_EQ(l.add("2001:db8::20"), 0);
  ASSERT_EQ(l.add("192.0.2.20"), 0);
  // Newest interface first (tables are linked at the list's head).
  auto v = added_only(p, l.parse(l.sysctl(p.af_inet, 2, l.llinfo())));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(dst_of(v[0]), "198.51.100.20");
  EXPECT_EQ(v[0].get(Field::index), em1);
  ASSERT_EQ(l.b.eng->if_delete_address(l.s, "em0", addr("2001:db8::10"), out), 0);
  // The neighbour went with the prefix; the link-local addresses of em1
  // (newest first) and em0 stay.
  const auto v6 = l.parse(l.sysctl(p.af_inet6, 2, l.llinfo()));
  ASSERT_EQ(v6.size(), 2u);
  EXPECT_EQ(dst_of(v6[0]), "fe80::ff:fe00:11%3");
  EXPECT_EQ(dst_of(v6[1]), "fe80::20c:29ff:fe66:2cdc%2");
  ASSERT_EQ(l.b.eng->if_destroy(l.s, "em1", out), 0);
  v = added_only(p, l.parse(l.sysctl(p.af_inet, 2, l.llinfo())));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(dst_of(v[0]), "192.0.2.20");
}

// nd6_lle_event: the interface's FIB filters the message, unless
// net.add_addr_allfibs makes it RT_ALL_FIBS; the sender's reply follows
// the sender's FIB.
class KernelLltableFibs : public ::testing::TestWithParam<bool> {};

TEST_P(KernelLltableFibs, NdMessageGoesToTheInterfacesFib) {
  const bool allfibs = GetParam();
  rtsock::kernel::Options o;
  o.personality = "freebsd";
  o.fibs = 2;
  o.add_addr_allfibs = allfibs;
  auto e = rtsock::kernel::Engine::create(o);
  ASSERT_TRUE(e.has_value());
  auto& eng = **e;
  const auto& p = eng.profile();
  rtsock::fib::IfSpec tap;
  tap.name = "tap0";
  tap.type = rtsock::fib::ift::ether;
  tap.flags = rtsock::fib::iff::up | rtsock::fib::iff::broadcast;
  tap.lladdr = {0x02, 0, 0, 0, 0, 0x01};
  tap.fib = 1;
  const auto idx = eng.boot_interface(tap);
  ASSERT_TRUE(idx.has_value());
  auto s0 = *eng.open({0, 10}, 0);
  auto s1 = *eng.open({0, 11}, 0);
  const auto one = u32(p, 1);
  ASSERT_EQ(eng.setsockopt(s1, 0xffff, 0x1014, one), 0);  // SO_SETFIB 1
  Out out;
  ASSERT_EQ(eng.write(s0, wire(p, lle_msg(p, "RTM_ADD", "2001:db8::20", *idx, 1)), out).error, 0);
  const auto kernel_msgs = [&](rtsock::kernel::SockId s) {
    std::size_t n = 0;
    for (const auto& v : views_to(out, s, p)) n += v.get(Field::pid) == 0 ? 1u : 0u;
    return n;
  };
  EXPECT_EQ(kernel_msgs(s1), 1u);
  EXPECT_EQ(kernel_msgs(s0), allfibs ? 1u : 0u);
  EXPECT_EQ(views_to(out, s1, p).size(), 1u);  // the reply stays in FIB 0
}

INSTANTIATE_TEST_SUITE_P(AddAddrAllfibs, KernelLltableFibs, ::testing::Bool());

// FreeBSD 7 (no lltable) and the kernels without the split keep the
// RTF_LLINFO host route; FreeBSD 12 splits as 14 does.
class KernelLltableKernels : public ::testing::TestWithParam<std::string> {};

TEST_P(KernelLltableKernels, SplitOnlyOnFreeBsd8AndLater) {
  Lab l(GetParam());
  const auto& p = l.p();
  const bool split = GetParam() == "freebsd" || GetParam() == "freebsd12";
  ASSERT_EQ(l.add("192.0.2.20"), 0);
  bool routed = false;
  for (const auto& r : l.parse(l.sysctl(p.af_inet, 1, 0))) routed |= dst_of(r) == "192.0.2.20";
  EXPECT_EQ(routed, !split);
}

INSTANTIATE_TEST_SUITE_P(Kernels, KernelLltableKernels,
                         ::testing::Values("freebsd", "freebsd12", "freebsd7", "darwin",
                                           "dragonfly"),
                         param_name);

}  // namespace
