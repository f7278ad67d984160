// Parsing throughput over a NET_RT_DUMP of the real 2015 RouteViews table
// (FreeBSD 14 amd64 layout), with heap allocations counted per message.
//
//   ./build-release/bin/bench_parse
#include <benchmark/benchmark.h>

#include "rib_fixture.hpp"
#include "rtsock/codec/parse.hpp"

#include "../tests/support/alloc_counter.hpp"

namespace {

using namespace rtsock;

struct Fixture {
  std::vector<std::byte> dump;
  std::size_t messages = 0;
  bool ok = false;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture x;
    auto table = bench::load_pyasn();
    if (!table) return x;
    x.dump = bench::build_dump(abi::default_profile(), *table);
    x.messages = table->size();
    x.ok = true;
    return x;
  }();
  return f;
}

template <class Fn>
void run(benchmark::State& state, Fn per_message) {
  const Fixture& f = fixture();
  if (!f.ok) {
    state.SkipWithError("python3-pyasn's table not found (apt-get install python3-pyasn)");
    return;
  }
  const auto& p = abi::default_profile();
  std::uint64_t msgs = 0, allocs = 0;
  for (auto _ : state) {
    const std::uint64_t a0 = test::allocations();
    for (const auto& r : codec::RibView(f.dump, p)) {
      if (!r) state.SkipWithError("parse error");
      per_message(*r);
      ++msgs;
    }
    allocs += test::allocations() - a0;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(f.dump.size()) * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(msgs));
  state.counters["allocs_per_msg"] = msgs ? static_cast<double>(allocs) / static_cast<double>(msgs) : 0;
  state.counters["dump_MB"] = static_cast<double>(f.dump.size()) / 1e6;
}

// Walk and validate: header, version, every sockaddr boundary.
void BM_DumpWalk(benchmark::State& state) {
  run(state, [](const codec::MessageView& v) { benchmark::DoNotOptimize(v.present()); });
}

// What ParseRIB does: walk, read header fields, decode every address.
void BM_DumpDecodeAddrs(benchmark::State& state) {
  run(state, [](const codec::MessageView& v) {
    benchmark::DoNotOptimize(v.get(abi::Field::flags));
    benchmark::DoNotOptimize(v.get(abi::Field::index));
    for (int s = 0; s < abi::kMaxSlots; ++s)
      if (v.has_addr(s)) {
        codec::Sockaddr a = v.addr(s);
        benchmark::DoNotOptimize(a);
      }
  });
}

// The full owning Message: every field and address.
void BM_DumpToMessage(benchmark::State& state) {
  run(state, [](const codec::MessageView& v) {
    codec::Message m = v.to_message();
    benchmark::DoNotOptimize(m);
  });
}

void BM_MarshalRoute(benchmark::State& state) {
  const auto& p = abi::default_profile();
  auto m = codec::Message::make(p, 1);
  m.set_addr(abi::kDst, *codec::Sockaddr::parse_ip("198.51.100.0"));
  m.set_addr(abi::kGateway, *codec::Sockaddr::parse_ip("192.0.2.1"));
  m.set_addr(abi::kNetmask, codec::Sockaddr::mask(codec::SaKind::inet4, 24));
  std::vector<std::byte> out;
  out.reserve(512);
  for (auto _ : state) {
    out.clear();
    benchmark::DoNotOptimize(codec::marshal(p, m, out));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

BENCHMARK(BM_DumpWalk)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DumpDecodeAddrs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DumpToMessage)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MarshalRoute);

}  // namespace

BENCHMARK_MAIN();
