// Words shared by the configuration file and the ifconfig control op:
// link-layer addresses, interface types and flags, numbers, IPv6 zones.
#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "rtsock/fib/addr.hpp"

namespace rtsock::server::text {

// "02:00:00:00:00:01" (one or two hex digits per octet, 1 to 16 octets).
std::optional<std::vector<std::uint8_t>> parse_lladdr(std::string_view s);
// "loop", "ether", "ppp", "gif", "tunnel", "other" or a number 1..255.
std::optional<std::uint8_t> parse_iftype(std::string_view s);
// An IFF_ name in any case, without the prefix: "up", "LOOPBACK".
std::optional<std::uint32_t> parse_iff_flag(std::string_view s);
// Flags and MTU an interface of this type has when none are given.
std::uint32_t default_iff(std::uint8_t type);
std::uint32_t default_mtu(std::uint8_t type);

template <class T>
std::optional<T> parse_uint(std::string_view s) {
  T v{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// fe80::/10: the table keeps such an address with its zone (the interface
// index) in bytes 2-3, as KAME kernels do.
bool needs_zone(const fib::Addr& a);
void embed_zone(fib::Addr& a, std::uint16_t ifindex);

}  // namespace rtsock::server::text
