// The forwarding database (rtsock::fib) over the real 2015 RouteViews table
// of Debian's python3-pyasn (606,138 IPv4 + 27,693 IPv6 prefixes), with
// FreeBSD 14 semantics and a router-like set-up: lo0 plus em0..em3, each
// with an IPv4 /24 and an IPv6 /64, and 64 gateways (16 per interface). Every
// prefix is a static gateway route via gateway[asn % 64].
//
// Measures:
//   BM_Add4/6, BM_Add4_Sync/6_Sync  adds/s of the whole table in a fixed
//                                   shuffled order (fresh Fib each iteration;
//                                   _Sync also times the lookup rebuild)
//   BM_Delete4/6                    deletes/s of the whole table, shuffled
//   BM_Lookup4_*                    match4 / match4_bulk (64 keys) / lookup()
//                                   on 16 Mi uniformly random keys ("Random")
//                                   and on addresses inside announced
//                                   prefixes ("Inside")
//   BM_Forward4_*                   forward(): full semantics, pksent counted
//   BM_Lookup6_Inside               lookup() of IPv6 addresses inside prefixes
//   BM_Memory4                      bytes per IPv4 route: memory_bytes() of an
//                                   IPv4-only Fib / routes, and the RSS delta
//                                   of loading it (/proc/self/statm); goal
//                                   <= 150 bytes per route
//
// Exits non-zero, with a message, when the pyasn table is not installed.
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target bench_fib
//   ./build-release/bin/bench_fib --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

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
constexpr int kGateways = 64;  // 16 per interface
constexpr std::uint64_t kSeed = 0x5eedf1b0;
constexpr std::size_t kKeys = std::size_t{1} << 24;  // 16 Mi lookup keys (64 MiB) per set
constexpr std::size_t kKeys6 = std::size_t{1} << 20;
constexpr std::size_t kChunk = 1024;  // lookups per benchmark iteration
constexpr std::size_t kBatch = 64;    // match4_bulk batch
constexpr int kTableIterations = 2;   // whole-table add/delete runs per repetition

// em0 192.0.2.10/24, em1 198.51.100.10/24, em2 203.0.113.10/24, em3
// 198.19.0.10/24 (none of them announced in the table), 2001:db8:k::10/64.
constexpr std::array<std::uint32_t, kInterfaces> kNet4 = {0xc0000200u, 0xc6336400u, 0xcb007100u,
                                                          0xc6130000u};

Addr v6_on(int iface, std::uint8_t host) {
  std::array<std::uint8_t, 16> b{};
  b[0] = 0x20;
  b[1] = 0x01;
  b[2] = 0x0d;
  b[3] = 0xb8;
  b[5] = static_cast<std::uint8_t>(iface);
  b[15] = host;
  return Addr::v6(b);
}

// Gateway i lives on interface i / 16 at host .128 + i % 16 (::80 + i % 16).
std::uint8_t gw_host(int i) { return static_cast<std::uint8_t>(0x80 + i % 16); }

const std::array<Addr, kGateways>& gateways4() {
  static const std::array<Addr, kGateways> g = [] {
    std::array<Addr, kGateways> a;
    for (int i = 0; i < kGateways; ++i)
      a[static_cast<std::size_t>(i)] =
          Addr::v4(kNet4[static_cast<std::size_t>(i / 16)] | gw_host(i));
    return a;
  }();
  return g;
}

const std::array<Addr, kGateways>& gateways6() {
  static const std::array<Addr, kGateways> g = [] {
    std::array<Addr, kGateways> a;
    for (int i = 0; i < kGateways; ++i) a[static_cast<std::size_t>(i)] = v6_on(i / 16, gw_host(i));
    return a;
  }();
  return g;
}

[[noreturn]] void die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "bench_fib: %s: %s\n", what.c_str(), e.message().c_str());
  std::exit(2);
}

template <class T>
void must(const Result<T>& r, const std::string& what) {
  if (!r) die(what, r.error());
}

// A Fib with FreeBSD 14 semantics, lo0 and em0..em3 configured.
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
    std::array<std::uint8_t, 16> one{};
    one[15] = 1;
    must(f->add_address(*idx, {Addr::v6(one), 128, std::nullopt, std::nullopt}), "lo0 ::1");
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
    must(f->add_address(*idx, {v6_on(k, 0x10), 64, std::nullopt, std::nullopt}), s.name + " inet6");
  }
  return f;
}

struct Route {
  Addr dst;
  std::uint8_t plen = 0;
  std::uint8_t gw = 0;  // asn % 64
};

fib::RouteRequest request_template() {
  fib::RouteRequest r;
  r.flags = fib::rtf::gateway | fib::rtf::static_;
  r.gateway = fib::Gateway::address(Addr::v4(0));
  return r;
}

void fill(fib::RouteRequest& req, const Route& r, const std::array<Addr, kGateways>& gw) {
  req.dst = r.dst;
  req.plen = r.plen;
  req.gateway.addr = gw[r.gw];
}

std::vector<std::uint32_t> shuffled(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint32_t> v(n);
  std::iota(v.begin(), v.end(), 0u);
  std::mt19937_64 rng(seed);
  std::shuffle(v.begin(), v.end(), rng);
  return v;
}

struct Fixture {
  bool ok = false;
  std::vector<Route> v4, v6;  // the routes the table accepted, in file order
  std::size_t rejected4 = 0, rejected6 = 0;
  std::vector<std::uint32_t> add4, del4, add6, del6;  // shuffled indices
  std::vector<std::uint32_t> random4, inside4;        // lookup keys, host order
  std::vector<Addr> inside6, random4_addr, inside4_addr;
  std::unique_ptr<fib::Fib> fib;  // lo0, em0..3 and the whole table, synced
  double hit_random = 0;
};

// Loads r into f in file order; returns the routes f accepted.
std::vector<Route> load(fib::Fib& f, const std::vector<Route>& r,
                        const std::array<Addr, kGateways>& gw, std::size_t* rejected) {
  std::vector<Route> ok;
  ok.reserve(r.size());
  fib::RouteRequest req = request_template();
  int shown = 0;
  for (const Route& x : r) {
    fill(req, x, gw);
    const auto res = f.add(req);
    if (res) {
      ok.push_back(x);
      continue;
    }
    ++*rejected;
    if (shown++ < 10)
      std::fprintf(stderr, "bench_fib: table route %s/%d rejected: %s (left out everywhere)\n",
                   x.dst.str().c_str(), x.plen, res.error().message().c_str());
  }
  return ok;
}

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    auto table = test::load_pyasn();
    if (!table) return x;
    std::vector<Route> all4, all6;
    for (const auto& p : *table) {
      Route r{p.prefix.addr, p.prefix.plen, static_cast<std::uint8_t>(p.asn % kGateways)};
      (p.prefix.family() == fib::Family::inet4 ? all4 : all6).push_back(r);
    }
    x.fib = make_fib();
    x.v4 = load(*x.fib, all4, gateways4(), &x.rejected4);
    x.v6 = load(*x.fib, all6, gateways6(), &x.rejected6);
    x.fib->sync();
    x.add4 = shuffled(x.v4.size(), kSeed);
    x.del4 = shuffled(x.v4.size(), kSeed + 1);
    x.add6 = shuffled(x.v6.size(), kSeed + 2);
    x.del6 = shuffled(x.v6.size(), kSeed + 3);

    std::mt19937_64 rng(kSeed + 4);
    x.random4.resize(kKeys);
    for (auto& k : x.random4) k = static_cast<std::uint32_t>(rng());
    x.inside4.resize(kKeys);
    std::uniform_int_distribution<std::size_t> pick4(0, x.v4.size() - 1);
    for (auto& k : x.inside4) {
      const Route& r = x.v4[pick4(rng)];
      const std::uint32_t host = r.plen >= 32 ? 0u : (0xffffffffu >> r.plen);
      k = r.dst.v4() | (static_cast<std::uint32_t>(rng()) & host);
    }
    x.inside6.resize(kKeys6);
    std::uniform_int_distribution<std::size_t> pick6(0, x.v6.size() - 1);
    for (auto& a : x.inside6) {
      const Route& r = x.v6[pick6(rng)];
      a = r.dst;
      for (int bit = r.plen; bit < 128; ++bit)
        if ((rng() & 1u) != 0)
          a.bytes[static_cast<std::size_t>(bit / 8)] |=
              static_cast<std::uint8_t>(0x80u >> (bit % 8));
    }
    // Addr forms for forward()/lookup(), so the timed loops build none.
    x.random4_addr.reserve(kKeys6);
    x.inside4_addr.reserve(kKeys6);
    for (std::size_t i = 0; i < kKeys6; ++i) {
      x.random4_addr.push_back(Addr::v4(x.random4[i]));
      x.inside4_addr.push_back(Addr::v4(x.inside4[i]));
    }
    std::size_t hits = 0;
    for (std::size_t i = 0; i < kKeys6; ++i)
      hits += x.fib->match4(0, x.random4[i]) != fib::Fib::no_route ? 1u : 0u;
    x.hit_random = static_cast<double>(hits) / static_cast<double>(kKeys6);
    x.ok = true;
    return x;
  }();
  return f;
}

// ---------------------------------------------------------------- adds ----

template <bool V6, bool Sync>
void BM_Add(benchmark::State& state) {
  Fixture& fx = fixture();
  const auto& routes = V6 ? fx.v6 : fx.v4;
  const auto& order = V6 ? fx.add6 : fx.add4;
  const auto& gw = V6 ? gateways6() : gateways4();
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto f = make_fib();
    fib::RouteRequest req = request_template();
    state.ResumeTiming();
    for (const std::uint32_t i : order) {
      fill(req, routes[i], gw);
      failed += f->add(req) ? 0u : 1u;
    }
    if constexpr (Sync) f->sync();
    state.PauseTiming();
    f.reset();
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("adds failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(routes.size()) * state.iterations());
  state.counters["routes"] = static_cast<double>(routes.size());
}

void BM_Add4(benchmark::State& s) { BM_Add<false, false>(s); }
void BM_Add4_Sync(benchmark::State& s) { BM_Add<false, true>(s); }
void BM_Add6(benchmark::State& s) { BM_Add<true, false>(s); }
void BM_Add6_Sync(benchmark::State& s) { BM_Add<true, true>(s); }

// ------------------------------------------------------------- deletes ----

template <bool V6>
void BM_Delete(benchmark::State& state) {
  Fixture& fx = fixture();
  const auto& routes = V6 ? fx.v6 : fx.v4;
  const auto& order = V6 ? fx.del6 : fx.del4;
  const auto& gw = V6 ? gateways6() : gateways4();
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto f = make_fib();
    fib::RouteRequest req = request_template();
    for (const Route& r : routes) {
      fill(req, r, gw);
      failed += f->add(req) ? 0u : 1u;
    }
    f->sync();
    state.ResumeTiming();
    for (const std::uint32_t i : order) {
      fill(req, routes[i], gw);
      failed += f->remove(req) ? 0u : 1u;
    }
    state.PauseTiming();
    f.reset();
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("adds or deletes failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(routes.size()) * state.iterations());
  state.counters["routes"] = static_cast<double>(routes.size());
}

void BM_Delete4(benchmark::State& s) { BM_Delete<false>(s); }
void BM_Delete6(benchmark::State& s) { BM_Delete<true>(s); }

// ------------------------------------------------------------- lookups ----

// Runs `chunk(keys, n)` over consecutive kChunk-key slices, cycling.
template <class T, class Fn>
void over_keys(benchmark::State& state, const std::vector<T>& keys, std::size_t chunk, Fn fn) {
  std::uint64_t sum = 0;
  std::size_t pos = 0;
  for (auto _ : state) {
    sum += fn(keys.data() + pos, chunk);
    pos += chunk;
    if (pos + chunk > keys.size()) pos = 0;
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(static_cast<std::int64_t>(chunk) * state.iterations());
}

void single4(benchmark::State& state, const std::vector<std::uint32_t>& keys) {
  fib::Fib& f = *fixture().fib;
  f.sync();
  over_keys(state, keys, kChunk, [&f](const std::uint32_t* k, std::size_t n) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < n; ++i) s += f.match4(0, k[i]);
    return s;
  });
}

void bulk4(benchmark::State& state, const std::vector<std::uint32_t>& keys) {
  fib::Fib& f = *fixture().fib;
  f.sync();
  std::array<std::uint32_t, kBatch> out{};
  over_keys(state, keys, kChunk, [&f, &out](const std::uint32_t* k, std::size_t n) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < n; i += kBatch) {
      f.match4_bulk(0, std::span<const std::uint32_t>(k + i, kBatch), out);
      for (const std::uint32_t v : out) s += v;
    }
    return s;
  });
}

void generic(benchmark::State& state, const std::vector<Addr>& keys) {
  fib::Fib& f = *fixture().fib;
  f.sync();
  over_keys(state, keys, kChunk, [&f](const Addr* k, std::size_t n) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto r = f.lookup(0, k[i]);
      s += r ? r->prefix.plen : 0u;
    }
    return s;
  });
}

void forward(benchmark::State& state, const std::vector<Addr>& keys) {
  fib::Fib& f = *fixture().fib;
  f.sync();
  over_keys(state, keys, kChunk, [&f](const Addr* k, std::size_t n) {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const fib::Forward fw = f.forward(0, k[i]);
      s += fw.ifindex + static_cast<std::uint64_t>(fw.verdict);
    }
    return s;
  });
}

void BM_Lookup4_Random(benchmark::State& s) {
  single4(s, fixture().random4);
  s.counters["hit_pct"] = 100.0 * fixture().hit_random;
}
void BM_Lookup4_Random_Bulk(benchmark::State& s) { bulk4(s, fixture().random4); }
void BM_Lookup4_Inside(benchmark::State& s) { single4(s, fixture().inside4); }
void BM_Lookup4_Inside_Bulk(benchmark::State& s) { bulk4(s, fixture().inside4); }
void BM_Lookup4_Inside_Generic(benchmark::State& s) { generic(s, fixture().inside4_addr); }
void BM_Forward4_Inside(benchmark::State& s) { forward(s, fixture().inside4_addr); }
void BM_Forward4_Random(benchmark::State& s) { forward(s, fixture().random4_addr); }
void BM_Lookup6_Inside(benchmark::State& s) { generic(s, fixture().inside6); }

// -------------------------------------------------------------- memory ----

std::size_t rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  const int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  return static_cast<std::size_t>(resident) * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// An IPv4-only Fib of the whole table: memory_bytes() / routes (after sync,
// so the lookup structure counts) and the RSS it took.
void BM_Memory4(benchmark::State& state) {
  Fixture& fx = fixture();
  double mem = 0, mem_nosync = 0, rss = 0;
  std::size_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ::malloc_trim(0);
    const std::size_t rss0 = rss_bytes();
    state.ResumeTiming();
    auto f = make_fib();
    fib::RouteRequest req = request_template();
    for (const Route& r : fx.v4) {
      fill(req, r, gateways4());
      failed += f->add(req) ? 0u : 1u;
    }
    mem_nosync = static_cast<double>(f->memory_bytes());
    f->sync();
    state.PauseTiming();
    mem = static_cast<double>(f->memory_bytes());
    rss = static_cast<double>(rss_bytes()) - static_cast<double>(rss0);
    f.reset();
    state.ResumeTiming();
  }
  if (failed != 0) state.SkipWithError("adds failed");
  const double n = static_cast<double>(fx.v4.size());
  state.counters["routes"] = n;
  state.counters["bytes_per_route"] = mem / n;
  state.counters["bytes_per_route_nosync"] = mem_nosync / n;
  state.counters["rss_bytes_per_route"] = rss / n;
  state.counters["memory_MB"] = mem / 1e6;
  state.SetLabel(mem / n <= 150.0 ? "goal <=150 B/route: met" : "goal <=150 B/route: MISSED");
}

BENCHMARK(BM_Memory4)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Add4)->Unit(benchmark::kMillisecond)->Iterations(kTableIterations);
BENCHMARK(BM_Add4_Sync)->Unit(benchmark::kMillisecond)->Iterations(kTableIterations);
BENCHMARK(BM_Delete4)->Unit(benchmark::kMillisecond)->Iterations(kTableIterations);
BENCHMARK(BM_Add6)->Unit(benchmark::kMillisecond)->Iterations(4 * kTableIterations);
BENCHMARK(BM_Add6_Sync)->Unit(benchmark::kMillisecond)->Iterations(4 * kTableIterations);
BENCHMARK(BM_Delete6)->Unit(benchmark::kMillisecond)->Iterations(4 * kTableIterations);
BENCHMARK(BM_Lookup4_Random);
BENCHMARK(BM_Lookup4_Random_Bulk);
BENCHMARK(BM_Lookup4_Inside);
BENCHMARK(BM_Lookup4_Inside_Bulk);
BENCHMARK(BM_Lookup4_Inside_Generic);
BENCHMARK(BM_Forward4_Inside);
BENCHMARK(BM_Forward4_Random);
BENCHMARK(BM_Lookup6_Inside);

}  // namespace

int main(int argc, char** argv) {
  if (std::FILE* t = std::fopen(test::kPyasnTable, "rb")) {
    std::fclose(t);
  } else {
    std::fprintf(stderr,
                 "bench_fib: the RouteViews table %s is missing.\n"
                 "Install Debian's python3-pyasn (apt-get install python3-pyasn).\n",
                 test::kPyasnTable);
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const Fixture& fx = fixture();
  if (!fx.ok || fx.v4.empty() || fx.v6.empty()) {
    std::fprintf(stderr, "bench_fib: could not read %s\n", test::kPyasnTable);
    return 1;
  }
  std::fprintf(stderr,
               "bench_fib: %zu IPv4 + %zu IPv6 routes (%zu + %zu rejected); "
               "%.1f%% of random IPv4 keys match a route\n",
               fx.v4.size(), fx.v6.size(), fx.rejected4, fx.rejected6, 100.0 * fx.hit_random);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
