// Private: the IPv4 lookup structure, built from the authoritative table like
// FreeBSD's fib_algo DXR. The address space is cut into 65536 chunks by the
// top 16 bits; a chunk covered by one route is a direct entry, otherwise it
// holds the sorted starts of its ranges (16-bit) and the route of each range,
// found by binary search. A change marks the chunks under its prefix stale;
// a stale chunk is rebuilt on its next lookup (or by sync()). Rebuilt chunks
// append to the range pool; the pool is compacted when garbage dominates.
#pragma once

#include <cstdint>
#include <vector>

#include "table.hpp"

namespace rtsock::fib::detail {

class Dxr4 {
 public:
  Dxr4();

  // A prefix appeared, disappeared or changed its first path.
  void prefix_changed(std::uint32_t key, std::uint8_t code);
  // Chunk membership of prefixes longer than /16 (first paths only).
  void member_add(Table<std::uint32_t>& t, std::uint32_t slot);
  void member_remove(Table<std::uint32_t>& t, std::uint32_t slot);
  void member_replace(Table<std::uint32_t>& t, std::uint32_t old_slot, std::uint32_t new_slot);

  std::uint32_t match(std::uint32_t a, const Table<std::uint32_t>& t) {
    const std::uint64_t e = dir_[a >> 16];
    std::uint32_t n = static_cast<std::uint32_t>(e >> 32);
    if (n == 0) return static_cast<std::uint32_t>(e);
    if (n == kStale) [[unlikely]]
      return rebuild_and_match(a, t);
    const std::uint32_t base = static_cast<std::uint32_t>(e);
    const std::uint16_t* s = starts_.data() + base;
    const auto lo = static_cast<std::uint16_t>(a);
    std::uint32_t i = 0;
    while (n > 1) {
      const std::uint32_t half = n >> 1;
      i = s[i + half] <= lo ? i + half : i;
      n -= half;
    }
    return ids_[base + i];
  }
  void match_bulk(const std::uint32_t* keys, std::uint32_t* out, std::size_t n,
                  const Table<std::uint32_t>& t);
  void sync(const Table<std::uint32_t>& t);
  std::size_t memory_bytes() const;

 private:
  static constexpr std::uint32_t kStale = 0xffffffffu;
  void mark(std::uint32_t chunk);
  void rebuild(std::uint32_t chunk, const Table<std::uint32_t>& t);
  std::uint32_t rebuild_and_match(std::uint32_t a, const Table<std::uint32_t>& t);
  void compact();

  std::vector<std::uint64_t> dir_;  // count << 32 | base, or count 0 | route slot
  std::vector<std::uint16_t> starts_;
  std::vector<std::uint32_t> ids_;
  std::size_t live_ = 0;  // pool entries referenced by dir_
  std::vector<std::vector<std::uint32_t>> members_;  // first-path slots per chunk
  std::vector<std::uint32_t> stale_;  // chunks to rebuild
  // Scratch for rebuilds.
  struct Item {
    std::uint32_t start, end;
    std::uint8_t code;
    std::uint32_t slot;
  };
  std::vector<Item> items_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out_, stack_;
};

}  // namespace rtsock::fib::detail
