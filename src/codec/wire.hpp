// Private: byte-order aware loads and stores for the codec.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rtsock/abi/profile.hpp"

namespace rtsock::codec::wire {

inline std::uint64_t load(const std::byte* p, std::size_t n, abi::ByteOrder o) {
  std::uint64_t v = 0;
  if (o == abi::ByteOrder::little)
    for (std::size_t i = n; i-- > 0;) v = (v << 8) | static_cast<std::uint8_t>(p[i]);
  else
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<std::uint8_t>(p[i]);
  return v;
}

inline void store(std::byte* p, std::size_t n, std::uint64_t v, abi::ByteOrder o) {
  if (o == abi::ByteOrder::little)
    for (std::size_t i = 0; i < n; ++i, v >>= 8) p[i] = static_cast<std::byte>(v & 0xff);
  else
    for (std::size_t i = n; i-- > 0; v >>= 8) p[i] = static_cast<std::byte>(v & 0xff);
}

// A field's value: sign-extended when the field is signed.
inline std::int64_t load_field(const std::byte* p, std::size_t n, bool sgn, abi::ByteOrder o) {
  std::uint64_t v = load(p, n, o);
  if (sgn && n < 8) {
    const std::uint64_t sign = 1ull << (n * 8 - 1);
    if (v & sign) v |= ~((sign << 1) - 1);
  }
  return static_cast<std::int64_t>(v);
}

// Whether v fits a field of n bytes (either signedness is accepted: a caller
// may write -1 into an unsigned field or 0xffffffff into an int).
inline bool fits(std::int64_t v, std::size_t n) {
  if (n >= 8) return true;
  const std::int64_t lo = -(std::int64_t{1} << (n * 8 - 1));
  const std::int64_t hi = (std::int64_t{1} << (n * 8)) - 1;
  return v >= lo && v <= hi;
}

}  // namespace rtsock::codec::wire
