// Walks of a table in each kernel's dump order, flush and bulk removal.
#include <algorithm>
#include <array>
#include <tuple>

#include "art_order.hpp"
#include "fib_request.hpp"
#include "impl.hpp"

namespace rtsock::fib {

using detail::fib_ok;
using detail::kNone;
using detail::Table;
using detail::u128;

// ---- walks, flush, bulk removal ----

namespace {
// The IPv4 radix order, by an LSD radix sort: a dump of a full table sorts
// a million prefixes, and std::sort of the tuples took a tenth of a second
// of it. The sort key is the address, then the interface scope (xnu keeps it
// in the key after the address), then the prefix length longest first (the
// tuples' second field); prefixes are unique, so it is total.
template <class K>
std::vector<std::uint32_t> radix_ordered(
    const Table<K>& t, const std::vector<std::tuple<K, int, std::uint32_t>>& heads) {
  struct Item {
    std::uint64_t key;
    std::uint32_t slot;
  };
  std::vector<Item> a(heads.size()), b(heads.size());
  for (std::size_t i = 0; i < heads.size(); ++i) {
    const auto& [key, code, slot] = heads[i];
    a[i] = {std::uint64_t{key} << 24 | static_cast<std::uint64_t>(code), slot};
  }
  for (int shift = 0; shift < 56; shift += 8) {
    std::array<std::size_t, 257> at{};
    for (const Item& x : a) ++at[((x.key >> shift) & 0xff) + 1];
    if (std::any_of(at.begin() + 1, at.end(), [&](std::size_t n) { return n == a.size(); }))
      continue;  // every item in one bucket: this byte orders nothing
    for (std::size_t i = 1; i < at.size(); ++i) at[i] += at[i - 1];
    for (const Item& x : a) b[at[(x.key >> shift) & 0xff]++] = x;
    a.swap(b);
  }
  std::vector<std::uint32_t> out;
  out.reserve(t.paths);
  for (const Item& x : a)
    for (std::uint32_t p = x.slot; p != kNone; p = t.routes[p].next) out.push_back(p);
  return out;
}

// Slots of a table in walk order, every path of each prefix.
template <class K>
std::vector<std::uint32_t> ordered(const Table<K>& t, WalkOrder order) {
  std::vector<std::tuple<K, int, std::uint32_t>> heads;
  heads.reserve(t.prefixes());
  for (std::uint32_t s = 0; s < t.routes.size(); ++s) {
    const auto& r = t.routes[s];
    // (scope, longest first) in one field: scope << 8 | (255 - code).
    if (r.state == detail::kLinked && r.head)
      heads.emplace_back(r.key, int{r.scope} << 8 | (255 - int{r.code}), s);
  }
  if constexpr (std::is_same_v<K, std::uint32_t>) {
    if (order != WalkOrder::art) return radix_ordered(t, heads);
  }
  if (order == WalkOrder::art) {
    std::sort(heads.begin(), heads.end(), [](const auto& x, const auto& y) {
      constexpr int bits = detail::KeyOps<K>::bits;
      return detail::art_before<K>(
          std::get<0>(x), Table<K>::plen_of(std::uint8_t(255 - (std::get<1>(x) & 0xff))),
          std::get<0>(y), Table<K>::plen_of(std::uint8_t(255 - (std::get<1>(y) & 0xff))), bits);
    });
  } else {
    std::sort(heads.begin(), heads.end());
  }
  std::vector<std::uint32_t> out;
  out.reserve(t.paths);
  for (const auto& h : heads)
    for (std::uint32_t p = std::get<2>(h); p != kNone; p = t.routes[p].next) out.push_back(p);
  return out;
}
}  // namespace

void Fib::walk(std::uint32_t fib, Family family, std::uint64_t flag_mask,
               const std::function<bool(const RouteInfo&)>& fn) const {
  if (fib >= impl_->cfg.fibs) return;
  const auto go = [&](const auto& t) {
    for (std::uint32_t s : ordered(t, impl_->sem().walk_order)) {
      if (flag_mask != 0 && (t.routes[s].flags & flag_mask) == 0) continue;
      if (!fn(impl_->info(fib, t, s))) return;
    }
  };
  if (family == Family::inet4)
    go(impl_->v4[fib].t);
  else
    go(impl_->v6[fib].t);
}

std::size_t Fib::Impl::remove_if(std::uint32_t fib, std::optional<Family> fam, Cause cause,
                                 const std::function<bool(const RouteInfo&)>& pred) {
  std::size_t n = 0;
  const auto go = [&](auto tag) {
    using K = decltype(tag);
    auto& t = table<K>(fib);
    for (std::uint32_t s : ordered(t, sem().walk_order)) {
      // Removing a route can take others with it (OpenBSD: its clones and
      // cached next hops): those are no longer linked when their turn comes.
      if (t.routes[s].state != detail::kLinked) continue;
      if (!pred(info(fib, t, s))) continue;
      unlink<K>(fib, s, cause);
      ++n;
    }
  };
  if (!fam || *fam == Family::inet4) go(std::uint32_t{});
  if (!fam || *fam == Family::inet6) go(u128{});
  return n;
}

std::size_t Fib::flush(std::uint32_t fib, std::optional<Family> family, bool gateways_only) {
  if (fib >= impl_->cfg.fibs) return 0;
  return impl_->remove_if(fib, family, Cause::flush, [gateways_only](const RouteInfo& r) {
    if ((r.flags & rtf::pinned) != 0) return false;
    return !gateways_only || (r.flags & rtf::gateway) != 0;
  });
}

}  // namespace rtsock::fib
