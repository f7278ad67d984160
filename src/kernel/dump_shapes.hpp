// Private: routes of one "shape" in a dump. A table's routes mostly differ
// from their neighbours only in the destination (one next hop, one prefix
// length), and then so do their messages: the last message of a shape,
// with the address bytes replaced, is the next one. Each shape's address
// position is found by encoding its first route twice, the second time with
// every address bit flipped, and comparing: a shape whose messages differ
// anywhere else (or in length) is never reused, so no personality's
// encoding is assumed.
#pragma once

#include <cstddef>
#include <cstring>
#include <optional>
#include <span>
#include <vector>

#include "rtsock/fib/route.hpp"

namespace rtsock::kernel::detail {

class DumpShapes {
 public:
  // The message of r, from its shape's last one; empty when r's shape is
  // new, or was found not to be reusable.
  std::span<const std::byte> reuse(const fib::RouteInfo& r) {
    Entry* e = entry(r);
    if (e == nullptr || !e->shape || e->off == kNone || !same_shape(*e->shape, r)) return {};
    std::memcpy(e->bytes.data() + e->off, r.prefix.addr.bytes.data(), len_of(r));
    return e->bytes;
  }

  // Learns r's shape from its message `bytes` and `flipped`, the same route
  // encoded with every address bit inverted.
  void learn(const fib::RouteInfo& r, std::span<const std::byte> bytes,
             std::span<const std::byte> flipped) {
    Entry* e = entry(r);
    if (e == nullptr) return;
    e->shape = r;
    e->bytes.assign(bytes.begin(), bytes.end());
    e->off = kNone;
    const std::size_t n = len_of(r);
    if (bytes.size() != flipped.size()) return;
    std::size_t first = kNone, last = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i)
      if (bytes[i] != flipped[i]) {
        if (first == kNone) first = i;
        last = i;
      }
    if (first == kNone || last - first + 1 != n) return;
    if (std::memcmp(bytes.data() + first, r.prefix.addr.bytes.data(), n) != 0) return;
    e->off = first;
  }

  // Whether a route may use a shape at all: IPv6 link-local and multicast
  // destinations carry a zone whose encoding varies by personality.
  static bool eligible(const fib::RouteInfo& r) {
    if (r.prefix.family() != fib::Family::inet6) return true;
    const auto& b = r.prefix.addr.bytes;
    return b[0] != 0xff && !(b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Entry {
    std::optional<fib::RouteInfo> shape;
    std::vector<std::byte> bytes;
    std::size_t off = kNone;
  };

  static std::size_t len_of(const fib::RouteInfo& r) {
    return r.prefix.family() == fib::Family::inet4 ? 4 : 16;
  }
  // Everything but the destination's address bytes.
  static bool same_shape(const fib::RouteInfo& a, const fib::RouteInfo& b) {
    fib::RouteInfo x = b;
    x.prefix.addr = a.prefix.addr;
    return x == a;
  }
  // One entry per family, prefix length and host bit.
  Entry* entry(const fib::RouteInfo& r) {
    if (!eligible(r)) return nullptr;
    const bool v4 = r.prefix.family() == fib::Family::inet4;
    const std::size_t i = (v4 ? 0 : 2 * 33) + 2u * r.prefix.plen + (r.prefix.host ? 1 : 0);
    if (r.prefix.plen > (v4 ? 32 : 128)) return nullptr;
    if (i >= entries_.size()) entries_.resize(i + 1);
    return &entries_[i];
  }

  std::vector<Entry> entries_;
};

}  // namespace rtsock::kernel::detail
