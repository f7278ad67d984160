// The IPv4 range lookup structure (see dxr4.hpp).
#include "dxr4.hpp"

#include <algorithm>

namespace rtsock::fib::detail {

namespace {
constexpr std::uint32_t kSmallTag = 0x80000000u, kBlockTag = 0xc0000000u;
}  // namespace

const std::uint32_t* Dxr4::empty_dir() {
  static const std::vector<std::uint32_t> dir(65536, kNoSlot);
  return dir.data();
}

void Dxr4::allocate() {
  if (!dir_.empty()) return;
  dir_.assign(65536, kNoSlot);
  members_.resize(65536);
  dirp_ = dir_.data();
}

Dxr4& Dxr4::operator=(Dxr4&& o) noexcept {
  dir_ = std::move(o.dir_);
  dirp_ = dir_.empty() ? empty_dir() : dir_.data();
  o.dir_.clear();
  o.dirp_ = empty_dir();
  starts16_ = std::move(o.starts16_);
  ids16_ = std::move(o.ids16_);
  live16_ = o.live16_;
  blocks_ = std::move(o.blocks_);
  runs_ = std::move(o.runs_);
  live_runs_ = o.live_runs_;
  free_blocks_ = std::move(o.free_blocks_);
  starts8_ = std::move(o.starts8_);
  ids8_ = std::move(o.ids8_);
  live8_ = o.live8_;
  members_ = std::move(o.members_);
  stale_ = std::move(o.stale_);
  return *this;
}

// Frees what a chunk's entry refers to.
void Dxr4::release(std::uint32_t chunk) {
  const std::uint32_t e = dir_[chunk];
  if ((e >> 31) == 0 || e == kStale || e == kSlowPath) return;
  if ((e & kBlockTag) == kSmallTag) {
    live16_ -= ((e >> 27) & 7) + 1;
    return;
  }
  const std::uint32_t b = e & 0x3fffffffu;
  const std::uint32_t n = run_count(blocks_[b]);
  for (std::uint32_t r = 0; r < n; ++r) {
    const std::uint32_t x = runs_[blocks_[b].base + r];
    if (x >> 31) live8_ -= ((x >> 23) & 0xff) + 1;
  }
  live_runs_ -= n;
  free_blocks_.push_back(b);
}

void Dxr4::mark(std::uint32_t chunk) {
  if (dir_[chunk] == kStale) return;
  release(chunk);
  dir_[chunk] = kStale;
  if (stale_.size() >= 2 * dir_.size()) {
    // Chunks rebuilt lazily since the last sync() are still listed.
    std::erase_if(stale_, [this](std::uint32_t c) { return dir_[c] != kStale; });
  }
  stale_.push_back(chunk);
}

void Dxr4::prefix_changed(std::uint32_t key, std::uint8_t code) {
  allocate();
  const std::uint32_t first = key >> 16;
  if (code > 16) {
    mark(first);
    return;
  }
  const std::uint32_t count = 1u << (16 - code);
  for (std::uint32_t c = first; c < first + count; ++c) mark(c);
}

void Dxr4::member_add(Table<std::uint32_t>& t, std::uint32_t slot) {
  allocate();
  members_[t.routes[slot].key >> 16].push_back(slot);
}

void Dxr4::member_remove(Table<std::uint32_t>& t, std::uint32_t slot) {
  if (members_.empty()) return;
  auto& m = members_[t.routes[slot].key >> 16];
  const auto it = std::find(m.begin(), m.end(), slot);
  if (it == m.end()) return;
  *it = m.back();
  m.pop_back();
}

void Dxr4::member_replace(Table<std::uint32_t>& t, std::uint32_t old_slot, std::uint32_t new_slot) {
  if (members_.empty()) return;
  auto& m = members_[t.routes[old_slot].key >> 16];
  const auto it = std::find(m.begin(), m.end(), old_slot);
  if (it != m.end()) *it = new_slot;
}

void Dxr4::rebuild(std::uint32_t chunk, const Table<std::uint32_t>& t) {
  const std::uint32_t cover = t.lpm(chunk << 16, 16);
  items_.clear();
  for (std::uint32_t s : members_[chunk]) {
    const auto& r = t.routes[s];
    const int plen = Table<std::uint32_t>::plen_of(r.code);
    const std::uint32_t start = r.key & 0xffffu;
    items_.push_back({start, start + ((1u << (32 - plen)) - 1u), r.code, s});
  }
  // Outer prefixes before the ones they contain; a host entry after the /32
  // network with the same key, so the host entry wins.
  std::sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
    return a.start != b.start ? a.start < b.start : a.code < b.code;
  });
  out_.clear();
  stack_.clear();
  const auto emit = [this](std::uint32_t start, std::uint32_t id) {
    if (!out_.empty() && out_.back().first == start) {
      out_.back().second = id;
      if (out_.size() >= 2 && out_[out_.size() - 2].second == id) out_.pop_back();
      return;
    }
    if (!out_.empty() && out_.back().second == id) return;
    out_.emplace_back(start, id);
  };
  emit(0, cover);
  for (const Item& it : items_) {
    while (!stack_.empty() && stack_.back().first < it.start) {
      const std::uint32_t end = stack_.back().first;
      stack_.pop_back();
      emit(end + 1, stack_.empty() ? cover : stack_.back().second);
    }
    emit(it.start, it.slot);
    stack_.emplace_back(it.end, it.slot);
  }
  while (!stack_.empty()) {
    const std::uint32_t end = stack_.back().first;
    stack_.pop_back();
    if (end < 0xffffu) emit(end + 1, stack_.empty() ? cover : stack_.back().second);
  }
  const auto slot_of = [](std::uint32_t id) { return id == kNone ? kNoSlot : id; };
  const auto n = static_cast<std::uint32_t>(out_.size());
  if (n == 1) {
    dir_[chunk] = slot_of(out_[0].second);
    return;
  }
  if (n <= kSmallMax) {
    const auto base = static_cast<std::uint32_t>(starts16_.size());
    for (const auto& [start, id] : out_) {
      starts16_.push_back(static_cast<std::uint16_t>(start));
      ids16_.push_back(slot_of(id));
    }
    live16_ += n;
    dir_[chunk] = kSmallTag | (n - 1) << 27 | base;
    return;
  }
  if (starts8_.size() + 512 > 0x7fffffu) compact8();
  if (starts8_.size() + 512 > 0x7fffffu) {
    // Sub-chunk pool full (millions of long prefixes): answer this chunk
    // from the table itself.
    dir_[chunk] = kSlowPath;
    return;
  }
  std::uint32_t b;
  if (!free_blocks_.empty()) {
    b = free_blocks_.back();
    free_blocks_.pop_back();
  } else {
    b = static_cast<std::uint32_t>(blocks_.size());
    blocks_.emplace_back();
  }
  std::uint32_t entries[256];
  // Each 256-address sub-chunk: the range in force at its start, then the
  // ranges that begin inside it.
  std::size_t k = 0;
  for (std::uint32_t j = 0; j < 256; ++j) {
    const std::uint32_t lo = j << 8, hi = lo + 255;
    while (k + 1 < n && out_[k + 1].first <= lo) ++k;
    std::size_t last = k;
    while (last + 1 < n && out_[last + 1].first <= hi) ++last;
    if (last == k) {
      entries[j] = slot_of(out_[k].second);
      continue;
    }
    const auto base = static_cast<std::uint32_t>(starts8_.size());
    for (std::size_t i = k; i <= last; ++i) {
      starts8_.push_back(static_cast<std::uint8_t>(i == k ? 0 : out_[i].first - lo));
      ids8_.push_back(slot_of(out_[i].second));
    }
    const auto cnt = static_cast<std::uint32_t>(last - k + 1);
    live8_ += cnt;
    entries[j] = 0x80000000u | (cnt - 1) << 23 | base;
    k = last;
  }
  if (runs_.size() + 256 > 2 * live_runs_ + 65536) compact_runs();
  Block& blk = blocks_[b];
  blk = Block{};
  blk.base = static_cast<std::uint32_t>(runs_.size());
  for (std::uint32_t j = 0; j < 256; ++j) {
    if (j != 0 && entries[j] == entries[j - 1]) continue;
    blk.starts[j >> 6] |= 1ull << (j & 63);
    runs_.push_back(entries[j]);
  }
  for (std::uint32_t w = 1; w < 4; ++w)
    blk.before[w] = static_cast<std::uint8_t>(
        blk.before[w - 1] + static_cast<std::uint32_t>(__builtin_popcountll(blk.starts[w - 1])));
  live_runs_ += run_count(blk);
  dir_[chunk] = kBlockTag | b;
}

RTSOCK_POPCNT_CLONES std::uint32_t Dxr4::match_block(std::uint32_t e, std::uint32_t a) const {
  std::uint32_t x;
  if ((e & kBlockTag) == kSmallTag) {
    const std::uint32_t base = e & 0x07ffffffu, n = ((e >> 27) & 7) + 1;
    const auto lo = static_cast<std::uint16_t>(a);
    const std::uint16_t* s = starts16_.data() + base;
    std::uint32_t i = 0;
    for (std::uint32_t j = 1; j < n; ++j) i += s[j] <= lo ? 1u : 0u;
    x = ids16_[base + i];
  } else {
    x = block_entry(blocks_[e & 0x3fffffffu], (a >> 8) & 0xff);
    if (x >> 31) {
      const std::uint32_t base = x & 0x7fffffu;
      std::uint32_t n = ((x >> 23) & 0xff) + 1;
      const std::uint8_t* s = starts8_.data() + base;
      const auto lo = static_cast<std::uint8_t>(a);
      std::uint32_t i = 0;
      while (n > 1) {
        const std::uint32_t half = n >> 1;
        i = s[i + half] <= lo ? i + half : i;
        n -= half;
      }
      x = ids8_[base + i];
    }
  }
  return x == kNoSlot ? kNone : x;
}

RTSOCK_POPCNT_CLONES std::uint32_t Dxr4::match_slow(std::uint32_t e, std::uint32_t a,
                                                    const Table<std::uint32_t>& t) {
  if (e == kSlowPath) return t.lpm(a);
  if (e == kStale) {
    rebuild(a >> 16, t);
    maybe_compact();
    e = dir_[a >> 16];
    if ((e >> 31) == 0) return e == kNoSlot ? kNone : e;
    if (e == kSlowPath) return t.lpm(a);
  }
  return match_block(e, a);
}

void Dxr4::sync(const Table<std::uint32_t>& t) {
  for (std::uint32_t c : stale_)
    if (dir_[c] == kStale) rebuild(c, t);
  stale_.clear();
  maybe_compact();
}

void Dxr4::maybe_compact() {
  if (starts16_.size() > 2 * live16_ + 65536) compact16();
  if (starts8_.size() > 2 * live8_ + 65536) compact8();
}

void Dxr4::compact16() {
  std::vector<std::uint16_t> starts;
  std::vector<std::uint32_t> ids;
  starts.reserve(live16_);
  ids.reserve(live16_);
  for (auto& e : dir_) {
    if (e == kStale || (e & kBlockTag) != kSmallTag) continue;
    const std::uint32_t base = e & 0x07ffffffu, n = ((e >> 27) & 7) + 1;
    const auto nb = static_cast<std::uint32_t>(starts.size());
    starts.insert(starts.end(), starts16_.begin() + base, starts16_.begin() + base + n);
    ids.insert(ids.end(), ids16_.begin() + base, ids16_.begin() + base + n);
    e = (e & ~0x07ffffffu) | nb;
  }
  starts16_.swap(starts);
  ids16_.swap(ids);
}

void Dxr4::compact8() {
  std::vector<std::uint8_t> starts;
  std::vector<std::uint32_t> ids;
  starts.reserve(live8_);
  ids.reserve(live8_);
  for (const auto e : dir_) {
    if (e == kStale || e == kSlowPath || (e & kBlockTag) != kBlockTag) continue;
    const Block& blk = blocks_[e & 0x3fffffffu];
    const std::uint32_t n = run_count(blk);
    for (std::uint32_t r = 0; r < n; ++r) {
      std::uint32_t& x = runs_[blk.base + r];
      if ((x >> 31) == 0) continue;
      const std::uint32_t base = x & 0x7fffffu, cnt = ((x >> 23) & 0xff) + 1;
      const auto nb = static_cast<std::uint32_t>(starts.size());
      starts.insert(starts.end(), starts8_.begin() + base, starts8_.begin() + base + cnt);
      ids.insert(ids.end(), ids8_.begin() + base, ids8_.begin() + base + cnt);
      x = (x & ~0x7fffffu) | nb;
    }
  }
  starts8_.swap(starts);
  ids8_.swap(ids);
}

void Dxr4::compact_runs() {
  std::vector<std::uint32_t, HugeAlloc<std::uint32_t>> runs;
  runs.reserve(live_runs_ + 256);
  for (const auto e : dir_) {
    if (e == kStale || e == kSlowPath || (e & kBlockTag) != kBlockTag) continue;
    Block& blk = blocks_[e & 0x3fffffffu];
    const std::uint32_t n = run_count(blk);
    const auto nb = static_cast<std::uint32_t>(runs.size());
    runs.insert(runs.end(), runs_.begin() + blk.base, runs_.begin() + blk.base + n);
    blk.base = nb;
  }
  runs_.swap(runs);
}

RTSOCK_POPCNT_CLONES void Dxr4::match_bulk(const std::uint32_t* keys, std::uint32_t* out,
                                           std::size_t n, const Table<std::uint32_t>& t) {
  // Staged per batch so that each level's loads are independent of one
  // another and overlap: directory entries, then block entries, then the
  // range searches; stale chunks last.
  constexpr std::size_t batch = 64;
  std::uint32_t e[batch], x[batch];
  for (std::size_t i0 = 0; i0 < n; i0 += batch) {
    const std::size_t m = std::min(batch, n - i0);
    const std::uint32_t* k = keys + i0;
    std::uint32_t* o = out + i0;
    for (std::size_t i = 0; i < m; ++i) e[i] = dirp_[k[i] >> 16];
    // Block entries mostly miss the caches: ask for all of them first, in a
    // loop short enough that many misses are in flight at once.
    const Block* blocks = blocks_.data();
    for (std::size_t i = 0; i < m; ++i)
      if ((e[i] >> 30) == 3 && e[i] < kSlowPath) __builtin_prefetch(blocks + (e[i] & 0x3fffffffu));
    bool slow = false;
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t v = e[i];
      x[i] = 0;
      if ((v >> 31) == 0) {
        o[i] = v == kNoSlot ? kNone : v;
      } else if (v >= kSlowPath) {
        slow = true;
        x[i] = kStale;
      } else if ((v & kBlockTag) == kSmallTag) {
        o[i] = match_block(v, k[i]);
      } else {
        x[i] = block_entry(blocks[v & 0x3fffffffu], (k[i] >> 8) & 0xff);
        if ((x[i] >> 31) == 0) {
          o[i] = x[i] == kNoSlot ? kNone : x[i];
          x[i] = 0;
        }
      }
    }
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint32_t v = x[i];
      if ((v >> 31) == 0 || v == kStale) continue;
      const std::uint32_t base = v & 0x7fffffu;
      std::uint32_t cnt = ((v >> 23) & 0xff) + 1;
      const std::uint8_t* st = starts8_.data() + base;
      const auto lo = static_cast<std::uint8_t>(k[i]);
      std::uint32_t j = 0;
      while (cnt > 1) {
        const std::uint32_t half = cnt >> 1;
        j = st[j + half] <= lo ? j + half : j;
        cnt -= half;
      }
      const std::uint32_t id = ids8_[base + j];
      o[i] = id == kNoSlot ? kNone : id;
    }
    if (slow)
      for (std::size_t i = 0; i < m; ++i)
        if (x[i] == kStale) o[i] = match(k[i], t);
  }
}

std::size_t Dxr4::memory_bytes() const {
  std::size_t b = dir_.capacity() * 4 + starts16_.capacity() * 2 + ids16_.capacity() * 4 +
                  blocks_.capacity() * sizeof(Block) + runs_.capacity() * 4 +
                  free_blocks_.capacity() * 4 + starts8_.capacity() + ids8_.capacity() * 4 +
                  members_.capacity() * sizeof(members_[0]) + stale_.capacity() * 4 +
                  items_.capacity() * sizeof(Item) +
                  (out_.capacity() + stack_.capacity()) * sizeof(out_[0]);
  for (const auto& m : members_) b += m.capacity() * 4;
  return b;
}

}  // namespace rtsock::fib::detail
