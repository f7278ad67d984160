// The full RouteViews 2015 table (Debian python3-pyasn: 606,138 IPv4 and
// 27,693 IPv6 prefixes) through fib::Fib: insert everything as gateway
// routes, get() every prefix exactly, longest-match lookups at random
// addresses checked against an independent oracle (per-length hash sets
// probed from the longest length down), match4/match4_bulk over the whole
// IPv4 space, walk() order, and deletion of everything in shuffled order.
//
// em0 holds 198.51.100.10/24 and 2001:db8::10/64, not the usual 192.0.2.10/24:
// the table itself holds 192.0.2.0/24 and 192.0.2.1/32, and 192.0.2.0/24 would
// collide with em0's pinned interface route (EEXIST), so not all of the table
// could be inserted. Nothing in the table overlaps 198.51.100.0/24 or
// 2001:db8::/32 (checked below).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "../support/pyasn.hpp"
#include "rtsock/fib/fib.hpp"

using namespace rtsock::fib;

namespace {

constexpr std::size_t kTableV4 = 606138;
constexpr std::size_t kTableV6 = 27693;
constexpr std::uint64_t kSeed = 20151101;
// Sampled lookups (every prefix also gets an exact get()).
constexpr std::size_t kInside4 = 1000000;    // IPv4 addresses inside random table prefixes
constexpr std::size_t kInside6 = 300000;     // IPv6 addresses inside random table prefixes
constexpr std::size_t kAnywhere4 = 1000000;  // IPv4 addresses anywhere, through match4(_bulk)

// ---- the oracle's own address arithmetic ----

struct U128 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  friend bool operator==(const U128&, const U128&) = default;
};

struct U128Hash {
  std::size_t operator()(const U128& k) const {
    std::uint64_t x = k.hi ^ (k.lo * 0x9e3779b97f4a7c15ull);
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 29;
    return static_cast<std::size_t>(x);
  }
};

std::uint32_t to32(const Addr& a) {
  return (std::uint32_t{a.bytes[0]} << 24) | (std::uint32_t{a.bytes[1]} << 16) |
         (std::uint32_t{a.bytes[2]} << 8) | std::uint32_t{a.bytes[3]};
}

Addr from32(std::uint32_t v) {
  Addr a;
  a.family = Family::inet4;
  a.bytes[0] = static_cast<std::uint8_t>(v >> 24);
  a.bytes[1] = static_cast<std::uint8_t>(v >> 16);
  a.bytes[2] = static_cast<std::uint8_t>(v >> 8);
  a.bytes[3] = static_cast<std::uint8_t>(v);
  return a;
}

U128 to128(const Addr& a) {
  U128 k;
  for (std::size_t i = 0; i < 8; ++i) {
    k.hi = (k.hi << 8) | a.bytes[i];
    k.lo = (k.lo << 8) | a.bytes[8 + i];
  }
  return k;
}

Addr from128(const U128& k) {
  Addr a;
  a.family = Family::inet6;
  for (std::size_t i = 0; i < 8; ++i) {
    a.bytes[i] = static_cast<std::uint8_t>(k.hi >> (56 - 8 * i));
    a.bytes[8 + i] = static_cast<std::uint8_t>(k.lo >> (56 - 8 * i));
  }
  return a;
}

std::uint32_t mask32(int plen) { return plen == 0 ? 0u : ~std::uint32_t{0} << (32 - plen); }

U128 mask128(int plen) {
  U128 m;
  m.hi = plen == 0 ? 0 : plen >= 64 ? ~0ull : ~0ull << (64 - plen);
  m.lo = plen <= 64 ? 0 : plen == 128 ? ~0ull : ~0ull << (128 - plen);
  return m;
}

U128 and128(const U128& a, const U128& m) { return {a.hi & m.hi, a.lo & m.lo}; }

// FreeBSD 13+ normalisation: a full-length prefix is the host entry.
Prefix expected_prefix(const Addr& key, int plen) {
  const int w = key.family == Family::inet4 ? 32 : 128;
  return Prefix{key, static_cast<std::uint8_t>(plen), plen == w};
}

// Spec C: key ascending, host entry first, then longer masks first.
bool oracle_radix_less(const Prefix& a, const Prefix& b) {
  if (a.addr.bytes != b.addr.bytes) return a.addr.bytes < b.addr.bytes;
  if (a.host != b.host) return a.host;
  return a.plen > b.plen;
}

std::string show(const Addr& a) {
  char buf[64];
  if (a.family == Family::inet4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
    return buf;
  }
  std::string s;
  for (std::size_t i = 0; i < 16; i += 2) {
    std::snprintf(buf, sizeof buf, "%s%x", i == 0 ? "" : ":",
                  static_cast<unsigned>(a.bytes[i]) * 256u + a.bytes[i + 1]);
    s += buf;
  }
  return s;
}

std::string show(const Prefix& p) {
  return show(p.addr) + (p.host ? std::string(" (host)") : "/" + std::to_string(p.plen));
}

std::string show(const std::optional<RouteInfo>& r) {
  if (!r) return "no route";
  return show(r->prefix) + (r->gateway.is_addr()
                                ? " via " + show(r->gateway.addr)
                                : " via link#" + std::to_string(r->gateway.ifindex));
}

// Longest match by per-length hash sets, probed from /32 (/128) down. For
// IPv4 the sets are the truth and two flat arrays indexed by the top 24 bits,
// rebuilt from them after each batch of changes, make the probe cheap: the
// longest length <= 24 covering each /24, and whether any longer prefix lies
// inside it (only then are /25../32 probed).
class Oracle4 {
 public:
  void insert(std::uint32_t key, int len) { sets_[static_cast<std::size_t>(len)].insert(key); }
  bool erase(std::uint32_t key, int len) {
    return sets_[static_cast<std::size_t>(len)].erase(key) != 0;
  }
  bool contains(std::uint32_t key, int len) const {
    return sets_[static_cast<std::size_t>(len)].contains(key);
  }
  void rebuild() {
    best24_.assign(std::size_t{1} << 24, -1);
    has_long_.assign(std::size_t{1} << 24, 0);
    for (int len = 0; len <= 24; ++len) {  // shorter first: longer ones overwrite
      for (const std::uint32_t k : sets_[static_cast<std::size_t>(len)]) {
        const std::size_t first = k >> 8;
        const std::size_t n = std::size_t{1} << (24 - len);
        std::fill_n(best24_.begin() + static_cast<std::ptrdiff_t>(first), n,
                    static_cast<std::int8_t>(len));
      }
    }
    for (int len = 25; len <= 32; ++len) {
      for (const std::uint32_t k : sets_[static_cast<std::size_t>(len)]) has_long_[k >> 8] = 1;
    }
  }
  std::optional<Prefix> lpm(std::uint32_t a) const {
    if (has_long_[a >> 8] != 0) {
      for (int len = 32; len > 24; --len) {
        if (sets_[static_cast<std::size_t>(len)].contains(a & mask32(len))) {
          return expected_prefix(from32(a & mask32(len)), len);
        }
      }
    }
    const int len = best24_[a >> 8];
    if (len < 0) return std::nullopt;
    return expected_prefix(from32(a & mask32(len)), len);
  }

 private:
  std::array<std::unordered_set<std::uint32_t>, 33> sets_;
  std::vector<std::int8_t> best24_;
  std::vector<std::uint8_t> has_long_;
};

class Oracle6 {
 public:
  void insert(const U128& key, int len) { sets_[static_cast<std::size_t>(len)].insert(key); }
  bool erase(const U128& key, int len) {
    return sets_[static_cast<std::size_t>(len)].erase(key) != 0;
  }
  bool contains(const U128& key, int len) const {
    return sets_[static_cast<std::size_t>(len)].contains(key);
  }
  std::optional<Prefix> lpm(const U128& a) const {
    for (int len = 128; len >= 0; --len) {
      const auto& s = sets_[static_cast<std::size_t>(len)];
      if (s.empty()) continue;
      const U128 k = and128(a, mask128(len));
      if (s.contains(k)) return expected_prefix(from128(k), len);
    }
    return std::nullopt;
  }

 private:
  std::array<std::unordered_set<U128, U128Hash>, 129> sets_;
};

// Counts failures and keeps the first few for the message.
struct Failures {
  std::size_t count = 0;
  std::string examples;
  void add(const std::string& s) {
    if (count++ < 10) examples += "\n  " + s;
  }
};

struct Entry {
  Addr key;  // masked
  int plen = 0;
};

using Ms = std::chrono::duration<double, std::milli>;

class Phase {
 public:
  explicit Phase(const char* name) : name_(name), t0_(std::chrono::steady_clock::now()) {}
  ~Phase() {
    std::printf("[ phase    ] %-44s %9.0f ms\n", name_,
                Ms(std::chrono::steady_clock::now() - t0_).count());
  }
  Phase(const Phase&) = delete;
  Phase& operator=(const Phase&) = delete;

 private:
  const char* name_;
  std::chrono::steady_clock::time_point t0_;
};

}  // namespace

TEST(FibFullTable, fib_full_table_inserts_looks_up_walks_deletes) {
  const auto t_start = std::chrono::steady_clock::now();
  std::mt19937_64 rng(kSeed);

  // ---- load ----
  std::vector<Entry> v4;
  std::vector<Entry> v6;
  {
    Phase ph("load pyasn table");
    const auto table = rtsock::test::load_pyasn();
    ASSERT_TRUE(table.has_value())
        << "the RouteViews table " << rtsock::test::kPyasnTable
        << " is missing: install Debian's python3-pyasn (apt-get install python3-pyasn)";
    std::size_t raw4 = 0;
    std::size_t raw6 = 0;
    std::unordered_set<std::uint64_t> seen4;  // key << 8 | plen
    std::array<std::unordered_set<U128, U128Hash>, 129> seen6_by_len;
    std::size_t dups = 0;
    std::size_t unmasked = 0;
    for (const auto& e : *table) {
      const Prefix& p = e.prefix;
      if (p.family() == Family::inet4) {
        ++raw4;
        const std::uint32_t k = to32(p.addr);
        if (p.plen > 32 || (k & mask32(p.plen)) != k) {
          ++unmasked;
          continue;
        }
        if (!seen4.insert((std::uint64_t{k} << 8) | p.plen).second) {
          ++dups;
          continue;
        }
        v4.push_back({from32(k), p.plen});
      } else {
        ++raw6;
        const U128 k = to128(p.addr);
        if (p.plen > 128 || !(and128(k, mask128(p.plen)) == k)) {
          ++unmasked;
          continue;
        }
        if (!seen6_by_len[p.plen].insert(k).second) {
          ++dups;
          continue;
        }
        v6.push_back({from128(k), p.plen});
      }
    }
    std::printf(
        "[ table    ] %zu IPv4 + %zu IPv6 prefixes read; %zu duplicates after masking, %zu "
        "not masked\n",
        raw4, raw6, dups, unmasked);
    // The loader must read the whole table; duplicates (none in this table)
    // would be inserted once, so the sizes below are checked against the
    // distinct counts.
    ASSERT_EQ(raw4, kTableV4) << "IPv4 prefixes read from " << rtsock::test::kPyasnTable;
    ASSERT_EQ(raw6, kTableV6) << "IPv6 prefixes read from " << rtsock::test::kPyasnTable;
    ASSERT_EQ(unmasked, 0u) << "the loader gave prefixes with host bits set";
    if (dups != 0) {
      std::printf(
          "[ note     ] %zu duplicate prefixes in the table: each is inserted once and the "
          "sizes are checked against the distinct count\n",
          dups);
    }
  }

  // ---- set-up: em0, its addresses, and the routes they install ----
  Fib f;
  IfSpec spec;
  spec.name = "em0";
  spec.type = ift::ether;
  spec.flags = iff::up | iff::broadcast | iff::running;
  spec.mtu = 1500;
  const auto em0 = f.attach(spec);
  ASSERT_TRUE(em0.has_value()) << em0.error().message();
  IfAddress a4;
  a4.addr = from32(0xc633640a);  // 198.51.100.10/24
  a4.plen = 24;
  a4.broadcast = from32(0xc63364ff);
  ASSERT_TRUE(f.add_address(*em0, a4).has_value());
  IfAddress a6;
  a6.addr = from128({0x20010db800000000ull, 0x10});  // 2001:db8::10/64
  a6.plen = 64;
  ASSERT_TRUE(f.add_address(*em0, a6).has_value());
  const Addr gw4 = from32(0xc6336401);                     // 198.51.100.1
  const Addr gw6 = from128({0x20010db800000000ull, 0x1});  // 2001:db8::1

  Oracle4 o4;
  Oracle6 o6;
  std::vector<Prefix> base4;
  std::vector<Prefix> base6;
  f.walk(0, Family::inet4, 0, [&](const RouteInfo& r) {
    base4.push_back(r.prefix);
    o4.insert(to32(r.prefix.addr), r.prefix.plen);
    return true;
  });
  f.walk(0, Family::inet6, 0, [&](const RouteInfo& r) {
    base6.push_back(r.prefix);
    o6.insert(to128(r.prefix.addr), r.prefix.plen);
    return true;
  });
  ASSERT_FALSE(base4.empty()) << "add_address installed no IPv4 route";
  ASSERT_FALSE(base6.empty()) << "add_address installed no IPv6 route";
  for (const Entry& e : v4) {
    ASSERT_FALSE(o4.contains(to32(e.key), e.plen))
        << show(expected_prefix(e.key, e.plen)) << " collides with an address route";
  }
  for (const Entry& e : v6) {
    ASSERT_FALSE(o6.contains(to128(e.key), e.plen))
        << show(expected_prefix(e.key, e.plen)) << " collides with an address route";
  }

  auto request = [&](const Entry& e) {
    RouteRequest r;
    r.dst = e.key;
    r.plen = e.plen;
    r.gateway = Gateway::address(e.key.family == Family::inet4 ? gw4 : gw6);
    r.flags = rtf::gateway | rtf::static_;
    return r;
  };

  // ---- insert everything ----
  {
    Phase ph("insert 633,831 routes");
    Failures fails;
    for (const std::vector<Entry>* list : {&v4, &v6}) {
      for (const Entry& e : *list) {
        const auto r = f.add(request(e));
        if (!r) {
          fails.add("add " + show(expected_prefix(e.key, e.plen)) + ": " + r.error().message());
          continue;
        }
        if (e.key.family == Family::inet4) {
          o4.insert(to32(e.key), e.plen);
        } else {
          o6.insert(to128(e.key), e.plen);
        }
      }
    }
    o4.rebuild();
    ASSERT_EQ(fails.count, 0u) << "failed adds:" << fails.examples;
  }
  EXPECT_EQ(f.size(0, Family::inet4), v4.size() + base4.size())
      << v4.size() << " table routes + " << base4.size() << " address routes";
  EXPECT_EQ(f.size(0, Family::inet6), v6.size() + base6.size())
      << v6.size() << " table routes + " << base6.size() << " address routes";

  // ---- exact get() of every prefix ----
  {
    Phase ph("get() every prefix exactly");
    Failures fails;
    for (const std::vector<Entry>* list : {&v4, &v6}) {
      for (const Entry& e : *list) {
        RouteRequest q;
        q.dst = e.key;
        q.plen = e.plen;
        const auto r = f.get(q);
        const Prefix want = expected_prefix(e.key, e.plen);
        const Addr& gw = e.key.family == Family::inet4 ? gw4 : gw6;
        if (!r) {
          fails.add("get " + show(want) + ": " + r.error().message());
        } else if (!(r->prefix == want) || !r->gateway.is_addr() || !(r->gateway.addr == gw)) {
          fails.add("get " + show(want) + " gave " + show(std::optional<RouteInfo>(*r)));
        }
      }
    }
    EXPECT_EQ(fails.count, 0u) << "wrong exact gets:" << fails.examples;
  }

  // Checks a lookup result against the oracle's prefix (gateway too for table routes).
  auto agrees = [&](const std::optional<RouteInfo>& got, const std::optional<Prefix>& want) {
    if (!want) return !got.has_value();
    if (!got || !(got->prefix == *want)) return false;
    const bool is_base4 = std::find(base4.begin(), base4.end(), *want) != base4.end();
    const bool is_base6 = std::find(base6.begin(), base6.end(), *want) != base6.end();
    if (is_base4 || is_base6) return true;
    const Addr& gw = want->family() == Family::inet4 ? gw4 : gw6;
    return got->gateway.is_addr() && got->gateway.addr == gw;
  };
  auto show_want = [](const std::optional<Prefix>& w) {
    return w ? show(*w) : std::string("no route");
  };

  // Random addresses inside random table prefixes (v4: lookup(); v6: lookup()).
  auto inside_lookups = [&](std::size_t n4, std::size_t n6, const char* when) {
    Failures fails;
    for (std::size_t i = 0; i < n4; ++i) {
      const Entry& e = v4[rng() % v4.size()];
      const std::uint32_t a = to32(e.key) | (static_cast<std::uint32_t>(rng()) & ~mask32(e.plen));
      const auto want = o4.lpm(a);
      const auto got = f.lookup(0, from32(a));
      if (!agrees(got, want)) {
        fails.add(show(from32(a)) + ": lookup gave " + show(got) + ", oracle " + show_want(want));
      }
    }
    for (std::size_t i = 0; i < n6; ++i) {
      const Entry& e = v6[rng() % v6.size()];
      const U128 m = mask128(e.plen);
      const U128 k = to128(e.key);
      const U128 a{k.hi | (rng() & ~m.hi), k.lo | (rng() & ~m.lo)};
      const auto want = o6.lpm(a);
      const auto got = f.lookup(0, from128(a));
      if (!agrees(got, want)) {
        fails.add(show(from128(a)) + ": lookup gave " + show(got) + ", oracle " + show_want(want));
      }
    }
    EXPECT_EQ(fails.count, 0u) << when << ": wrong longest matches:" << fails.examples;
  };

  // Random IPv4 addresses anywhere: match4_bulk first (chunks may be stale),
  // then match4 key by key, both against the oracle.
  auto anywhere_match4 = [&](std::size_t n, const char* when) {
    std::vector<std::uint32_t> keys(n);
    for (auto& k : keys) k = static_cast<std::uint32_t>(rng());
    std::vector<std::uint32_t> bulk(n, 0xdeadbeefu);
    f.match4_bulk(0, keys, bulk);
    Failures fails;
    for (std::size_t i = 0; i < n; ++i) {
      const auto want = o4.lpm(keys[i]);
      const std::uint32_t slot = f.match4(0, keys[i]);
      const std::optional<RouteInfo> got =
          slot == Fib::no_route ? std::nullopt : std::optional<RouteInfo>(f.route4(0, slot));
      if (!agrees(got, want)) {
        fails.add(show(from32(keys[i])) + ": match4 gave " + show(got) + ", oracle " +
                  show_want(want));
      }
      if (bulk[i] != slot) {
        fails.add(show(from32(keys[i])) + ": match4_bulk slot " + std::to_string(bulk[i]) +
                  ", match4 slot " + std::to_string(slot));
      }
    }
    EXPECT_EQ(fails.count, 0u) << when << ": wrong match4/match4_bulk:" << fails.examples;
  };

  {
    Phase ph("LPM inside prefixes (1M v4, 200k v6)");
    inside_lookups(kInside4, kInside6, "full table");
  }
  {
    Phase ph("match4_bulk + match4 anywhere (1M)");
    anywhere_match4(kAnywhere4, "full table");
  }

  // ---- walk order ----
  {
    Phase ph("walk both tables");
    for (const Family fam : {Family::inet4, Family::inet6}) {
      std::vector<Prefix> want;
      for (const Entry& e : fam == Family::inet4 ? v4 : v6)
        want.push_back(expected_prefix(e.key, e.plen));
      for (const Prefix& p : fam == Family::inet4 ? base4 : base6) want.push_back(p);
      std::sort(want.begin(), want.end(), oracle_radix_less);
      std::vector<Prefix> got;
      got.reserve(want.size());
      f.walk(0, fam, 0, [&](const RouteInfo& r) {
        got.push_back(r.prefix);
        return true;
      });
      ASSERT_EQ(got.size(), want.size())
          << "walk() of the " << (fam == Family::inet4 ? "IPv4" : "IPv6") << " table";
      const auto diff = std::mismatch(got.begin(), got.end(), want.begin());
      if (diff.first != got.end()) {
        const auto at = static_cast<std::size_t>(diff.first - got.begin());
        ADD_FAILURE() << "walk() differs from the radix order at position " << at << ": got "
                      << show(got[at]) << ", expected " << show(want[at])
                      << (at > 0 ? " (after " + show(got[at - 1]) + ")" : std::string());
      }
    }
  }

  // ---- delete everything, shuffled; check halfway and at the end ----
  std::vector<Entry> all;
  all.reserve(v4.size() + v6.size());
  all.insert(all.end(), v4.begin(), v4.end());
  all.insert(all.end(), v6.begin(), v6.end());
  for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[rng() % i]);
  auto delete_range = [&](std::size_t from, std::size_t to) {
    Failures fails;
    for (std::size_t i = from; i < to; ++i) {
      const Entry& e = all[i];
      RouteRequest rq;
      rq.dst = e.key;
      rq.plen = e.plen;
      const auto r = f.remove(rq);
      if (!r) {
        fails.add("delete " + show(expected_prefix(e.key, e.plen)) + ": " + r.error().message());
      } else if (!(r->prefix == expected_prefix(e.key, e.plen))) {
        fails.add("delete " + show(expected_prefix(e.key, e.plen)) + " removed " +
                  show(std::optional<RouteInfo>(*r)));
      }
      if (e.key.family == Family::inet4) {
        o4.erase(to32(e.key), e.plen);
      } else {
        o6.erase(to128(e.key), e.plen);
      }
    }
    o4.rebuild();
    EXPECT_EQ(fails.count, 0u) << "failed deletes:" << fails.examples;
  };
  const std::size_t half = all.size() / 2;
  std::size_t left4 = v4.size();
  std::size_t left6 = v6.size();
  for (std::size_t i = 0; i < half; ++i) (all[i].key.family == Family::inet4 ? left4 : left6)--;
  {
    Phase ph("delete half (shuffled)");
    delete_range(0, half);
  }
  EXPECT_EQ(f.size(0, Family::inet4), left4 + base4.size());
  EXPECT_EQ(f.size(0, Family::inet6), left6 + base6.size());
  {
    Phase ph("LPM after deleting half");
    inside_lookups(200000, 50000, "half deleted");
    anywhere_match4(200000, "half deleted");
  }
  {
    Phase ph("delete the rest");
    delete_range(half, all.size());
  }

  // ---- only the address routes are left ----
  EXPECT_EQ(f.size(0, Family::inet4), base4.size());
  EXPECT_EQ(f.size(0, Family::inet6), base6.size());
  for (const Family fam : {Family::inet4, Family::inet6}) {
    std::vector<Prefix> got;
    f.walk(0, fam, 0, [&](const RouteInfo& r) {
      got.push_back(r.prefix);
      return true;
    });
    EXPECT_EQ(got, fam == Family::inet4 ? base4 : base6) << "walk() after deleting the table";
  }
  {
    Phase ph("lookups after deleting everything");
    inside_lookups(200000, 50000, "table deleted");
    anywhere_match4(200000, "table deleted");
    // Outside em0's subnets everything misses.
    std::size_t hits = 0;
    for (const Entry& e : v4) {
      const std::uint32_t a = to32(e.key);
      if ((a & mask32(24)) == 0xc6336400u) continue;
      if (f.match4(0, a) != Fib::no_route || f.lookup(0, e.key)) ++hits;
    }
    for (const Entry& e : v6) {
      if (f.lookup(0, e.key)) ++hits;
    }
    EXPECT_EQ(hits, 0u) << "table prefixes still matched after deleting everything";
  }
  std::printf("[ total    ] %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count());
}
