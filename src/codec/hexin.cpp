// Hex text to bytes.
#include "rtsock/codec/hexin.hpp"

#include <cerrno>

namespace rtsock::codec {
namespace {

int digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

}  // namespace

Result<std::vector<std::byte>> parse_hex(std::string_view t) {
  std::vector<std::byte> out;
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (separator(c)) { ++i; continue; }
    if (c == '#') {
      while (i < t.size() && t[i] != '\n') ++i;
      continue;
    }
    // One token: optional 0x, then an even number of hex digits.
    std::size_t start = i;
    if (c == '0' && i + 1 < t.size() && (t[i + 1] == 'x' || t[i + 1] == 'X')) i += 2;
    std::size_t digits = 0;
    int hi = -1;
    while (i < t.size() && !separator(t[i]) && t[i] != '#') {
      const int d = digit(t[i]);
      if (d < 0) return tl::unexpected(Error(std::error_code(EINVAL, std::generic_category()), i));
      if (hi < 0) hi = d;
      else {
        out.push_back(static_cast<std::byte>(hi << 4 | d));
        hi = -1;
      }
      ++digits;
      ++i;
    }
    if (digits == 0 || hi >= 0)
      return tl::unexpected(Error(std::error_code(EINVAL, std::generic_category()), start));
  }
  return out;
}

}  // namespace rtsock::codec
