// Sockaddr decoding, encoding, masks and text.
#include <gtest/gtest.h>

#include "rtsock/codec/hexin.hpp"
#include "rtsock/codec/render.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "test_util.hpp"

using namespace rtsock;
using namespace rtsock::codec;
using rtsock::test::hex;

namespace {

const rtsock::abi::Profile& fb() { return *rtsock::abi::find_profile("freebsd14-amd64"); }
const rtsock::abi::Profile& dw() { return *rtsock::abi::find_profile("darwin"); }

TEST(Sockaddr, decode_inet4_success) {
  auto s = decode_sockaddr(fb(), hex("10 02 00 50 c0 00 02 01 00 00 00 00 00 00 00 00"), false, SaKind::empty);
  EXPECT_EQ(s.kind, SaKind::inet4);
  EXPECT_EQ(ip_string(s), "192.0.2.1");
  EXPECT_EQ(s.port, 80);
  EXPECT_EQ(s.wire_len, -1);
  EXPECT_EQ(s.wire_family, -1);
}

TEST(Sockaddr, decode_inet6_kame_scope_zone) {
  // fe80:4::1 with the zone embedded in bytes 2-3, sin6_scope_id 0.
  auto s = decode_sockaddr(fb(), hex("1c 1c 00 00 00 00 00 00 fe 80 00 04 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00"), false,
                           SaKind::empty);
  EXPECT_EQ(s.kind, SaKind::inet6);
  EXPECT_EQ(ip_string(s), "fe80::1%4");
  EXPECT_EQ(s.kame_zone, 4);
  std::vector<std::byte> out(28);
  encode_sockaddr(fb(), s, false, out);
  EXPECT_EQ(out, hex("1c 1c 00 00 00 00 00 00 fe 80 00 04 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00"));
}

TEST(Sockaddr, decode_inet6_scope_id_zone) {
  auto s = decode_sockaddr(fb(), hex("1c 1c 00 00 00 00 00 00 fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01 07 00 00 00"), false,
                           SaKind::empty);
  EXPECT_EQ(ip_string(s), "fe80::1%7");
  EXPECT_EQ(s.scope_id, 7u);
}

TEST(Sockaddr, decode_multicast_link_local_kame) {
  auto s = decode_sockaddr(fb(), hex("1c 1c 00 00 00 00 00 00 ff 02 00 02 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00"), false,
                           SaKind::empty);
  EXPECT_EQ(ip_string(s), "ff02::1%2");
}

TEST(Sockaddr, decode_compressed_mask_family0) {
  // x/net case 1's netmask: sa_len 7, family 0 → /24 in the destination's family.
  auto s = decode_sockaddr(fb(), hex("07 00 00 00 ff ff ff"), true, SaKind::inet4);
  EXPECT_EQ(s.kind, SaKind::inet4);
  EXPECT_EQ(ip_string(s), "255.255.255.0");
  EXPECT_EQ(prefix_length(s), 24);
  EXPECT_EQ(s.wire_len, 7);  // FreeBSD 14 writes full masks, so the short form is kept
  EXPECT_EQ(s.wire_family, 0);
}

TEST(Sockaddr, decode_compressed_mask_family_ff_darwin) {
  auto s = decode_sockaddr(dw(), hex("07 ff ff ff ff ff ff"), true, SaKind::inet4);
  EXPECT_EQ(ip_string(s), "255.255.255.0");
  EXPECT_EQ(s.port, 0xffff);
  EXPECT_EQ(s.wire_len, -1);     // compressed is Darwin's natural form
  EXPECT_EQ(s.wire_family, 0xff);
  std::vector<std::byte> out(7);
  encode_sockaddr(dw(), s, true, out);
  EXPECT_EQ(out, hex("07 ff ff ff ff ff ff"));
}

TEST(Sockaddr, empty_mask_is_default_route_mask) {
  auto s = decode_sockaddr(dw(), {}, true, SaKind::inet4);
  EXPECT_EQ(s.kind, SaKind::inet4);
  EXPECT_EQ(prefix_length(s), 0);
  EXPECT_EQ(encoded_len(dw(), s, true), 0u);
  auto e = decode_sockaddr(fb(), {}, false, SaKind::inet4);
  EXPECT_EQ(e.kind, SaKind::empty);
}

TEST(Sockaddr, decode_link_dont_care_lengths) {
  // x/net case 0: sdl_nlen = sdl_alen = 0xff mean "none".
  auto s = decode_sockaddr(fb(), hex("38 12 00 00 ff ff ff 00"), false,
                           SaKind::empty);
  EXPECT_EQ(s.kind, SaKind::link);
  EXPECT_EQ(s.link_index, 0);
  EXPECT_EQ(s.link_name(), "");
  EXPECT_TRUE(s.link_addr().empty());
  EXPECT_EQ(route_name(fb(), s), "link#0");
}

TEST(Sockaddr, link_name_and_address_round_trip) {
  auto s = decode_sockaddr(
      fb(),
      hex("38 12 02 00 06 03 06 00 65 6d 31 00 0c 29 66 2c dc 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
          "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
      false, SaKind::empty);
  EXPECT_EQ(s.link_index, 2);
  EXPECT_EQ(s.link_name(), "em1");
  EXPECT_EQ(lladdr_string(s), "00:0c:29:66:2c:dc");
  EXPECT_EQ(route_name(fb(), s), "em1:0.c.29.66.2c.dc");
  EXPECT_EQ(s.wire_len, 0x38);  // 56, rounded past sizeof(sockaddr_dl) 54
  EXPECT_EQ(encoded_len(fb(), s, false), 0x38u);
}

TEST(Sockaddr, unknown_family_kept_raw) {
  auto s = decode_sockaddr(fb(), hex("06 11 0a 0b 0c 0d"), false, SaKind::empty);
  EXPECT_EQ(s.kind, SaKind::other);
  EXPECT_EQ(s.family_num, 0x11);
  EXPECT_EQ(hex_string(s.raw_bytes()), "0a0b0c0d");
  EXPECT_EQ(route_name(fb(), s), "(17) b0a d0c");
}

TEST(Sockaddr, prefix_length_and_contiguity) {
  EXPECT_EQ(prefix_length(Sockaddr::mask(SaKind::inet4, 20)), 20);
  EXPECT_EQ(prefix_length(Sockaddr::mask(SaKind::inet6, 64)), 64);
  EXPECT_EQ(prefix_length(Sockaddr::mask(SaKind::inet6, 128)), 128);
  EXPECT_EQ(prefix_length(Sockaddr::inet4({255, 0, 255, 0})), std::nullopt);
  EXPECT_FALSE(is_contiguous(Sockaddr::inet4({0, 255, 0, 0})));
  EXPECT_TRUE(is_contiguous(Sockaddr{}));
}

TEST(Sockaddr, compressed_encoding_lengths) {
  const auto& nb = *rtsock::abi::find_profile("netbsd");
  EXPECT_EQ(encoded_len(nb, Sockaddr::mask(SaKind::inet4, 24), true), 7u);
  EXPECT_EQ(encoded_len(nb, Sockaddr::mask(SaKind::inet4, 16), true), 6u);
  EXPECT_EQ(encoded_len(nb, Sockaddr::mask(SaKind::inet4, 8), true), 5u);
  EXPECT_EQ(encoded_len(nb, Sockaddr::mask(SaKind::inet4, 0), true), 0u);
  EXPECT_EQ(encoded_len(nb, Sockaddr::mask(SaKind::inet6, 64), true), 16u);
  EXPECT_EQ(encoded_len(fb(), Sockaddr::mask(SaKind::inet4, 24), true), 16u);
}

TEST(Sockaddr, parse_ip_text) {
  EXPECT_EQ(ip_string(*Sockaddr::parse_ip("10.1.2.3")), "10.1.2.3");
  EXPECT_EQ(ip_string(*Sockaddr::parse_ip("fe80::1%3")), "fe80::1%3");
  EXPECT_FALSE(Sockaddr::parse_ip("10.1.2"));
  EXPECT_FALSE(Sockaddr::parse_ip("fe80::1%eth0"));
  EXPECT_FALSE(Sockaddr::parse_ip("10.0.0.1%2"));
}

TEST(HexInput, tolerates_prefixes_and_comments) {
  auto b = parse_hex("0x98 00 # comment\n05,01 0xff\n\tab");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, hex("98 00 05 01 ff ab"));
  EXPECT_EQ(*parse_hex("9800"), hex("98 00"));
  EXPECT_FALSE(parse_hex("98 0"));
  EXPECT_FALSE(parse_hex("zz"));
  EXPECT_EQ(parse_hex("01 0g").error().offset(), 4u);
}

}  // namespace
