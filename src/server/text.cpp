// Words shared by the configuration file and the ifconfig control op.
#include "text.hpp"

#include <cctype>

#include "rtsock/fib/flags.hpp"

namespace rtsock::server::text {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

struct TypeName {
  std::string_view name;
  std::uint8_t type;
};
constexpr TypeName kTypes[] = {{"loop", fib::ift::loop},     {"ether", fib::ift::ether},
                               {"ppp", fib::ift::ppp},       {"gif", fib::ift::gif},
                               {"tunnel", fib::ift::tunnel}, {"other", fib::ift::other}};

}  // namespace

std::optional<std::vector<std::uint8_t>> parse_lladdr(std::string_view s) {
  std::vector<std::uint8_t> out;
  while (true) {
    const std::size_t colon = s.find(':');
    const std::string_view octet = s.substr(0, colon);
    if (octet.empty() || octet.size() > 2) return std::nullopt;
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(octet.data(), octet.data() + octet.size(), v, 16);
    if (ec != std::errc() || end != octet.data() + octet.size()) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(v));
    if (out.size() > 16) return std::nullopt;
    if (colon == std::string_view::npos) break;
    s.remove_prefix(colon + 1);
  }
  return out;
}

std::optional<std::uint8_t> parse_iftype(std::string_view s) {
  for (const auto& t : kTypes)
    if (same_ignoring_case(s, t.name)) return t.type;
  auto n = parse_uint<unsigned>(s);
  if (!n || *n == 0 || *n > 255) return std::nullopt;
  return static_cast<std::uint8_t>(*n);
}

std::optional<std::uint32_t> parse_iff_flag(std::string_view s) {
  for (const auto& f : fib::iff_names())
    if (same_ignoring_case(s, f.name)) return static_cast<std::uint32_t>(f.bit);
  return std::nullopt;
}

std::uint32_t default_iff(std::uint8_t type) {
  using namespace fib::iff;
  switch (type) {
    case fib::ift::loop:
      return up | running | loopback | multicast;
    case fib::ift::ether:
      return up | running | broadcast | simplex | multicast;
    case fib::ift::ppp:
    case fib::ift::gif:
    case fib::ift::tunnel:
      return up | running | pointopoint | multicast;
    default:
      return up | running;
  }
}

std::uint32_t default_mtu(std::uint8_t type) {
  switch (type) {
    case fib::ift::loop:
      return 16384;
    case fib::ift::gif:
      return 1280;
    default:
      return 1500;
  }
}

bool needs_zone(const fib::Addr& a) {
  return a.family == fib::Family::inet6 && a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80;
}

void embed_zone(fib::Addr& a, std::uint16_t ifindex) {
  a.bytes[2] = static_cast<std::uint8_t>(ifindex >> 8);
  a.bytes[3] = static_cast<std::uint8_t>(ifindex & 0xff);
}

}  // namespace rtsock::server::text
