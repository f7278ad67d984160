// Buffer walking and message validation, on real and hand-made bytes.
#include <gtest/gtest.h>

#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/parse.hpp"
#include "rtsock/codec/render.hpp"
#include "test_util.hpp"

using namespace rtsock;
using namespace rtsock::codec;
using rtsock::abi::Field;
using rtsock::test::cat;
using rtsock::test::hex;
using rtsock::test::zeros;

namespace {

const rtsock::abi::Profile& P(const char* n) { return *rtsock::abi::find_profile(n); }

// A FreeBSD amd64 rt_msghdr of `type` with rtm_addrs `addrs`, for a body of n bytes.
std::vector<std::byte> fb_rthdr(std::uint8_t type, std::uint32_t addrs, std::size_t body) {
  auto h = zeros(152);
  const std::size_t len = 152 + body;
  h[0] = std::byte(len & 0xff);
  h[1] = std::byte(len >> 8);
  h[2] = std::byte{5};
  h[3] = std::byte{type};
  h[12] = std::byte(addrs & 0xff);
  h[13] = std::byte(addrs >> 8);
  return h;
}

std::vector<Result<MessageView>> all(std::span<const std::byte> b, const rtsock::abi::Profile& p, ParseOptions o = {}) {
  std::vector<Result<MessageView>> v;
  for (const auto& r : RibView(b, p, o)) v.push_back(r);
  return v;
}

const auto kXnetCase0 = hex(
    "38 12 00 00 ff ff ff 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 38 12 02 00 06 03 06 00"
    "65 6d 31 00 0c 29 66 2c dc 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "10 02 00 00 ac 10 dc b4 00 00 00 00 00 00 00 00 10 02 00 00 ac 10 dc ff 00 00 00 00 00 00 00 00");

TEST(Parse, xnet_case0_addresses_success) {
  const auto b = cat({fb_rthdr(4, 0x87, kXnetCase0.size()), kXnetCase0});
  auto v = all(b, P("freebsd"));
  ASSERT_EQ(v.size(), 1u);
  ASSERT_TRUE(v[0]);
  const auto& m = *v[0];
  EXPECT_EQ(m.present(), 0x87u);
  EXPECT_EQ(m.addr(rtsock::abi::kDst).kind, SaKind::link);
  EXPECT_EQ(m.addr(rtsock::abi::kDst).link_index, 0);
  EXPECT_EQ(m.addr(rtsock::abi::kGateway).link_name(), "em1");
  EXPECT_EQ(ip_string(m.addr(rtsock::abi::kNetmask)), "172.16.220.180");
  EXPECT_EQ(ip_string(m.addr(rtsock::abi::kBrd)), "172.16.220.255");
  EXPECT_TRUE(m.tail().empty());
}

TEST(Parse, xnet_case1_compressed_mask_success) {
  const auto region = hex("07 00 00 00 ff ff ff 00 18 12 0a 00 87 08 00 00 76 6c 61 6e 35 36 38 32 00 00 00 00 00 00 00 00"
                          "10 02 00 00 a9 fe 00 01 00 00 00 00 00 00 00 00");
  const auto b = cat({fb_rthdr(4, 0x34, region.size()), region});
  auto v = all(b, P("freebsd"));
  ASSERT_TRUE(v.at(0));
  EXPECT_EQ(ip_string(v[0]->addr(rtsock::abi::kNetmask)), "255.255.255.0");
  EXPECT_EQ(v[0]->addr(rtsock::abi::kIfp).link_index, 10);
  EXPECT_EQ(v[0]->addr(rtsock::abi::kIfp).link_name(), "vlan5682");
  EXPECT_EQ(ip_string(v[0]->addr(rtsock::abi::kIfa)), "169.254.0.1");
  // Marshals back byte for byte, compressed mask included.
  auto again = marshal(P("freebsd"), v[0]->to_message());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, b);
}

TEST(Parse, darwin_unpadded_trailing_netmask_success) {
  // 43-byte region ending in a 7-byte netmask, no padding (x/net #44740 class).
  const auto region = hex("10 02 00 00 c0 a8 56 00 00 00 00 00 00 00 00 00 14 12 04 00 06 00 00 00 00 00 00 00"
                          "00 00 00 00 00 00 00 00 07 ff ff ff ff ff ff");
  auto h = zeros(92);
  h[0] = std::byte(92 + 43);
  h[2] = std::byte{5};
  h[3] = std::byte{1};
  h[12] = std::byte{7};
  const auto b = cat({h, region});
  auto v = all(b, P("darwin"));
  ASSERT_EQ(v.size(), 1u);
  ASSERT_TRUE(v[0]) << v[0].error().message();
  EXPECT_EQ(ip_string(v[0]->addr(rtsock::abi::kDst)), "192.168.86.0");
  EXPECT_EQ(v[0]->addr(rtsock::abi::kGateway).link_index, 4);
  EXPECT_EQ(v[0]->addr(rtsock::abi::kGateway).link_type, 6);
  EXPECT_EQ(prefix_length(v[0]->addr(rtsock::abi::kNetmask)), 24);
  EXPECT_TRUE(v[0]->last_unpadded());
  auto again = marshal(P("darwin"), v[0]->to_message());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, b);
}

TEST(Parse, darwin_zero_length_last_sockaddr_at_end) {
  // rt_msg1 counts a trailing zero-length netmask as 0 bytes.
  auto m = Message::make(P("darwin"), 1);
  m.set_addr(rtsock::abi::kDst, Sockaddr::inet4({0, 0, 0, 0}));
  m.set_addr(rtsock::abi::kGateway, Sockaddr::inet4({192, 0, 2, 1}));
  m.set_addr(rtsock::abi::kNetmask, Sockaddr::mask(SaKind::inet4, 0));
  auto b = marshal(P("darwin"), m);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 92u + 16 + 16);
  auto v = parse_message(*b, P("darwin"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->present(), 7u);
  EXPECT_EQ(v->to_message(), m);
}

struct Seed {
  const char* name;
  std::vector<std::byte> bytes;
};

std::vector<std::byte> seed(std::initializer_list<std::pair<int, int>> runs) {
  std::vector<std::byte> b;
  for (auto [n, v] : runs) b.insert(b.end(), static_cast<std::size_t>(n), std::byte(v));
  return b;
}

TEST(Parse, xnet_malformed_seeds_error_never_crash) {
  const std::vector<std::vector<std::byte>> seeds = {
      seed({{1, 0x30}, {1, 0}, {1, 5}, {1, 5}, {89, 0x30}, {1, 2}, {14, 0x30}}),
      seed({{1, 2}, {1, 0}, {1, 5}, {1, 0xc}, {17, 0x30}, {1, 2}, {14, 0x30}}),
      hex("02 00 05 10 30 30 30 30 30 30 30 30 30 30 30 30 30 12 30 30 30 00 ff 00"),
      seed({{1, 2}, {1, 0}, {1, 5}, {1, 0xc}, {17, 0x30}, {1, 0x12}, {3, 0x30}, {1, 0}, {1, 2}, {1, 0}, {2, 0x30}}),
      hex("00 00 00 01 00"),
      hex("30 30 30 30 30"),
  };
  for (const auto& b : seeds)
    for (const char* pn : {"freebsd14-amd64", "darwin", "openbsd", "netbsd", "dragonfly", "freebsd9-i386", "hpux"}) {
      auto v = all(b, P(pn));
      ASSERT_FALSE(v.empty()) << pn;
      EXPECT_FALSE(v.back()) << pn;  // every seed ends in an error
      for (const auto& r : v)
        if (r) (void)message_json(P(pn), r->to_message());
    }
}

TEST(Parse, bad_version_mid_buffer_reported_and_skipped) {
  auto good = fb_rthdr(1, 0, 0);
  auto bad = fb_rthdr(1, 0, 0);
  bad[2] = std::byte{4};
  const auto b = cat({good, bad, good});
  auto v = all(b, P("freebsd"));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(v[0]);
  ASSERT_FALSE(v[1]);
  EXPECT_EQ(v[1].error().code(), make_error_code(codec_errc::bad_version));
  EXPECT_EQ(v[1].error().offset(), 152u);
  ASSERT_TRUE(v[2]);
  EXPECT_EQ(v[2]->offset(), 304u);
}

TEST(Parse, sockaddr_overrun_reports_offset_and_continues) {
  auto mid = cat({fb_rthdr(1, 1, 16), hex("40 02 00 00 0a 00 00 00 00 00 00 00 00 00 00 00")});
  auto good = cat({fb_rthdr(1, 1, 16), hex("10 02 00 00 0a 00 00 00 00 00 00 00 00 00 00 00")});
  const auto b = cat({good, mid, good});
  auto v = all(b, P("freebsd"));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(v[0]);
  ASSERT_FALSE(v[1]);
  EXPECT_EQ(v[1].error().code(), make_error_code(codec_errc::sockaddr_overrun));
  EXPECT_EQ(v[1].error().offset(), 168u);  // the message's offset
  EXPECT_TRUE(v[2]);
}

TEST(Parse, sockaddr_missing_error) {
  const auto b = fb_rthdr(1, 3, 0);  // DST|GATEWAY but no bytes
  auto v = all(b, P("freebsd"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].error().code(), make_error_code(codec_errc::sockaddr_missing));
}

TEST(Parse, zero_msglen_stops_walk) {
  const auto b = cat({fb_rthdr(1, 0, 0), zeros(40)});
  auto v = all(b, P("freebsd"));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].error().code(), make_error_code(codec_errc::bad_length));
  EXPECT_EQ(v[1].error().offset(), 152u);
}

TEST(Parse, truncated_last_message) {
  auto b = fb_rthdr(1, 0, 0);
  b.resize(100);
  auto v = all(b, P("freebsd"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].error().code(), make_error_code(codec_errc::truncated));
}

TEST(Parse, openbsd_hdrlen_moves_sockaddrs) {
  auto m = Message::make(P("openbsd"), 1);
  m.hdr_extra = {1, 2, 3, 4, 5, 6, 7, 8};
  m.set(Field::tableid, 3);
  m.set(Field::priority, 8);
  m.set_addr(rtsock::abi::kDst, Sockaddr::inet4({10, 0, 0, 0}));
  auto b = marshal(P("openbsd"), m);
  ASSERT_TRUE(b);
  EXPECT_EQ(static_cast<int>((*b)[4]), 104);  // rtm_hdrlen
  auto v = parse_message(*b, P("openbsd"));
  ASSERT_TRUE(v);
  EXPECT_EQ(ip_string(v->addr(rtsock::abi::kDst)), "10.0.0.0");
  EXPECT_EQ(v->get(Field::tableid), 3);
  EXPECT_EQ(v->to_message(), m);
  // A header length below sizeof(rt_msghdr) is refused.
  auto bad = *b;
  bad[4] = std::byte{50};
  EXPECT_EQ(parse_message(bad, P("openbsd")).error().code(), make_error_code(codec_errc::bad_header_length));
}

TEST(Parse, freebsd_iflistl_uses_data_offset) {
  auto m = Message::make(P("freebsd"), 14, /*long_if=*/true);
  ASSERT_EQ(m.kind, rtsock::abi::HdrKind::ifinfol);
  m.set(Field::index, 2);
  m.set(Field::ifi_mtu, 1500);
  m.set(Field::ifi_link_state, 2);
  auto b = marshal(P("freebsd"), m);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 176u);
  // Move if_data 8 bytes further in, as a future kernel may: the reader must follow ifm_data_off.
  std::vector<std::byte> moved(b->begin(), b->begin() + 24);
  moved.insert(moved.end(), 8, std::byte{0});
  moved.insert(moved.end(), b->begin() + 24, b->end());
  moved[0] = std::byte(184);
  moved[16] = std::byte(184);  // ifm_len
  moved[18] = std::byte(32);   // ifm_data_off
  auto v = parse_message(moved, P("freebsd"), {.long_if = true});
  ASSERT_TRUE(v) << v.error().message();
  EXPECT_EQ(v->get(Field::ifi_mtu), 1500);
  EXPECT_EQ(v->get(Field::ifi_link_state), 2);
  // A data offset that runs past the header is an error, not a crash (x/net D3).
  moved[18] = std::byte(170);
  EXPECT_FALSE(parse_message(moved, P("freebsd"), {.long_if = true}));
}

TEST(Parse, interface_message_without_name_kept) {
  auto m = Message::make(P("darwin"), 14);
  m.set(Field::index, 9);
  auto b = marshal(P("darwin"), m);
  ASSERT_TRUE(b);
  auto v = all(*b, P("darwin"));
  ASSERT_EQ(v.size(), 1u);
  ASSERT_TRUE(v[0]);
  EXPECT_EQ(v[0]->get(Field::index), 9);
}

TEST(Parse, unknown_type_kept_opaque) {
  const auto b = hex("08 00 05 63 de ad be ef");
  auto v = all(b, P("freebsd"));
  ASSERT_TRUE(v.at(0));
  EXPECT_EQ(v[0]->kind(), rtsock::abi::HdrKind::none);
  auto m = v[0]->to_message();
  EXPECT_EQ(m.body.size(), 4u);
  EXPECT_EQ(*marshal(P("freebsd"), m), b);
}

TEST(Parse, big_endian_profile) {
  auto m = Message::make(P("freebsd14-amd64-be"), 1);
  m.set(Field::seq, 0x01020304);
  m.set_addr(rtsock::abi::kDst, Sockaddr::inet4({10, 0, 0, 1}));
  m.set_addr(rtsock::abi::kGateway, Sockaddr::link(0x0102, 6, "em0"));
  auto b = marshal(P("freebsd14-amd64-be"), m);
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)[0], std::byte{0});     // msglen high byte first
  EXPECT_EQ((*b)[20], std::byte{1});    // rtm_seq big-endian
  EXPECT_EQ((*b)[152 + 16 + 2], std::byte{1});  // sdl_index big-endian
  auto v = parse_message(*b, P("freebsd14-amd64-be"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->to_message(), m);
  EXPECT_FALSE(parse_message(*b, P("freebsd14-amd64")));  // wrong order: length check fails
}

}  // namespace

namespace {

// Found by fuzz_codec: an empty last sockaddr written unpadded must keep its
// sa_len byte on every OS but Darwin, or the reader finds it missing.
TEST(Parse, empty_unpadded_last_sockaddr_round_trip) {
  for (const char* n : {"freebsd10-i386", "openbsd", "darwin"}) {
    const auto& p = P(n);
    auto m = Message::make(p, 4);
    m.set_addr(rtsock::abi::kIfp, Sockaddr{});
    m.last_pad = LastPad::unpadded;
    auto b = marshal(p, m);
    ASSERT_TRUE(b) << n;
    auto v = parse_message(*b, p);
    ASSERT_TRUE(v) << n << ": " << v.error().message();
    EXPECT_TRUE(v->has_addr(rtsock::abi::kIfp)) << n;
  }
}

}  // namespace
