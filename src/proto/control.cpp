// Control packets of the rtsockd protocol (docs/protocol.md).
#include "rtsock/proto/control.hpp"

#include <cstring>

namespace rtsock::proto {
namespace {

constexpr std::byte kMagic[4] = {std::byte{'R'}, std::byte{'T'}, std::byte{'S'}, std::byte{'K'}};

void put16(std::byte* p, std::uint16_t v) {
  p[0] = std::byte(v & 0xff);
  p[1] = std::byte(v >> 8);
}
void put32(std::byte* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = std::byte((v >> (8 * i)) & 0xff);
}
std::uint32_t get32(const std::byte* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t(std::to_integer<std::uint8_t>(p[i])) << (8 * i);
  return v;
}

}  // namespace

bool is_control(std::span<const std::byte> pkt) {
  return pkt.size() >= 4 && std::memcmp(pkt.data(), kMagic, 4) == 0;
}

Result<Header> parse_header(std::span<const std::byte> pkt) {
  if (!is_control(pkt) || pkt.size() < kHeaderSize) return fail(codec_errc::truncated, pkt.size());
  if (std::to_integer<std::uint8_t>(pkt[4]) != kVersion) return fail(codec_errc::bad_version, 4);
  Header h;
  h.op = static_cast<Op>(std::to_integer<std::uint8_t>(pkt[5]));
  h.flags = static_cast<std::uint16_t>(std::to_integer<std::uint16_t>(pkt[6]) |
                                       (std::to_integer<std::uint16_t>(pkt[7]) << 8));
  h.id = get32(pkt.data() + 8);
  h.error = static_cast<std::int32_t>(get32(pkt.data() + 12));
  return h;
}

std::span<const std::byte> payload(std::span<const std::byte> pkt) {
  return pkt.size() <= kHeaderSize ? std::span<const std::byte>{} : pkt.subspan(kHeaderSize);
}

void encode_header(const Header& h, std::span<std::byte> out) {
  std::memcpy(out.data(), kMagic, 4);
  out[4] = std::byte{kVersion};
  out[5] = std::byte{static_cast<std::uint8_t>(h.op)};
  put16(out.data() + 6, h.flags);
  put32(out.data() + 8, h.id);
  put32(out.data() + 12, static_cast<std::uint32_t>(h.error));
}

std::vector<std::byte> encode(const Header& h, std::span<const std::byte> body) {
  std::vector<std::byte> out(kHeaderSize + body.size());
  encode_header(h, out);
  if (!body.empty()) std::memcpy(out.data() + kHeaderSize, body.data(), body.size());
  return out;
}

std::vector<std::byte> encode(const Header& h, std::string_view json) {
  return encode(h, std::as_bytes(std::span<const char>(json.data(), json.size())));
}

std::string to_hex(std::span<const std::byte> b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(b.size() * 2);
  for (std::byte x : b) {
    auto v = std::to_integer<unsigned>(x);
    s += digits[v >> 4];
    s += digits[v & 0xf];
  }
  return s;
}

Result<std::vector<std::byte>> from_hex(std::string_view s) {
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (s.size() % 2 != 0) return fail(codec_errc::truncated, s.size());
  std::vector<std::byte> out(s.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = nib(s[2 * i]), lo = nib(s[2 * i + 1]);
    if (hi < 0 || lo < 0) return fail(codec_errc::value_out_of_range, 2 * i);
    out[i] = std::byte(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

}  // namespace rtsock::proto
