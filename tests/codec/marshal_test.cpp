// Encoding: sizes, padding, mask forms, refusals.
#include <gtest/gtest.h>

#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "test_util.hpp"

using namespace rtsock;
using namespace rtsock::codec;
using rtsock::abi::Field;
using rtsock::test::hex;

namespace {

const rtsock::abi::Profile& P(const char* n) { return *rtsock::abi::find_profile(n); }

Message add_10_8(const rtsock::abi::Profile& p) {
  auto m = Message::make(p, 1);
  m.set(Field::flags, 0x803);
  m.set(Field::seq, 1);
  m.set_addr(rtsock::abi::kDst, Sockaddr::inet4({10, 0, 0, 0}));
  m.set_addr(rtsock::abi::kGateway, Sockaddr::inet4({192, 0, 2, 1}));
  m.set_addr(rtsock::abi::kNetmask, Sockaddr::mask(SaKind::inet4, 8));
  return m;
}

struct LenCase {
  const char* profile;
  std::size_t len;
};

class AddLength : public ::testing::TestWithParam<LenCase> {};

TEST_P(AddLength, rtm_add_10_8_length_per_os) {
  const auto& c = GetParam();
  auto b = marshal(P(c.profile), add_10_8(P(c.profile)));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), c.len) << c.profile;
  auto v = parse_message(*b, P(c.profile));
  ASSERT_TRUE(v) << v.error().message();
  EXPECT_EQ(v->length(), c.len);
  EXPECT_EQ(prefix_length(v->addr(rtsock::abi::kNetmask)), 8);
}

INSTANTIATE_TEST_SUITE_P(
    Spec, AddLength,
    ::testing::Values(LenCase{"freebsd14-amd64", 152 + 48},  // full masks
                      LenCase{"freebsd10-amd64", 152 + 16 + 16 + 8},  // /8 compressed: 5 → 8
                      LenCase{"freebsd14-i386", 92 + 48}, LenCase{"openbsd", 96 + 48},
                      LenCase{"netbsd", 120 + 16 + 16 + 8}, LenCase{"dragonfly", 152 + 16 + 16 + 8},
                      // Darwin rt_msg1: the 5-byte mask is last and unpadded.
                      LenCase{"darwin", 92 + 16 + 16 + 5}, LenCase{"hpux", 76 + 16 + 16 + 8}));

TEST(Marshal, freebsd14_rtm_add_bytes) {
  auto b = marshal(P("freebsd"), add_10_8(P("freebsd")));
  ASSERT_TRUE(b);
  std::vector<std::byte> hdr(b->begin(), b->begin() + 24);
  EXPECT_EQ(hdr, hex("c8 00 05 01 00 00 00 00 03 08 00 00 07 00 00 00 00 00 00 00 01 00 00 00"));
  std::vector<std::byte> mask(b->begin() + 184, b->end());
  EXPECT_EQ(mask, hex("10 02 00 00 ff 00 00 00 00 00 00 00 00 00 00 00"));
}

TEST(Marshal, darwin_get_reply_is_padded) {
  auto m = add_10_8(P("darwin"));
  m.type = 4;
  m.set(Field::type, 4);
  auto b = marshal(P("darwin"), m);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 92u + 16 + 16 + 8);
  auto s = marshal(P("darwin"), add_10_8(P("darwin")), {.sysctl = true});
  EXPECT_EQ(s->size(), 92u + 16 + 16 + 8);
}

TEST(Marshal, sysctl_pads_ifa_msghdr_to_alignment) {
  auto m = Message::make(P("freebsd"), 12);
  m.set_addr(rtsock::abi::kIfa, Sockaddr::inet4({192, 0, 2, 1}));
  auto sock = marshal(P("freebsd"), m);
  auto dump = marshal(P("freebsd"), m, {.sysctl = true});
  EXPECT_EQ(sock->size(), 20u + 16);
  EXPECT_EQ(dump->size(), 40u);
}

TEST(Marshal, slot_beyond_rtax_max_refused) {
  auto m = add_10_8(P("freebsd"));
  m.set_addr(8, Sockaddr::inet4({1, 2, 3, 4}));
  EXPECT_EQ(marshal(P("freebsd"), m).error().code(), make_error_code(codec_errc::slot_out_of_range));
  auto o = add_10_8(P("openbsd"));
  o.set_addr(10, Sockaddr::raw(0, std::vector<std::uint8_t>{'l', 'b', 0}));  // RTA_LABEL
  EXPECT_TRUE(marshal(P("openbsd"), o));
}

TEST(Marshal, header_kind_must_match_type) {
  auto m = add_10_8(P("freebsd"));
  m.type = 14;  // RTM_IFINFO with an rt_msghdr
  EXPECT_EQ(marshal(P("freebsd"), m).error().code(), make_error_code(codec_errc::unsupported_message));
  auto lock = Message::make(P("openbsd"), 8);  // OpenBSD has no RTM_LOCK: opaque
  EXPECT_EQ(lock.kind, rtsock::abi::HdrKind::none);
}

TEST(Marshal, value_out_of_range_refused) {
  auto m = add_10_8(P("darwin"));
  m.set(Field::rmx_mtu, 1ll << 40);  // 32-bit on Darwin
  EXPECT_EQ(marshal(P("darwin"), m).error().code(), make_error_code(codec_errc::value_out_of_range));
  m.set(Field::rmx_mtu, 1ll << 31);
  EXPECT_TRUE(marshal(P("darwin"), m));
}

TEST(Marshal, announce_name_truncated_to_ifnamsiz) {
  auto m = Message::make(P("freebsd"), 17);
  m.name = "averyveryverylonginterfacename";
  m.set(Field::what, 1);
  auto b = marshal(P("freebsd"), m);
  ASSERT_TRUE(b);
  auto v = parse_message(*b, P("freebsd"));
  EXPECT_EQ(v->announce_name(), "averyveryverylon");
}

}  // namespace
