// rtsock/codec/sockaddr.hpp — one sockaddr from a routing message, as a value.
//
// A Sockaddr never allocates: link names, link addresses and unknown-family
// payloads live in an inline buffer (a sockaddr is at most 255 bytes). The
// value is independent of the ABI except for two wire facts kept so that a
// parsed message marshals back to the same bytes: an sa_len and an sa_family
// byte that differ from what the profile would write by itself (compressed
// netmasks, family 0 or 0xff, oversized link sockaddrs). -1 means "what the
// profile writes" and is what parsing yields whenever the bytes agree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "rtsock/abi/profile.hpp"

namespace rtsock::codec {

enum class SaKind : std::uint8_t {
  empty,  // sa_len 0: present but empty (e.g. the /0 netmask)
  inet4,
  inet6,
  link,   // sockaddr_dl
  other,  // any other family, kept as raw bytes
};

struct Sockaddr {
  SaKind kind = SaKind::empty;
  std::int16_t wire_len = -1;     // sa_len when it is not the natural one
  std::int16_t wire_family = -1;  // sa_family byte when it is not the natural one

  // inet4 / inet6 (addr[0..3] for inet4), network byte order.
  std::array<std::uint8_t, 16> addr{};
  std::uint16_t port = 0;        // host value of sin_port / sin6_port
  std::uint32_t flowinfo = 0;    // sin6_flowinfo as stored (network order bytes, read BE)
  std::uint32_t scope_id = 0;    // sin6_scope_id
  std::uint16_t kame_zone = 0;   // scope embedded in bytes 2-3 of a link-local address

  // link: sockaddr_dl header; the name, address and selector are in data.
  std::uint16_t link_index = 0;
  std::uint8_t link_type = 0;
  std::uint8_t nlen = 0, alen = 0, slen = 0;  // as on the wire (0xff kept)

  // other: the bytes after sa_family (family number in `family_num`).
  std::uint8_t family_num = 0;
  std::uint8_t data_len = 0;
  // Only data[0, data_len) is meaningful; the rest is never read, so it is
  // left uninitialised (decoding a dump touches millions of these).
  std::array<std::uint8_t, 253> data;

  // ---- constructors ----
  static Sockaddr inet4(std::array<std::uint8_t, 4> a);
  static Sockaddr inet6(std::array<std::uint8_t, 16> a, std::uint32_t scope = 0);
  static Sockaddr link(std::uint16_t index, std::uint8_t type, std::string_view name = {},
                       std::span<const std::uint8_t> lladdr = {});
  static Sockaddr raw(std::uint8_t family, std::span<const std::uint8_t> bytes);
  // A mask of `plen` leading ones in the family of `kind` (inet4/inet6).
  static Sockaddr mask(SaKind kind, int plen);
  // Parses "192.0.2.1", "2001:db8::1", "fe80::1%4".
  static std::optional<Sockaddr> parse_ip(std::string_view text);

  // ---- accessors ----
  // Zone of an IPv6 address: sin6_scope_id, else the KAME-embedded scope.
  std::uint32_t zone() const { return scope_id != 0 ? scope_id : kame_zone; }
  // Effective lengths of a link sockaddr (0xff means none), bounded by data.
  std::string_view link_name() const;
  std::span<const std::uint8_t> link_addr() const;
  std::span<const std::uint8_t> raw_bytes() const { return {data.data(), data_len}; }
  std::size_t addr_size() const { return kind == SaKind::inet6 ? 16 : 4; }

  friend bool operator==(const Sockaddr& a, const Sockaddr& b);
};

// Prefix length of a netmask (inet4/inet6, or empty = 0), or nullopt when the
// mask is not contiguous.
std::optional<int> prefix_length(const Sockaddr& mask);
bool is_contiguous(const Sockaddr& mask);

// Text of an address: "192.0.2.1", "fe80::1%4", "link#3", "em0:0.c.29.66.2c.dc".
std::string ip_string(const Sockaddr& sa);         // inet4/inet6 only ("" otherwise)
std::string lladdr_string(const Sockaddr& sa);     // "00:0c:29:66:2c:dc" or ""
std::string hex_string(std::span<const std::uint8_t> b);

// ---- wire form ----
// Decodes the sockaddr at `b` (sa_len bytes, possibly fewer when the message
// ends early: missing bytes read as zero). In a mask slot, `ctx` (inet4 or
// inet6) interprets kernel-form masks whose family is 0, 0xff or ctx's own.
Sockaddr decode_sockaddr(const abi::Profile& p, std::span<const std::byte> b, bool mask_slot,
                         SaKind ctx);
// sa_len the profile writes for `sa` in a slot (before rounding).
std::size_t encoded_len(const abi::Profile& p, const Sockaddr& sa, bool mask_slot);
// Writes encoded_len(...) bytes into `out` (which must be that large).
void encode_sockaddr(const abi::Profile& p, const Sockaddr& sa, bool mask_slot,
                     std::span<std::byte> out);
// Rounds a sockaddr length up to the profile's alignment (0 takes one unit).
std::size_t sa_roundup(const abi::Profile& p, std::size_t len);

}  // namespace rtsock::codec
