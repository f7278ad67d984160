// Private: the state behind Fib — interfaces, nexthops, tables per (FIB,
// family) and the pieces the operation files share.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "dxr4.hpp"
#include "rtsock/fib/fib.hpp"
#include "table.hpp"

namespace rtsock::fib::detail {

// What routes share (FreeBSD 13's nhop_object): where packets go and the
// path metrics. Interned and reference-counted; immutable once interned, so
// changing one route's metrics gives it a new nexthop.
struct Nexthop {
  Gateway gw;
  std::uint16_t ifindex = 0;
  bool has_ifa = false;
  Addr ifa;
  std::uint32_t mtu = 0, hopcount = 0, recvpipe = 0, sendpipe = 0, ssthresh = 0, rtt = 0,
                rttvar = 0, locks = 0;
  friend bool operator==(const Nexthop&, const Nexthop&) = default;
};

struct NexthopHash {
  std::size_t operator()(const Nexthop& n) const noexcept;
};

class NexthopPool {
 public:
  std::uint32_t intern(const Nexthop& n);
  void ref(std::uint32_t id) { ++refs_[id]; }
  void unref(std::uint32_t id);
  const Nexthop& operator[](std::uint32_t id) const { return items_[id]; }
  std::size_t memory_bytes() const;

 private:
  std::vector<Nexthop> items_;
  std::vector<std::uint32_t> refs_;
  std::vector<std::uint32_t> free_;
  std::unordered_map<Nexthop, std::uint32_t, NexthopHash> index_;
};

struct V4 {
  Table<std::uint32_t> t;
  Dxr4 dxr;
};
struct V6 {
  Table<u128> t;
};

struct Expiry {
  std::int64_t when;
  std::uint32_t table;  // fib * 2 + (inet6 ? 1 : 0)
  std::uint32_t slot;
  std::uint32_t gen;
  bool operator>(const Expiry& o) const { return when > o.when; }
};

}  // namespace rtsock::fib::detail

namespace rtsock::fib {

struct Fib::Impl {
  Config cfg;
  Listener listener;
  Clock clock;
  std::vector<std::optional<Interface>> ifs;  // by index; [0] unused
  std::vector<detail::V4> v4;
  std::vector<detail::V6> v6;
  detail::NexthopPool nh;
  Stats stats;
  std::size_t trash = 0;
  std::priority_queue<detail::Expiry, std::vector<detail::Expiry>, std::greater<>> expiries;

  explicit Impl(Config c);

  const Semantics& sem() const { return cfg.semantics; }
  std::int64_t now() const { return clock ? clock() : 0; }
  void emit(Change&& c) const {
    if (listener) listener(c);
  }
  bool listening() const { return static_cast<bool>(listener); }

  // ---- interfaces (fib_iface.cpp) ----
  Interface* iface(std::uint16_t index);
  const Interface* iface(std::uint16_t index) const;
  const Interface* iface_by_name(std::string_view name) const;
  const Interface* loopback() const;
  // ifa_ifwithaddr / ifa_ifwithdstaddr / ifa_ifwithnet.
  const Interface* with_addr(const Addr& a, const IfAddress** out = nullptr) const;
  const Interface* with_dstaddr(const Addr& a, const IfAddress** out = nullptr) const;
  const Interface* with_net(const Addr& a, const IfAddress** out = nullptr) const;
  // ifaof_ifpforaddr: the address of ifp best matching sa (same subnet, else
  // first of the family); nullptr when ifp has none of that family.
  const IfAddress* addr_for(const Interface& ifp, const Addr& sa) const;
  Interface snapshot(const Interface& i, bool with_addrs) const;

  // ---- routes (fib_route.cpp) ----
  template <class K>
  detail::Table<K>& table(std::uint32_t fib);
  template <class K>
  const detail::Table<K>& table(std::uint32_t fib) const;
  template <class K>
  RouteInfo info(std::uint32_t fib, const detail::Table<K>& t, std::uint32_t slot) const;
  RouteInfo info_any(std::uint32_t table, std::uint32_t slot) const;

  // Link a prepared route into its table; unlink (delete) one.
  template <class K>
  void link(std::uint32_t fib, std::uint32_t slot);
  template <class K>
  void unlink(std::uint32_t fib, std::uint32_t slot, Cause cause);
  void unref_slot(std::uint32_t table, std::uint32_t slot);
  void ref_slot(std::uint32_t table, std::uint32_t slot);

  // Installs a kernel-made route (interface/local routes); no user checks.
  Result<RouteInfo> install(std::uint32_t fib, const Prefix& p, const Gateway& gw,
                            std::uint64_t flags, std::uint16_t ifindex,
                            const std::optional<Addr>& ifa, Cause cause);
  // Deletes routes matching pred in every table (interface detach etc.).
  std::size_t remove_if(std::uint32_t fib, std::optional<Family> fam, Cause cause,
                        const std::function<bool(const RouteInfo&)>& pred);

  std::uint32_t lpm_slot(std::uint32_t fib, const Addr& a);
  std::uint32_t lpm_slot_const(std::uint32_t fib, const Addr& a) const;

  // rt_getifa_fib: picks the interface and address of a route.
  struct IfChoice {
    std::uint16_t ifindex = 0;
    std::optional<Addr> ifa;
  };
  Result<IfChoice> choose_ifa(const RouteRequest& r, std::uint64_t flags, const Addr& dst,
                              const Gateway& gw) const;
  // ifa_ifwithroute.
  std::optional<IfChoice> ifa_with_route(std::uint64_t flags, const Addr& dst, const Gateway& gw,
                                         std::uint32_t fib) const;
};

}  // namespace rtsock::fib
