// Private: the order in which OpenBSD's ART iterator (art_iter_next) visits
// prefixes, as a comparison. ART splits an address into stride tables (IPv4:
// 8 bits then 4-bit strides; IPv6: 4-bit strides). In each table the
// iterator first visits the inner nodes (prefixes ending inside the stride)
// in the heap's natural order — by the odd part of the heap index, then by
// depth — and then the fringe slots in address order, each slot's own prefix
// before the table below it. So a shorter prefix is listed before the longer
// ones it covers, but not always before a longer sibling.
#pragma once

#include <cstdint>

namespace rtsock::fib::detail {

// key: the address as an integer (most significant bit first), plen its
// prefix length, bits the address width (32 or 128).
template <class K>
bool art_before(K a, int alen, K b, int blen, int bits) {
  const auto slice = [bits](K key, int off, int n) -> std::uint32_t {
    if (n == 0) return 0;
    return static_cast<std::uint32_t>(key >> (bits - off - n)) & ((1u << n) - 1);
  };
  // One table's visiting rank of a prefix: inner nodes first (by the odd
  // part j of heap index i = j << k, then k), then fringe slot f, its own
  // prefix (0) before those below it (1).
  const auto rank = [&](K key, int plen, int off, int stride, bool& last) -> std::uint64_t {
    if (plen < off + stride) {
      last = true;
      const int len = plen - off;
      const std::uint32_t i = (1u << len) | slice(key, off, len);
      const int k = __builtin_ctz(i);
      return (static_cast<std::uint64_t>(i >> k) << 8) | static_cast<std::uint64_t>(k);
    }
    last = plen == off + stride;
    return (std::uint64_t{1} << 40) | (std::uint64_t{slice(key, off, stride)} << 1) |
           (last ? 0 : 1);
  };
  if (alen == 0 || blen == 0) return alen == 0 && blen != 0;  // the root's default first
  for (int off = 0, level = 0; off < bits; ++level) {
    const int stride = bits == 32 && level == 0 ? 8 : 4;
    bool alast = false, blast = false;
    const std::uint64_t ra = rank(a, alen, off, stride, alast);
    const std::uint64_t rb = rank(b, blen, off, stride, blast);
    if (ra != rb) return ra < rb;
    if (alast || blast) return false;  // the same prefix
    off += stride;
  }
  return false;
}

}  // namespace rtsock::fib::detail
