// Private: the IPv4 lookup structure, built from the authoritative table like
// FreeBSD's fib_algo DXR, with a second level for crowded chunks.
//
// The address space is cut into 65536 chunks by the top 16 bits. A chunk
// entry (32 bits), read by its top bits, is one of:
//   bit 31 clear    the route slot covering the whole chunk (kNoSlot: none);
//   bits 31-30 10   up to 8 ranges with 16-bit starts, searched linearly
//                   (count-1 in bits 29-27, pool base below);
//   bits 31-30 11   a Block: 256 sub-chunk entries (next 8 bits), run-length
//                   compressed; each is a slot (bit 31 clear) or up to 256
//                   ranges with 8-bit starts (count-1 in bits 30-23);
//   kStale          rebuilt on the next lookup or by sync();
//   kSlowPath       answered by the table (sub-chunk pool exhausted).
// A change marks the chunks under its prefix stale. Pools append and are
// compacted when garbage dominates; blocks are recycled. Until the first
// prefix enters, lookups read a shared all-empty directory and nothing is
// allocated (a daemon with thousands of unused FIBs pays almost nothing).
#pragma once

#ifndef __has_feature
#define __has_feature(x) 0
#endif
// Block lookups count bits; the x86-64 baseline has no POPCNT, so the lookup
// functions are also built for CPUs with it and picked at load time. clang
// wants the attribute on the first declaration, before any inline use.
#if defined(__x86_64__) && defined(__linux__) && !defined(__SANITIZE_ADDRESS__) && \
    !__has_feature(address_sanitizer)
#define RTSOCK_POPCNT_CLONES [[gnu::target_clones("popcnt", "default")]]
#else
#define RTSOCK_POPCNT_CLONES
#endif
// g++ 12, given the attribute on a declaration, makes callers in other files
// reference the clones themselves, which stay local to dxr4.cpp (undefined
// at link time): there only the definitions carry it.
#if defined(__clang__)
#define RTSOCK_POPCNT_CLONES_DECL RTSOCK_POPCNT_CLONES
#else
#define RTSOCK_POPCNT_CLONES_DECL
#endif

#include <cstdint>
#include <utility>
#include <vector>

#include "huge_alloc.hpp"
#include "table.hpp"

namespace rtsock::fib::detail {

class Dxr4 {
 public:
  static constexpr std::uint32_t kNoSlot = 0x7fffffffu;

  Dxr4() = default;
  Dxr4(Dxr4&& o) noexcept { *this = std::move(o); }
  Dxr4& operator=(Dxr4&& o) noexcept;

  // A prefix appeared, disappeared or changed its first path.
  void prefix_changed(std::uint32_t key, std::uint8_t code);
  // Chunk membership of prefixes longer than /16 (first paths only).
  void member_add(Table<std::uint32_t>& t, std::uint32_t slot);
  void member_remove(Table<std::uint32_t>& t, std::uint32_t slot);
  void member_replace(Table<std::uint32_t>& t, std::uint32_t old_slot, std::uint32_t new_slot);

  // The first-path slot of the longest match, or kNone.
  std::uint32_t match(std::uint32_t a, const Table<std::uint32_t>& t) {
    const std::uint32_t e = dirp_[a >> 16];
    if ((e >> 31) == 0) return e == kNoSlot ? kNone : e;
    return match_slow(e, a, t);
  }
  // Like match(), without rebuilding: false when the chunk is stale.
  bool peek(std::uint32_t a, std::uint32_t& slot) const {
    const std::uint32_t e = dirp_[a >> 16];
    if (e >= kSlowPath) return false;
    slot = (e >> 31) == 0 ? (e == kNoSlot ? kNone : e) : match_block(e, a);
    return true;
  }
  RTSOCK_POPCNT_CLONES_DECL void match_bulk(const std::uint32_t* keys, std::uint32_t* out, std::size_t n,
                                       const Table<std::uint32_t>& t);
  void sync(const Table<std::uint32_t>& t);
  std::size_t memory_bytes() const;

 private:
  static constexpr std::uint32_t kStale = 0xffffffffu;
  static constexpr std::uint32_t kSlowPath = 0xfffffffeu;  // answered by Table::lpm
  static constexpr std::uint32_t kSmallMax = 8;

  RTSOCK_POPCNT_CLONES_DECL std::uint32_t match_slow(std::uint32_t e, std::uint32_t a, const Table<std::uint32_t>& t);
  RTSOCK_POPCNT_CLONES_DECL std::uint32_t match_block(std::uint32_t e, std::uint32_t a) const;
  static const std::uint32_t* empty_dir();
  void allocate();
  void mark(std::uint32_t chunk);
  void release(std::uint32_t chunk);
  void rebuild(std::uint32_t chunk, const Table<std::uint32_t>& t);
  void maybe_compact();
  void compact16();
  void compact8();
  void compact_runs();

  std::vector<std::uint32_t, HugeAlloc<std::uint32_t>> dir_;  // empty until allocate()
  const std::uint32_t* dirp_ = empty_dir();                   // dir_.data() or empty_dir()
  std::vector<std::uint16_t> starts16_;  // small range lists
  std::vector<std::uint32_t> ids16_;
  std::size_t live16_ = 0;
  // A block's 256 entries, run-length compressed: bit j of `starts` is set
  // where entry j differs from entry j-1; the runs are in runs_ from `base`.
  struct Block {
    std::uint64_t starts[4];
    std::uint32_t base;
    std::uint8_t before[4];  // runs starting in the earlier words
  };
  std::uint32_t block_entry(const Block& b, std::uint32_t j) const {
    const std::uint32_t w = j >> 6;
    const std::uint64_t upto = b.starts[w] & (~0ull >> (63 - (j & 63)));
    return runs_[b.base + b.before[w] + static_cast<std::uint32_t>(__builtin_popcountll(upto)) - 1];
  }
  static std::uint32_t run_count(const Block& b) {
    return b.before[3] + static_cast<std::uint32_t>(__builtin_popcountll(b.starts[3]));
  }
  std::vector<Block, HugeAlloc<Block>> blocks_;
  std::vector<std::uint32_t, HugeAlloc<std::uint32_t>> runs_;
  std::size_t live_runs_ = 0;
  std::vector<std::uint32_t> free_blocks_;
  std::vector<std::uint8_t> starts8_;  // sub-chunk range lists
  std::vector<std::uint32_t> ids8_;
  std::size_t live8_ = 0;
  std::vector<std::vector<std::uint32_t>> members_;  // first-path slots per chunk
  std::vector<std::uint32_t> stale_;                 // chunks to rebuild
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
