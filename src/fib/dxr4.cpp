// The IPv4 range lookup structure (see dxr4.hpp).
#include "dxr4.hpp"

#include <algorithm>

namespace rtsock::fib::detail {

Dxr4::Dxr4() : dir_(65536, kNone), members_(65536) {}

void Dxr4::mark(std::uint32_t chunk) {
  std::uint64_t& e = dir_[chunk];
  const auto n = static_cast<std::uint32_t>(e >> 32);
  if (n == kStale) return;
  live_ -= n;
  e = static_cast<std::uint64_t>(kStale) << 32;
  if (stale_.size() >= 2 * dir_.size()) {
    // Chunks rebuilt lazily since the last sync() are still listed.
    std::erase_if(stale_, [this](std::uint32_t c) {
      return static_cast<std::uint32_t>(dir_[c] >> 32) != kStale;
    });
  }
  stale_.push_back(chunk);
}

void Dxr4::prefix_changed(std::uint32_t key, std::uint8_t code) {
  const std::uint32_t first = key >> 16;
  if (code > 16) {
    mark(first);
    return;
  }
  const std::uint32_t count = 1u << (16 - code);
  for (std::uint32_t c = first; c < first + count; ++c) mark(c);
}

void Dxr4::member_add(Table<std::uint32_t>& t, std::uint32_t slot) {
  members_[t.routes[slot].key >> 16].push_back(slot);
}

void Dxr4::member_remove(Table<std::uint32_t>& t, std::uint32_t slot) {
  auto& m = members_[t.routes[slot].key >> 16];
  const auto it = std::find(m.begin(), m.end(), slot);
  if (it == m.end()) return;
  *it = m.back();
  m.pop_back();
}

void Dxr4::member_replace(Table<std::uint32_t>& t, std::uint32_t old_slot,
                          std::uint32_t new_slot) {
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
  if (out_.size() == 1) {
    dir_[chunk] = out_[0].second;
    return;
  }
  const auto base = static_cast<std::uint32_t>(starts_.size());
  for (const auto& [start, id] : out_) {
    starts_.push_back(static_cast<std::uint16_t>(start));
    ids_.push_back(id);
  }
  const auto n = static_cast<std::uint32_t>(out_.size());
  live_ += n;
  dir_[chunk] = static_cast<std::uint64_t>(n) << 32 | base;
}

std::uint32_t Dxr4::rebuild_and_match(std::uint32_t a, const Table<std::uint32_t>& t) {
  rebuild(a >> 16, t);
  if (starts_.size() > 2 * live_ + 65536) compact();
  return match(a, t);
}

void Dxr4::sync(const Table<std::uint32_t>& t) {
  for (std::uint32_t c : stale_)
    if (static_cast<std::uint32_t>(dir_[c] >> 32) == kStale) rebuild(c, t);
  stale_.clear();
  if (starts_.size() > 2 * live_ + 65536) compact();
}

void Dxr4::compact() {
  std::vector<std::uint16_t> starts;
  std::vector<std::uint32_t> ids;
  starts.reserve(live_);
  ids.reserve(live_);
  for (auto& e : dir_) {
    const auto n = static_cast<std::uint32_t>(e >> 32);
    if (n == 0 || n == kStale) continue;
    const auto base = static_cast<std::uint32_t>(e);
    const auto nb = static_cast<std::uint32_t>(starts.size());
    starts.insert(starts.end(), starts_.begin() + base, starts_.begin() + base + n);
    ids.insert(ids.end(), ids_.begin() + base, ids_.begin() + base + n);
    e = static_cast<std::uint64_t>(n) << 32 | nb;
  }
  starts_.swap(starts);
  ids_.swap(ids);
}

void Dxr4::match_bulk(const std::uint32_t* keys, std::uint32_t* out, std::size_t n,
                      const Table<std::uint32_t>& t) {
  constexpr std::size_t ahead = 8;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + ahead < n) __builtin_prefetch(&dir_[keys[i + ahead] >> 16]);
    out[i] = match(keys[i], t);
  }
}

std::size_t Dxr4::memory_bytes() const {
  std::size_t b = dir_.capacity() * sizeof(std::uint64_t) + starts_.capacity() * 2 +
                  ids_.capacity() * 4 + members_.capacity() * sizeof(members_[0]) +
                  stale_.capacity() * 4;
  for (const auto& m : members_) b += m.capacity() * 4;
  return b;
}

}  // namespace rtsock::fib::detail
