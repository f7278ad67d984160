// Addresses and prefixes: parsing, printing, masking, radix order.
#include "rtsock/fib/addr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <string>

namespace rtsock::fib {

Addr Addr::v4(std::uint32_t h) {
  Addr a;
  a.bytes[0] = static_cast<std::uint8_t>(h >> 24);
  a.bytes[1] = static_cast<std::uint8_t>(h >> 16);
  a.bytes[2] = static_cast<std::uint8_t>(h >> 8);
  a.bytes[3] = static_cast<std::uint8_t>(h);
  return a;
}

std::uint32_t Addr::v4() const {
  return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
         static_cast<std::uint32_t>(bytes[2]) << 8 | bytes[3];
}

std::optional<Addr> Addr::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  Addr a;
  if (s.find(':') == std::string::npos) {
    if (::inet_pton(AF_INET, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
    a.family = Family::inet4;
  } else {
    if (::inet_pton(AF_INET6, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
    a.family = Family::inet6;
  }
  return a;
}

bool Addr::is_zero() const {
  for (auto b : bytes)
    if (b != 0) return false;
  return true;
}

std::string Addr::str() const {
  char buf[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(family == Family::inet4 ? AF_INET : AF_INET6, bytes.data(), buf, sizeof buf);
  return buf;
}

Addr Addr::masked(int plen) const {
  Addr r = *this;
  const int n = family == Family::inet4 ? 4 : 16;
  for (int i = 0; i < n; ++i) {
    const int keep = plen - 8 * i;
    if (keep >= 8) continue;
    r.bytes[static_cast<std::size_t>(i)] &=
        keep <= 0 ? std::uint8_t{0} : static_cast<std::uint8_t>(0xff00u >> keep);
  }
  for (int i = n; i < 16; ++i) r.bytes[static_cast<std::size_t>(i)] = 0;
  return r;
}

bool Addr::within(const Addr& prefix, int plen) const {
  return family == prefix.family && masked(plen) == prefix.masked(plen);
}

Prefix Prefix::net(const Addr& a, int plen) {
  const int m = max_plen(a.family);
  if (plen < 0) plen = 0;
  if (plen > m) plen = m;
  return {a.masked(plen), static_cast<std::uint8_t>(plen), false};
}

Prefix Prefix::host_of(const Addr& a) {
  return {a.masked(max_plen(a.family)), static_cast<std::uint8_t>(max_plen(a.family)), true};
}

std::optional<Prefix> Prefix::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto a = Addr::parse(text.substr(0, slash));
  if (!a) return std::nullopt;
  if (slash == std::string_view::npos) return host_of(*a);
  int plen = -1;
  const auto rest = text.substr(slash + 1);
  const auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), plen);
  if (ec != std::errc() || p != rest.data() + rest.size() || plen < 0 || plen > max_plen(a->family))
    return std::nullopt;
  return net(*a, plen);
}

std::string Prefix::str() const {
  if (host) return addr.str();
  return addr.str() + "/" + std::to_string(plen);
}

bool radix_less(const Prefix& a, const Prefix& b) {
  if (a.addr != b.addr) return a.addr < b.addr;
  if (a.host != b.host) return a.host;
  return a.plen > b.plen;
}

}  // namespace rtsock::fib
