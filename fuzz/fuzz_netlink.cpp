// Fuzz target: the Linux backend's reading of rtnetlink datagrams (message
// parsing) and what it makes of them (the mirror's BSD faces, change
// records, their order), for a personality chosen by the first byte. The
// corpus holds real dumps and notifications captured in a namespace.
// Invariants: every path the mirror keeps is found by walk() in radix
// order, and by prefix(); every change names what it changed.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "message.hpp"
#include "mirror.hpp"

namespace {

using namespace rtsock;

constexpr const char* kKernels[] = {"freebsd", "openbsd", "netbsd", "darwin", "dragonfly", "hpux",
                                    "freebsd12"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto sem = fib::semantics_for(kKernels[data[0] % 7]);
  const std::uint32_t fibs = 1u + (data[0] >> 4);
  static backend::rtnl::Renames names = [] {
    backend::rtnl::Renames r;
    r.to_bsd["v0"] = "em0";
    r.to_linux["em0"] = "v0";
    return r;
  }();
  backend::rtnl::Mirror mirror(*sem, fibs, names, [] { return std::int64_t{1000}; });
  std::size_t malformed = 0;
  auto msgs = backend::rtnl::parse(
      std::span(reinterpret_cast<const std::byte*>(data + 1), size - 1), malformed);
  std::vector<fib::Change> changes;
  backend::rtnl::Effects fx;
  for (const auto& m : msgs) mirror.apply(m, changes, fx);
  for (const auto& c : changes) {
    const bool route = c.kind == fib::ChangeKind::route_add ||
                       c.kind == fib::ChangeKind::route_delete ||
                       c.kind == fib::ChangeKind::route_change;
    if (route && !c.old_route && !c.new_route) __builtin_trap();
    if ((c.kind == fib::ChangeKind::addr_add || c.kind == fib::ChangeKind::addr_delete) &&
        !c.address)
      __builtin_trap();
  }
  const std::size_t n = changes.size();
  backend::rtnl::bsd_order(changes);
  if (changes.size() != n) __builtin_trap();
  std::size_t walked = 0;
  for (std::uint32_t f = 0; f < fibs; ++f)
    for (auto fam : {fib::Family::inet4, fib::Family::inet6}) {
      const fib::RouteInfo* last = nullptr;
      mirror.walk(f, fam, [&](const fib::RouteInfo& r) {
        if (r.fib != f || r.prefix.family() != fam) __builtin_trap();
        if (last != nullptr && fib::radix_less(r.prefix, last->prefix)) __builtin_trap();
        if (mirror.prefix(f, r.prefix).empty()) __builtin_trap();
        last = &r;
        ++walked;
        return true;
      });
    }
  if (walked != mirror.paths().size()) __builtin_trap();
  return 0;
}
