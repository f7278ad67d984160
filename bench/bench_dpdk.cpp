// rtsock::fib's IPv4 data path next to DPDK's rte_lpm and rte_fib (DIR24_8),
// in one binary and one run, over the real 2015 RouteViews table of Debian's
// python3-pyasn (606,138 IPv4 prefixes) with the same keys and the same
// next-hop ids everywhere: prefix -> gateway asn % 64, next-hop id
// asn % 64 + 1 (0 = no route).
//
// Before timing, the three structures are checked against each other on 1 Mi
// uniformly random keys and 1 Mi keys inside announced prefixes; keys in the
// connected /24s of em0..em3 and in 127/8 are left out (their interface and
// local routes exist only in rtsock). The number of disagreements is printed
// and must be 0.
//
// Measures, each over 16 Mi uniformly random keys ("random") and 16 Mi keys
// inside announced prefixes ("inside"), lookups/s (items_per_second):
//   BM_Rtsock_Match4          Fib::match4, one key per call
//   BM_Rtsock_Match4Bulk      Fib::match4_bulk, 64 keys per call
//   BM_Rtsock_Match4BulkNh    the same plus slot -> next-hop id (what DPDK returns)
//   BM_Lpm_Lookup             rte_lpm_lookup, one key per call (inline)
//   BM_Lpm_LookupBulk         rte_lpm_lookup_bulk, 64 keys per call (inline)
//   BM_Lpm_LookupX4           rte_lpm_lookupx4 (SSE, what l3fwd uses)
//   BM_RteFib_BulkScalar      rte_fib_lookup_bulk, 64 keys, scalar DIR24_8
//                             (DPDK's default at its default 256-bit SIMD limit)
//   BM_RteFib_BulkAvx512      rte_fib_lookup_bulk, 64 keys, AVX-512 DIR24_8
// Adds/s and deletes/s of the whole table in the same shuffled order:
//   BM_Add_{Rtsock,Rtsock_Sync,Lpm,RteFib}, BM_Delete_{Rtsock,Lpm,RteFib}
// Memory (BM_Memory counters): rtsock memory_bytes() of an IPv4-only Fib vs
// the rte_malloc heap bytes rte_lpm / rte_fib allocated (create + adds).
//
// EAL: --no-huge --no-pci -m 2048 --log-level=lib.eal:error --no-shconf
// --force-max-simd-bitwidth=512 (the last lets rte_fib's AVX-512 lookup be
// selected; every benchmark selects its lookup function explicitly).
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target bench_dpdk
// ./build-release/bin/bench_dpdk --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fib.h>
#include <rte_lcore.h>
#include <rte_lpm.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "../tests/support/pyasn.hpp"
#include "rtsock/fib/fib.hpp"

namespace {

using namespace rtsock;
using fib::Addr;

constexpr int kInterfaces = 4;
constexpr int kGateways = 64;
constexpr std::uint64_t kSeed = 0x5eedf1b0;  // same as bench_fib: same order, same keys
constexpr std::size_t kKeys = std::size_t{1} << 24;
constexpr std::size_t kCheckKeys = std::size_t{1} << 20;
constexpr std::size_t kChunk = 1024;
constexpr std::size_t kBatch = 64;
constexpr int kTableIterations = 2;
constexpr std::uint32_t kMaxRules = 700000;
constexpr std::uint32_t kTbl8 = 1u << 16;

// em0 192.0.2.10/24, em1 198.51.100.10/24, em2 203.0.113.10/24, em3 198.19.0.10/24.
constexpr std::array<std::uint32_t, kInterfaces> kNet4 = {0xc0000200u, 0xc6336400u, 0xcb007100u,
                                                          0xc6130000u};

std::uint32_t gw4(int i) {
  return kNet4[static_cast<std::size_t>(i / 16)] | static_cast<std::uint32_t>(0x80 + i % 16);
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_dpdk: %s\n", what.c_str());
  std::exit(2);
}

template <class T>
void must(const Result<T>& r, const std::string& what) {
  if (!r) die(what + ": " + r.error().message());
}

std::unique_ptr<fib::Fib> make_fib() {
  auto f = std::make_unique<fib::Fib>(fib::Config{});
  if (f->interface("lo0") == nullptr) {
    fib::IfSpec lo;
    lo.name = "lo0";
    lo.type = fib::ift::loop;
    lo.flags = fib::iff::up | fib::iff::loopback | fib::iff::running | fib::iff::multicast;
    lo.mtu = 16384;
    const auto idx = f->attach(lo);
    must(idx, "attach lo0");
    must(f->add_address(*idx, {Addr::v4(0x7f000001u), 8, std::nullopt, std::nullopt}),
         "lo0 127.0.0.1/8");
  }
  for (int k = 0; k < kInterfaces; ++k) {
    const std::uint32_t net = kNet4[static_cast<std::size_t>(k)];
    fib::IfSpec s;
    s.name = "em" + std::to_string(k);
    s.type = fib::ift::ether;
    s.flags = fib::iff::up | fib::iff::broadcast | fib::iff::running;
    s.mtu = 1500;
    s.lladdr = {0x00, 0x00, 0x5e, 0x00, 0x53, static_cast<std::uint8_t>(k)};
    const auto idx = f->attach(s);
    must(idx, "attach " + s.name);
    must(f->set_link(*idx, fib::LinkState::up), "link up " + s.name);
    must(f->add_address(*idx, {Addr::v4(net | 10u), 24, Addr::v4(net | 255u), std::nullopt}),
         s.name + " inet");
  }
  return f;
}

struct Route {
  std::uint32_t net = 0;  // host order
  std::uint8_t plen = 0;
  std::uint8_t gw = 0;  // asn % 64; next-hop id gw + 1
  std::uint32_t nh() const { return gw + 1u; }
};

struct Adder {
  std::array<Addr, kGateways> gw;
  fib::RouteRequest req;
  Adder() {
    for (int i = 0; i < kGateways; ++i) gw[static_cast<std::size_t>(i)] = Addr::v4(gw4(i));
    req.flags = fib::rtf::gateway | fib::rtf::static_;
    req.gateway = fib::Gateway::address(gw[0]);
  }
  const fib::RouteRequest& operator()(const Route& r) {
    req.dst = Addr::v4(r.net);
    req.plen = r.plen;
    req.gateway.addr = gw[r.gw];
    return req;
  }
};

// rte_malloc heap bytes in use, all sockets.
std::size_t dpdk_heap_bytes() {
  std::size_t total = 0;
  for (unsigned i = 0; i < rte_socket_count(); ++i) {
    rte_malloc_socket_stats s{};
    if (rte_malloc_get_socket_stats(rte_socket_id_by_idx(i), &s) == 0)
      total += s.heap_allocsz_bytes;
  }
  return total;
}

int g_serial = 0;

rte_lpm* new_lpm() {
  const std::string name = "lpm" + std::to_string(g_serial++);
  rte_lpm_config c{};
  c.max_rules = kMaxRules;
  c.number_tbl8s = kTbl8;
  rte_lpm* l = rte_lpm_create(name.c_str(), SOCKET_ID_ANY, &c);
  if (l == nullptr) die(std::string("rte_lpm_create: ") + rte_strerror(rte_errno));
  return l;
}

rte_fib* new_rtefib() {
  const std::string name = "fib" + std::to_string(g_serial++);
  rte_fib_conf c{};
  c.type = RTE_FIB_DIR24_8;
  c.default_nh = 0;
  c.max_routes = static_cast<int>(kMaxRules);
  c.dir24_8.nh_sz = RTE_FIB_DIR24_8_4B;
  c.dir24_8.num_tbl8 = kTbl8;
  rte_fib* f = rte_fib_create(name.c_str(), SOCKET_ID_ANY, &c);
  if (f == nullptr) die(std::string("rte_fib_create: ") + rte_strerror(rte_errno));
  return f;
}

enum class KeySet { random, inside };

struct Fixture {
  std::vector<Route> routes;  // accepted by rtsock, file order
  std::size_t rejected = 0;
  std::vector<std::uint32_t> add_order, del_order;
  std::vector<std::uint32_t> random, inside;
  std::unique_ptr<fib::Fib> rt;  // lo0, em0..3 and the IPv4 table
  rte_lpm* lpm = nullptr;
  rte_fib* rfib = nullptr;
  bool avx512 = false;
  std::size_t rt_bytes = 0, lpm_bytes = 0, rfib_bytes = 0;
  std::vector<std::uint32_t> slot_nh;  // [slot + 1] -> next-hop id; [0] (no_route) = 0
  bool slot_nh_ok = false;
  std::vector<std::uint32_t>& keys(KeySet k) { return k == KeySet::random ? random : inside; }
};

Fixture& fx() {
  static Fixture f;
  return f;
}

std::vector<std::uint32_t> shuffled(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint32_t> v(n);
  std::iota(v.begin(), v.end(), 0u);
  std::mt19937_64 rng(seed);
  std::shuffle(v.begin(), v.end(), rng);
  return v;
}

// rtsock's next-hop id of a slot: the gateway's index + 1; 0 for no route;
// 1000 + ifindex for a route without a gateway address (interface, local).
std::uint32_t nh_of_slot(fib::Fib& f, std::uint32_t slot) {
  if (slot == fib::Fib::no_route) return 0;
  const fib::RouteInfo r = f.route4(0, slot);
  if (!r.gateway.is_addr()) return 1000u + r.ifindex;
  const std::uint32_t g = r.gateway.addr.v4();
  for (int i = 0; i < kGateways; ++i)
    if (gw4(i) == g) return static_cast<std::uint32_t>(i) + 1u;
  return 0xdeadu;
}

bool excluded(std::uint32_t key) {
  if ((key >> 24) == 127u) return true;
  for (const std::uint32_t net : kNet4)
    if ((key & 0xffffff00u) == net) return true;
  return false;
}

void build() {
  Fixture& x = fx();
  auto table = test::load_pyasn();
  if (!table) die(std::string("cannot read ") + test::kPyasnTable);
  x.rt = make_fib();
  Adder add;
  int shown = 0;
  for (const auto& p : *table) {
    if (p.prefix.family() != fib::Family::inet4) continue;
    const Route r{p.prefix.addr.v4(), p.prefix.plen, static_cast<std::uint8_t>(p.asn % kGateways)};
    const auto res = x.rt->add(add(r));
    if (res) {
      x.routes.push_back(r);
    } else {
      ++x.rejected;
      if (shown++ < 10)
        std::fprintf(stderr, "bench_dpdk: table route %s/%d rejected by rtsock: %s (left out)\n",
                     p.prefix.addr.str().c_str(), r.plen, res.error().message().c_str());
    }
  }
  x.rt->sync();
  x.rt_bytes = x.rt->memory_bytes();

  std::size_t h0 = dpdk_heap_bytes();
  x.lpm = new_lpm();
  for (const Route& r : x.routes)
    if (rte_lpm_add(x.lpm, r.net, r.plen, r.nh()) != 0) die("rte_lpm_add failed");
  x.lpm_bytes = dpdk_heap_bytes() - h0;
  h0 = dpdk_heap_bytes();
  x.rfib = new_rtefib();
  for (const Route& r : x.routes)
    if (rte_fib_add(x.rfib, r.net, r.plen, r.nh()) != 0) die("rte_fib_add failed");
  x.rfib_bytes = dpdk_heap_bytes() - h0;
  x.avx512 = rte_fib_select_lookup(x.rfib, RTE_FIB_LOOKUP_DIR24_8_VECTOR_AVX512) == 0;
  if (rte_fib_select_lookup(x.rfib, RTE_FIB_LOOKUP_DIR24_8_SCALAR_MACRO) != 0)
    die("rte_fib_select_lookup(scalar) failed");

  x.add_order = shuffled(x.routes.size(), kSeed);
  x.del_order = shuffled(x.routes.size(), kSeed + 1);
  std::mt19937_64 rng(kSeed + 4);
  x.random.resize(kKeys);
  for (auto& k : x.random) k = static_cast<std::uint32_t>(rng());
  x.inside.resize(kKeys);
  std::uniform_int_distribution<std::size_t> pick(0, x.routes.size() - 1);
  for (auto& k : x.inside) {
    const Route& r = x.routes[pick(rng)];
    const std::uint32_t host = r.plen >= 32 ? 0u : (0xffffffffu >> r.plen);
    k = r.net | (static_cast<std::uint32_t>(rng()) & host);
  }

  // slot -> next-hop id for every slot the benchmark keys reach.
  std::vector<std::uint32_t> slots(kBatch);
  std::uint32_t max_slot = 0;
  bool dense = true;
  x.slot_nh.assign(1, 0);
  for (const auto* keys : {&x.random, &x.inside}) {
    for (std::size_t i = 0; i < keys->size() && dense; i += kBatch) {
      x.rt->match4_bulk(0, std::span<const std::uint32_t>(keys->data() + i, kBatch), slots);
      for (const std::uint32_t s : slots) {
        if (s == fib::Fib::no_route) continue;
        if (s >= (1u << 26)) {
          dense = false;
          break;
        }
        max_slot = std::max(max_slot, s);
        if (x.slot_nh.size() < std::size_t{s} + 2)
          x.slot_nh.resize(std::size_t{s} + 2, 0xffffffffu);
        if (x.slot_nh[s + 1u] == 0xffffffffu) x.slot_nh[s + 1u] = nh_of_slot(*x.rt, s);
      }
    }
  }
  x.slot_nh_ok = dense;
  if (!dense) x.slot_nh.clear();
}

// ------------------------------------------------------ agreement check ----

struct Agreement {
  std::size_t checked = 0, skipped = 0, lpm = 0, lpm_bulk = 0, lpm_x4 = 0, fib_scalar = 0,
              fib_avx512 = 0, rtsock_bulk = 0, rtsock_hits = 0;
};

Agreement check(const std::vector<std::uint32_t>& keys) {
  Fixture& x = fx();
  Agreement a;
  std::vector<std::uint32_t> rt_bulk(kBatch), lpm_bulk(kBatch);
  std::vector<std::uint64_t> fs(kBatch), fa(kBatch);
  std::vector<std::uint32_t> cache;  // slot -> id + 1 (0: not yet known)
  for (std::size_t i = 0; i + kBatch <= kCheckKeys; i += kBatch) {
    std::uint32_t* k = const_cast<std::uint32_t*>(keys.data() + i);
    x.rt->match4_bulk(0, std::span<const std::uint32_t>(k, kBatch), rt_bulk);
    rte_lpm_lookup_bulk(x.lpm, k, lpm_bulk.data(), kBatch);
    rte_fib_select_lookup(x.rfib, RTE_FIB_LOOKUP_DIR24_8_SCALAR_MACRO);
    rte_fib_lookup_bulk(x.rfib, k, fs.data(), static_cast<int>(kBatch));
    if (x.avx512) {
      rte_fib_select_lookup(x.rfib, RTE_FIB_LOOKUP_DIR24_8_VECTOR_AVX512);
      rte_fib_lookup_bulk(x.rfib, k, fa.data(), static_cast<int>(kBatch));
    }
    std::array<std::uint32_t, 4> x4{};
    for (std::size_t j = 0; j < kBatch; ++j) {
      if (j % 4 == 0)
        rte_lpm_lookupx4(x.lpm, _mm_loadu_si128(reinterpret_cast<const __m128i*>(k + j)), x4.data(),
                         0);
      if (excluded(k[j])) {
        ++a.skipped;
        continue;
      }
      ++a.checked;
      const std::uint32_t slot = x.rt->match4(0, k[j]);
      a.rtsock_bulk += slot != rt_bulk[j] ? 1u : 0u;
      std::uint32_t want = 0;
      if (slot != fib::Fib::no_route) {
        ++a.rtsock_hits;
        if (slot < (1u << 26)) {
          if (cache.size() <= slot) cache.resize(std::size_t{slot} + 1, 0);
          if (cache[slot] == 0) cache[slot] = nh_of_slot(*x.rt, slot) + 1u;
          want = cache[slot] - 1u;
        } else {
          want = nh_of_slot(*x.rt, slot);
        }
      }
      std::uint32_t l = 0;
      if (rte_lpm_lookup(x.lpm, k[j], &l) != 0) l = 0;
      a.lpm += l != want ? 1u : 0u;
      const std::uint32_t lb =
          (lpm_bulk[j] & RTE_LPM_LOOKUP_SUCCESS) != 0 ? (lpm_bulk[j] & 0x00ffffffu) : 0u;
      a.lpm_bulk += lb != want ? 1u : 0u;
      a.lpm_x4 += x4[j % 4] != want ? 1u : 0u;
      a.fib_scalar += fs[j] != want ? 1u : 0u;
      if (x.avx512) a.fib_avx512 += fa[j] != want ? 1u : 0u;
    }
  }
  return a;
}

std::size_t report_check(const char* what, const Agreement& a, bool avx512) {
  std::printf(
      "agreement on %zu %s keys (%zu in connected /24s or 127/8 skipped; rtsock matched %zu): "
      "disagreements rte_lpm_lookup %zu, rte_lpm_lookup_bulk %zu, rte_lpm_lookupx4 %zu, "
      "rte_fib scalar %zu, rte_fib avx512 %s%zu; rtsock match4 vs match4_bulk %zu\n",
      a.checked, what, a.skipped, a.rtsock_hits, a.lpm, a.lpm_bulk, a.lpm_x4, a.fib_scalar,
      avx512 ? "" : "(unavailable) ", a.fib_avx512, a.rtsock_bulk);
  return a.lpm + a.lpm_bulk + a.lpm_x4 + a.fib_scalar + a.fib_avx512 + a.rtsock_bulk;
}

// ------------------------------------------------------------- lookups ----

template <class Fn>
void over_keys(benchmark::State& state, KeySet ks, Fn fn) {
  std::vector<std::uint32_t>& keys = fx().keys(ks);
  std::uint64_t sum = 0;
  std::size_t pos = 0;
  for (auto _ : state) {
    sum += fn(keys.data() + pos);
    pos += kChunk;
    if (pos + kChunk > keys.size()) pos = 0;
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(static_cast<std::int64_t>(kChunk) * state.iterations());
}

void BM_Rtsock_Match4(benchmark::State& state, KeySet ks) {
  fib::Fib& f = *fx().rt;
  f.sync();
  over_keys(state, ks, [&f](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; ++i) s += f.match4(0, k[i]);
    return s;
  });
}

void BM_Rtsock_Match4Bulk(benchmark::State& state, KeySet ks) {
  fib::Fib& f = *fx().rt;
  f.sync();
  std::array<std::uint32_t, kBatch> out{};
  over_keys(state, ks, [&f, &out](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; i += kBatch) {
      f.match4_bulk(0, std::span<const std::uint32_t>(k + i, kBatch), out);
      for (const std::uint32_t v : out) s += v;
    }
    return s;
  });
}

void BM_Rtsock_Match4BulkNh(benchmark::State& state, KeySet ks) {
  if (!fx().slot_nh_ok) {
    state.SkipWithError("slots too sparse for a slot -> next-hop array");
    return;
  }
  fib::Fib& f = *fx().rt;
  f.sync();
  const std::uint32_t* nh = fx().slot_nh.data();
  std::array<std::uint32_t, kBatch> out{};
  over_keys(state, ks, [&f, &out, nh](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; i += kBatch) {
      f.match4_bulk(0, std::span<const std::uint32_t>(k + i, kBatch), out);
      for (const std::uint32_t v : out) s += nh[v + 1u];  // no_route + 1 wraps to 0
    }
    return s;
  });
}

void BM_Lpm_Lookup(benchmark::State& state, KeySet ks) {
  const rte_lpm* lpm = fx().lpm;
  over_keys(state, ks, [lpm](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; ++i) {
      std::uint32_t nh = 0;
      if (rte_lpm_lookup(lpm, k[i], &nh) == 0) s += nh;
    }
    return s;
  });
}

void BM_Lpm_LookupBulk(benchmark::State& state, KeySet ks) {
  const rte_lpm* lpm = fx().lpm;
  std::array<std::uint32_t, kBatch> out{};
  over_keys(state, ks, [lpm, &out](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; i += kBatch) {
      rte_lpm_lookup_bulk(lpm, k + i, out.data(), kBatch);
      for (const std::uint32_t v : out)
        s += (v & RTE_LPM_LOOKUP_SUCCESS) != 0 ? (v & 0x00ffffffu) : 0u;
    }
    return s;
  });
}

void BM_Lpm_LookupX4(benchmark::State& state, KeySet ks) {
  const rte_lpm* lpm = fx().lpm;
  std::array<std::uint32_t, kBatch> out{};
  over_keys(state, ks, [lpm, &out](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; i += kBatch) {
      for (std::size_t j = 0; j < kBatch; j += 4)
        rte_lpm_lookupx4(lpm, _mm_loadu_si128(reinterpret_cast<const __m128i*>(k + i + j)),
                         out.data() + j, 0);
      for (const std::uint32_t v : out) s += v;
    }
    return s;
  });
}

void rtefib_bulk(benchmark::State& state, KeySet ks, rte_fib_lookup_type type) {
  rte_fib* f = fx().rfib;
  if (rte_fib_select_lookup(f, type) != 0) {
    state.SkipWithError("lookup type unavailable on this CPU/build");
    return;
  }
  std::array<std::uint64_t, kBatch> out{};
  over_keys(state, ks, [f, &out](const std::uint32_t* k) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < kChunk; i += kBatch) {
      rte_fib_lookup_bulk(f, const_cast<std::uint32_t*>(k + i), out.data(),
                          static_cast<int>(kBatch));
      for (const std::uint64_t v : out) s += v;
    }
    return s;
  });
}

void BM_RteFib_BulkScalar(benchmark::State& state, KeySet ks) {
  rtefib_bulk(state, ks, RTE_FIB_LOOKUP_DIR24_8_SCALAR_MACRO);
}
void BM_RteFib_BulkAvx512(benchmark::State& state, KeySet ks) {
  rtefib_bulk(state, ks, RTE_FIB_LOOKUP_DIR24_8_VECTOR_AVX512);
}

// ------------------------------------------------------- adds, deletes ----

template <bool Sync>
void BM_Add_Rtsock(benchmark::State& state) {
  const Fixture& x = fx();
  std::size_t failed = 0;
  Adder add;
  for (auto _ : state) {
    state.PauseTiming();
    auto f = make_fib();
    state.ResumeTiming();
    for (const std::uint32_t i : x.add_order) failed += f->add(add(x.routes[i])) ? 0u : 1u;
    if constexpr (Sync) f->sync();
    state.PauseTiming();
    f.reset();
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("adds failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(x.routes.size()) * state.iterations());
}

void BM_Delete_Rtsock(benchmark::State& state) {
  const Fixture& x = fx();
  std::size_t failed = 0;
  Adder add;
  for (auto _ : state) {
    state.PauseTiming();
    auto f = make_fib();
    for (const Route& r : x.routes) failed += f->add(add(r)) ? 0u : 1u;
    f->sync();
    state.ResumeTiming();
    for (const std::uint32_t i : x.del_order) failed += f->remove(add(x.routes[i])) ? 0u : 1u;
    state.PauseTiming();
    f.reset();
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("adds or deletes failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(x.routes.size()) * state.iterations());
}

void BM_Add_Lpm(benchmark::State& state) {
  const Fixture& x = fx();
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    rte_lpm* l = new_lpm();
    state.ResumeTiming();
    for (const std::uint32_t i : x.add_order) {
      const Route& r = x.routes[i];
      failed += rte_lpm_add(l, r.net, r.plen, r.nh()) == 0 ? 0u : 1u;
    }
    state.PauseTiming();
    rte_lpm_free(l);
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("rte_lpm_add failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(x.routes.size()) * state.iterations());
}

void BM_Delete_Lpm(benchmark::State& state) {
  const Fixture& x = fx();
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    rte_lpm* l = new_lpm();
    for (const Route& r : x.routes) failed += rte_lpm_add(l, r.net, r.plen, r.nh()) == 0 ? 0u : 1u;
    state.ResumeTiming();
    for (const std::uint32_t i : x.del_order) {
      const Route& r = x.routes[i];
      failed += rte_lpm_delete(l, r.net, r.plen) == 0 ? 0u : 1u;
    }
    state.PauseTiming();
    rte_lpm_free(l);
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("rte_lpm_add/delete failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(x.routes.size()) * state.iterations());
}

void BM_Add_RteFib(benchmark::State& state) {
  const Fixture& x = fx();
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    rte_fib* f = new_rtefib();
    state.ResumeTiming();
    for (const std::uint32_t i : x.add_order) {
      const Route& r = x.routes[i];
      failed += rte_fib_add(f, r.net, r.plen, r.nh()) == 0 ? 0u : 1u;
    }
    state.PauseTiming();
    rte_fib_free(f);
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("rte_fib_add failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(x.routes.size()) * state.iterations());
}

void BM_Delete_RteFib(benchmark::State& state) {
  const Fixture& x = fx();
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    rte_fib* f = new_rtefib();
    for (const Route& r : x.routes) failed += rte_fib_add(f, r.net, r.plen, r.nh()) == 0 ? 0u : 1u;
    state.ResumeTiming();
    for (const std::uint32_t i : x.del_order) {
      const Route& r = x.routes[i];
      failed += rte_fib_delete(f, r.net, r.plen) == 0 ? 0u : 1u;
    }
    state.PauseTiming();
    rte_fib_free(f);
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("rte_fib_add/delete failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(x.routes.size()) * state.iterations());
}

void BM_Memory(benchmark::State& state) {
  const Fixture& x = fx();
  for (auto _ : state) benchmark::DoNotOptimize(x.rt_bytes);
  const double n = static_cast<double>(x.routes.size());
  state.counters["routes"] = n;
  state.counters["rtsock_MB"] = static_cast<double>(x.rt_bytes) / 1e6;
  state.counters["rtsock_B_per_route"] = static_cast<double>(x.rt_bytes) / n;
  state.counters["lpm_MB"] = static_cast<double>(x.lpm_bytes) / 1e6;
  state.counters["lpm_B_per_route"] = static_cast<double>(x.lpm_bytes) / n;
  state.counters["rtefib_MB"] = static_cast<double>(x.rfib_bytes) / 1e6;
  state.counters["rtefib_B_per_route"] = static_cast<double>(x.rfib_bytes) / n;
}

void register_all() {
  using benchmark::RegisterBenchmark;
  RegisterBenchmark("BM_Memory", BM_Memory)->Iterations(1);
  for (const auto& [name, ks] : {std::pair<std::string, KeySet>{"random", KeySet::random},
                                 std::pair<std::string, KeySet>{"inside", KeySet::inside}}) {
    RegisterBenchmark(("BM_Rtsock_Match4/" + name).c_str(), BM_Rtsock_Match4, ks);
    RegisterBenchmark(("BM_Rtsock_Match4Bulk/" + name).c_str(), BM_Rtsock_Match4Bulk, ks);
    RegisterBenchmark(("BM_Rtsock_Match4BulkNh/" + name).c_str(), BM_Rtsock_Match4BulkNh, ks);
    RegisterBenchmark(("BM_Lpm_Lookup/" + name).c_str(), BM_Lpm_Lookup, ks);
    RegisterBenchmark(("BM_Lpm_LookupBulk/" + name).c_str(), BM_Lpm_LookupBulk, ks);
    RegisterBenchmark(("BM_Lpm_LookupX4/" + name).c_str(), BM_Lpm_LookupX4, ks);
    RegisterBenchmark(("BM_RteFib_BulkScalar/" + name).c_str(), BM_RteFib_BulkScalar, ks);
    RegisterBenchmark(("BM_RteFib_BulkAvx512/" + name).c_str(), BM_RteFib_BulkAvx512, ks);
  }
  // rte_lpm's adds are quadratic in the rules of one depth (a linear rule
  // table): one whole-table run takes seconds, so it runs once per repetition.
  struct Entry {
    const char* name;
    void (*fn)(benchmark::State&);
    int iterations;
  };
  const Entry table[] = {{"BM_Add_Rtsock", BM_Add_Rtsock<false>, kTableIterations},
                         {"BM_Add_Rtsock_Sync", BM_Add_Rtsock<true>, kTableIterations},
                         {"BM_Add_Lpm", BM_Add_Lpm, 1},
                         {"BM_Add_RteFib", BM_Add_RteFib, kTableIterations},
                         {"BM_Delete_Rtsock", BM_Delete_Rtsock, kTableIterations},
                         {"BM_Delete_Lpm", BM_Delete_Lpm, 1},
                         {"BM_Delete_RteFib", BM_Delete_RteFib, kTableIterations}};
  for (const Entry& e : table)
    RegisterBenchmark(e.name, e.fn)->Unit(benchmark::kMillisecond)->Iterations(e.iterations);
}

}  // namespace

int main(int argc, char** argv) {
  if (std::FILE* t = std::fopen(test::kPyasnTable, "rb")) {
    std::fclose(t);
  } else {
    std::fprintf(stderr,
                 "bench_dpdk: the RouteViews table %s is missing.\n"
                 "Install Debian's python3-pyasn (apt-get install python3-pyasn).\n",
                 test::kPyasnTable);
    return 1;
  }
  std::array<std::string, 8> eal_args = {"bench_dpdk",  "--no-huge",
                                         "--no-pci",    "-m",
                                         "2048",        "--log-level=lib.eal:error",
                                         "--no-shconf", "--force-max-simd-bitwidth=512"};
  std::array<char*, eal_args.size() + 1> eal_argv{};
  for (std::size_t i = 0; i < eal_args.size(); ++i) eal_argv[i] = eal_args[i].data();
  if (rte_eal_init(static_cast<int>(eal_args.size()), eal_argv.data()) < 0) {
    std::fprintf(stderr, "bench_dpdk: rte_eal_init failed: %s\n", rte_strerror(rte_errno));
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  build();
  Fixture& x = fx();
  std::printf(
      "bench_dpdk: %zu IPv4 routes (%zu rejected by rtsock, left out everywhere); "
      "rte_fib AVX-512 lookup %s\n"
      "memory: rtsock %zu B (%.1f B/route), rte_lpm %zu B (%.1f B/route), "
      "rte_fib %zu B (%.1f B/route)\n",
      x.routes.size(), x.rejected, x.avx512 ? "available" : "unavailable", x.rt_bytes,
      static_cast<double>(x.rt_bytes) / static_cast<double>(x.routes.size()), x.lpm_bytes,
      static_cast<double>(x.lpm_bytes) / static_cast<double>(x.routes.size()), x.rfib_bytes,
      static_cast<double>(x.rfib_bytes) / static_cast<double>(x.routes.size()));
  std::size_t bad = report_check("uniformly random", check(x.random), x.avx512);
  bad += report_check("inside-prefix", check(x.inside), x.avx512);
  std::fflush(stdout);
  if (bad != 0) {
    std::fprintf(stderr, "bench_dpdk: %zu disagreements; not timing\n", bad);
    return 3;
  }

  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  rte_lpm_free(x.lpm);
  rte_fib_free(x.rfib);
  x.rt.reset();
  rte_eal_cleanup();
  return 0;
}
