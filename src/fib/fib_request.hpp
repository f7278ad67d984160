// The request plumbing of the route operations: RTM_ADD, RTM_DELETE and
// RTM_GET (fib_route.cpp) and RTM_CHANGE/RTM_LOCK (fib_change.cpp).
#pragma once

#include <cstdint>

#include "impl.hpp"

namespace rtsock::fib::detail {

struct Key {
  Prefix prefix;
  std::uint64_t flags;
};

// Host vs network (B.9) of a request's destination and mask.
Result<Key> normalize(const Semantics& s, const RouteRequest& r);
// rmx_weight as stored: 0 is 1, at most 2^24 - 1.
std::uint32_t clamp_weight(std::uint32_t w);
// The route a DELETE/CHANGE/LOCK/GET names, after per-kernel lookup rules.
template <class K>
Result<std::uint32_t> find_for(const Fib::Impl& im, const RouteRequest& r, ChangeLookup how,
                               bool lpm_without_mask);
// One path of a prefix: by gateway when given, by priority on OpenBSD.
template <class K>
Result<std::uint32_t> pick_path(const Fib::Impl& im, const Table<K>& t, std::uint32_t head,
                                const RouteRequest& r, bool group_needs_gateway);
bool fib_ok(const Fib::Impl& im, std::uint32_t fib);
// The gateway as the table keeps it (FreeBSD 13+ set_nhop_gw_from_info).
Result<Gateway> stored_gateway(const Fib::Impl& im, const Gateway& g, std::uint64_t flags);

}  // namespace rtsock::fib::detail
