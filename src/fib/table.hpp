// Private: one routing table (one FIB, one family). Routes live in a slot
// array (slots are stable: handles and the lookup structure name them); an
// open-addressing hash maps (key, code) to the first path of a prefix; paths
// of one prefix (multipath, OpenBSD priorities) are chained through `next`.
// Longest match probes the prefix lengths present, longest first.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rtsock/fib/addr.hpp"

namespace rtsock::fib::detail {

__extension__ using u128 = unsigned __int128;

inline constexpr std::uint32_t kNone = 0xffffffffu;

// MurmurHash3's finaliser: prefixes have many zero low bits, so every input
// bit must reach the low bits the hash table indexes by.
inline std::uint64_t fmix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

// Stable slot storage in fixed blocks: growth never moves or copies routes.
template <class T>
class Slots {
 public:
  static constexpr std::size_t kShift = 13, kBlock = std::size_t{1} << kShift;
  T& operator[](std::size_t i) { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  const T& operator[](std::size_t i) const { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  std::size_t size() const { return size_; }
  void emplace_back() {
    if ((size_ & (kBlock - 1)) == 0 && (size_ >> kShift) == blocks_.size())
      blocks_.push_back(std::make_unique<T[]>(kBlock));
    (*this)[size_++] = T{};
  }
  std::size_t capacity() const { return blocks_.size() * kBlock; }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t size_ = 0;
};

template <class K>
struct KeyOps;

template <>
struct KeyOps<std::uint32_t> {
  static constexpr int bits = 32;
  static constexpr Family family = Family::inet4;
  static std::uint32_t from(const Addr& a) { return a.v4(); }
  static Addr to(std::uint32_t k) { return Addr::v4(k); }
  static std::uint32_t mask(int plen) { return plen == 0 ? 0u : ~0u << (32 - plen); }
  static std::uint64_t hash(std::uint32_t k, std::uint8_t code, std::uint16_t scope = 0) {
    return fmix(std::uint64_t{scope} << 40 | static_cast<std::uint64_t>(k) << 8 | code);
  }
};

template <>
struct KeyOps<u128> {
  static constexpr int bits = 128;
  static constexpr Family family = Family::inet6;
  static u128 from(const Addr& a) {
    u128 k = 0;
    for (auto b : a.bytes) k = k << 8 | b;
    return k;
  }
  static Addr to(u128 k) {
    Addr a;
    a.family = Family::inet6;
    for (int i = 15; i >= 0; --i) {
      a.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(k);
      k >>= 8;
    }
    return a;
  }
  static u128 mask(int plen) { return plen == 0 ? u128{0} : ~u128{0} << (128 - plen); }
  static std::uint64_t hash(u128 k, std::uint8_t code, std::uint16_t scope = 0) {
    const auto hi = static_cast<std::uint64_t>(k >> 64), lo = static_cast<std::uint64_t>(k);
    return fmix(hi ^ fmix(lo ^ code) ^ scope);
  }
};

enum : std::uint8_t { kFree = 0, kLinked = 1, kTrash = 2 };

// One path: an rtentry minus what its nexthop holds.
template <class K>
struct Route {
  K key{};
  std::uint8_t code = 0;  // prefix length, or bits + 1 for a host entry
  std::uint8_t priority = 0;
  std::uint8_t state = kFree;
  std::uint8_t head : 1 = 0;   // first path of its prefix
  std::uint8_t extra : 1 = 0;  // has an entry in the table's side store (Extra)
  std::uint16_t cachecnt = 0;  // gateway routes holding this one as next hop (RTF_CACHED)
  // Darwin RTF_IFSCOPE: the interface index xnu embeds in the radix key
  // (sin_scope_id); part of the hash key. 0 = unscoped. Fills padding.
  std::uint16_t scope = 0;
  std::uint32_t nh = 0;
  std::uint32_t gwroute = kNone;  // the next-hop route this gateway route holds
  std::uint32_t next = kNone;     // next path of the prefix; free-list link
  std::uint64_t flags = 0;
  std::uint32_t refcnt = 0;
  std::uint32_t weight = 1;
  std::uint32_t gen = 0;
  std::uint32_t knh = 0;  // FreeBSD 13+: nexthop object index (fills padding)
  std::uint64_t pksent = 0;
};

// What few routes have, kept beside the slots so that a million-route table
// does not pay for it in every slot.
struct Extra {
  std::int64_t expire = 0;       // rmx_expire
  std::uint32_t parent = kNone;  // the cloning route this clone came from
  bool empty() const { return expire == 0 && parent == kNone; }
};

static_assert(sizeof(Route<std::uint32_t>) == 56, "a route slot grew: keep rare fields in Extra");

template <class K>
class Table {
 public:
  using Ops = KeyOps<K>;
  static constexpr std::uint8_t host_code = Ops::bits + 1;

  Slots<Route<K>> routes;
  std::size_t paths = 0;  // linked routes

  static std::uint8_t code_of(const Prefix& p) { return p.host ? host_code : p.plen; }
  static int plen_of(std::uint8_t code) { return code == host_code ? Ops::bits : code; }
  Prefix prefix_of(const Route<K>& r) const {
    return {Ops::to(r.key), static_cast<std::uint8_t>(plen_of(r.code)), r.code == host_code};
  }

  // First path of (key, code) in interface scope `scope` (0: unscoped), or kNone.
  std::uint32_t find(K key, std::uint8_t code, std::uint16_t scope = 0) const {
    if (slots_.empty()) return kNone;
    const std::size_t m = slots_.size() - 1;
    const std::uint64_t h = Ops::hash(key, code, scope);
    for (std::size_t i = h & m;; i = (i + 1) & m) {
      const std::uint64_t e = slots_[i];
      const std::uint32_t s = slot_of(e);
      if (s == kEmpty) return kNone;
      if (s != kTomb && tag_of(e) == tag_of(h) && routes[s].key == key && routes[s].code == code &&
          routes[s].scope == scope)
        return s;
    }
  }

  // Longest match over every present length among the routes of one scope
  // (0: the unscoped ones); `max_code` limits it (the IPv4 lookup structure
  // asks for routes covering a whole chunk).
  std::uint32_t lpm(K a, std::uint8_t max_code = host_code, std::uint16_t scope = 0) const {
    if (scope != 0 && scoped_ == 0) return kNone;
    for (std::uint8_t c : present_) {
      if (c > max_code) continue;
      const K k = c == host_code ? a : (a & Ops::mask(c));
      const std::uint32_t s = find(k, c, scope);
      if (s != kNone) return s;
    }
    return kNone;
  }
  // Prefixes with an interface scope (Darwin); 0 lets lookups skip scoping.
  std::size_t scoped() const { return scoped_; }

  std::uint32_t alloc() {
    std::uint32_t s;
    if (free_ != kNone) {
      s = free_;
      free_ = routes[s].next;
      const std::uint32_t gen = routes[s].gen + 1;
      routes[s] = Route<K>{};
      routes[s].gen = gen;
    } else {
      s = static_cast<std::uint32_t>(routes.size());
      routes.emplace_back();
    }
    return s;
  }
  void release(std::uint32_t s) {
    if (routes[s].extra) {
      extra_.erase(s);
      routes[s].extra = 0;
    }
    routes[s].state = kFree;
    routes[s].next = free_;
    free_ = s;
  }

  // Makes slot s the first path of its prefix (new prefix).
  void index_insert(std::uint32_t s) {
    if ((used_ + 1) * 4 > slots_.size() * 3) {
      // Grow when live entries fill half; otherwise only sweep tombstones.
      std::size_t n = std::max<std::size_t>(64, slots_.size());
      while ((prefixes_ + 1) * 2 > n) n *= 2;
      rehash(n);
    }
    const std::size_t m = slots_.size() - 1;
    const auto& r = routes[s];
    const std::uint64_t h = Ops::hash(r.key, r.code, r.scope);
    std::size_t i = h & m;
    while (slot_of(slots_[i]) != kEmpty && slot_of(slots_[i]) != kTomb) i = (i + 1) & m;
    if (slot_of(slots_[i]) == kEmpty) ++used_;
    slots_[i] = entry(s, h);
    ++prefixes_;
    if (r.scope != 0) ++scoped_;
    if (count_[r.code]++ == 0) recompute_present();
  }
  // Points the prefix of slot `old_head` at `new_head` (same key and code).
  void index_replace(std::uint32_t old_head, std::uint32_t new_head) {
    std::uint64_t& e = slots_[position(old_head)];
    e = (e & ~std::uint64_t{0xffffffffu}) | new_head;
  }
  void index_erase(std::uint32_t s) {
    slots_[position(s)] = kTomb;  // tag 0
    --prefixes_;
    if (routes[s].scope != 0) --scoped_;
    if (--count_[routes[s].code] == 0) recompute_present();
  }
  std::size_t prefixes() const { return prefixes_; }

  // The rare fields of slot s (Extra), 0/kNone when it has none.
  std::int64_t expire(std::uint32_t s) const { return extra_of(s).expire; }
  std::uint32_t parent(std::uint32_t s) const { return extra_of(s).parent; }
  void set_expire(std::uint32_t s, std::int64_t v) {
    update_extra(s, [&](Extra& e) { e.expire = v; });
  }
  void set_parent(std::uint32_t s, std::uint32_t v) {
    update_extra(s, [&](Extra& e) { e.parent = v; });
  }

  std::size_t memory_bytes() const {
    // An unordered_map node: the pair, the next pointer and the cached hash.
    return routes.capacity() * sizeof(Route<K>) + slots_.capacity() * sizeof(std::uint64_t) +
           extra_.size() * (sizeof(std::pair<const std::uint32_t, Extra>) + 16) +
           extra_.bucket_count() * sizeof(void*);
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu, kTomb = 0xfffffffeu;
  // A hash slot holds the route's slot (low half) and the high half of its
  // hash: a probe past another prefix compares tags in the array it walks
  // instead of loading that prefix's route (a cache miss in a large table).
  static std::uint32_t slot_of(std::uint64_t e) { return static_cast<std::uint32_t>(e); }
  static std::uint32_t tag_of(std::uint64_t e) { return static_cast<std::uint32_t>(e >> 32); }
  static std::uint64_t entry(std::uint32_t s, std::uint64_t h) {
    return (h & ~std::uint64_t{0xffffffffu}) | s;
  }

  std::size_t position(std::uint32_t s) const {
    const std::size_t m = slots_.size() - 1;
    for (std::size_t i = Ops::hash(routes[s].key, routes[s].code, routes[s].scope) & m;;
         i = (i + 1) & m)
      if (slot_of(slots_[i]) == s) return i;
  }
  void rehash(std::size_t n) {
    std::vector<std::uint64_t> old(n, kEmpty);
    old.swap(slots_);
    used_ = 0;
    const std::size_t m = slots_.size() - 1;
    for (std::uint64_t e : old) {
      const std::uint32_t s = slot_of(e);
      if (s == kEmpty || s == kTomb) continue;
      const std::uint64_t h = Ops::hash(routes[s].key, routes[s].code, routes[s].scope);
      std::size_t i = h & m;
      while (slot_of(slots_[i]) != kEmpty) i = (i + 1) & m;
      slots_[i] = entry(s, h);
      ++used_;
    }
  }
  void recompute_present() {
    present_.clear();
    if (count_[host_code] != 0) present_.push_back(host_code);
    for (int c = Ops::bits; c >= 0; --c)
      if (count_[static_cast<std::size_t>(c)] != 0)
        present_.push_back(static_cast<std::uint8_t>(c));
  }

  const Extra& extra_of(std::uint32_t s) const {
    static const Extra none;
    if (!routes[s].extra) return none;
    return extra_.find(s)->second;
  }
  template <class F>
  void update_extra(std::uint32_t s, F&& f) {
    Extra e = extra_of(s);
    f(e);
    if (e.empty()) {
      if (routes[s].extra) extra_.erase(s);
      routes[s].extra = 0;
    } else {
      extra_[s] = e;
      routes[s].extra = 1;
    }
  }

  std::unordered_map<std::uint32_t, Extra> extra_;
  std::vector<std::uint64_t> slots_;
  std::size_t used_ = 0;  // non-empty hash slots (live + tombstones)
  std::size_t prefixes_ = 0;
  std::size_t scoped_ = 0;
  std::uint32_t free_ = kNone;
  std::array<std::uint32_t, Ops::bits + 2> count_{};
  std::vector<std::uint8_t> present_;  // lengths present, most specific first
};

}  // namespace rtsock::fib::detail
