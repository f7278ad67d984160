// rtsock/fib/fib.hpp — the forwarding database: the kernel side of route(4)
// and rtentry(9) in user space, with no wire formats and no I/O.
//
// A Fib holds interfaces (with their addresses) and one routing table per
// (FIB number, address family). Operations take typed requests and return
// the kernels' errno values (std::generic_category, host numbering; the
// kernel layer translates to an OS's numbers). Every change is reported to
// the listener as a Change record, in the order the kernels report them.
//
// Lookups: IPv4 tables keep a lookup structure built from the authoritative
// table (a range table indexed by the top 16 address bits, rebuilt per
// 64 Ki-address chunk when routes under it change, like FreeBSD's fib_algo
// with DXR). IPv6 lookups probe the prefix lengths present, longest first.
//
// Not thread-safe: like the kernel's RIB lock, the caller serialises access.
// Lookups may rebuild stale lookup chunks; call sync() first if several
// threads are to read concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/change.hpp"
#include "rtsock/fib/flags.hpp"
#include "rtsock/fib/interface.hpp"
#include "rtsock/fib/nexthop.hpp"
#include "rtsock/fib/route.hpp"
#include "rtsock/fib/semantics.hpp"
#include "rtsock/result.hpp"

namespace rtsock::fib {

struct Config {
  Semantics semantics;
  std::uint32_t fibs = 1;         // net.fibs
  bool add_addr_allfibs = false;  // net.add_addr_allfibs: interface routes in every FIB
  // net.inet6.ip6.dad_count: neighbour solicitations DAD sends, one a second
  // (RetransTimer); 0: no DAD, an address is ready at once.
  std::uint32_t dad_count = 1;
  // NetBSD's net.inet.ip.dad_count: ARP probes of its IPv4 DAD (PROBE_NUM).
  std::uint32_t ip_dad_count = 3;
};

// What a packet to dst would meet (ip_output + looutput).
struct Forward {
  enum class Verdict : std::uint8_t {
    deliver,    // send to next_hop through ifindex
    blackhole,  // RTF_BLACKHOLE: dropped silently
    reject,     // RTF_REJECT: error is EHOSTUNREACH (host route) or ENETUNREACH
    miss,       // no route: error is EHOSTUNREACH; the kernel reports RTM_MISS
    link_down,  // FreeBSD: the route found leaves by a link that is down
                // (RT_LINK_IS_UP); error is EHOSTUNREACH, no RTM_MISS
  };
  Verdict verdict = Verdict::miss;
  int error = 0;         // errno for the sender; 0 for deliver and blackhole
  bool resolve = false;  // RTF_XRESOLVE: the kernel also reports RTM_RESOLVE
  std::uint16_t ifindex = 0;
  Addr next_hop;                   // the gateway, or dst on a connected route
  std::optional<RouteInfo> route;  // the route used (after pksent was counted)
};

// ICMP statistics of struct rtstat.
struct Stats {
  std::uint64_t badredirect = 0, dynamic = 0, newgateway = 0, unreach = 0, wildcard = 0;
};

class Fib;

// A counted reference to a route (rtalloc1/RTFREE). A route deleted while
// referenced leaves the table at once with RTF_UP cleared and is freed when
// its last reference goes. The Fib must outlive its references.
class RouteRef {
 public:
  RouteRef() = default;
  RouteRef(const RouteRef& o);
  RouteRef(RouteRef&& o) noexcept;
  RouteRef& operator=(RouteRef o) noexcept;
  ~RouteRef();

  explicit operator bool() const { return fib_ != nullptr; }
  bool up() const;         // false once deleted
  RouteInfo info() const;  // requires *this
  void reset();

 private:
  friend class Fib;
  RouteRef(Fib* f, std::uint32_t table, std::uint32_t slot);
  Fib* fib_ = nullptr;
  std::uint32_t table_ = 0;
  std::uint32_t slot_ = 0;
};

class Fib {
 public:
  using Listener = std::function<void(const Change&)>;
  using Clock = std::function<std::int64_t()>;  // seconds, monotonic

  explicit Fib(Config config = {});
  ~Fib();
  Fib(const Fib&) = delete;
  Fib& operator=(const Fib&) = delete;

  const Config& config() const;
  const Semantics& semantics() const;
  void set_listener(Listener l);
  // The clock expiry runs on; default: always 0 (nothing expires).
  void set_clock(Clock c);
  std::int64_t now() const;

  // ---- interfaces ----
  Result<std::uint16_t> attach(const IfSpec& spec);  // EEXIST name, EINVAL name
  Result<void> detach(std::uint16_t index);          // ENXIO
  Result<void> set_flags(std::uint16_t index, std::uint32_t flags);
  Result<void> set_mtu(std::uint16_t index, std::uint32_t mtu);
  Result<void> set_link(std::uint16_t index, LinkState state);
  Result<void> count(std::uint16_t index, const IfCounters& delta);
  Result<void> set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr);  // EINVAL
  Result<void> set_metric(std::uint16_t index, std::uint32_t metric);
  // Adds an address and installs its interface and local routes.
  Result<void> add_address(std::uint16_t index, const IfAddress& a);
  Result<void> delete_address(std::uint16_t index, const Addr& a);  // EADDRNOTAVAIL
  // Moves an interface to another FIB / routing domain (OpenBSD
  // if_setrdomain): down, its addresses gone, then up again if it was.
  // FreeBSD (SIOCSIFFIB): only the FIB of the routes of later addresses.
  Result<void> set_interface_fib(std::uint16_t index, std::uint32_t fib);  // EINVAL
  // in6_ifattach: the interface's link-local address (and ::1 on its
  // domain's loopback), as the first inet6 address would bring them.
  Result<void> attach_inet6(std::uint16_t index);
  // FreeBSD and NetBSD SIOCSIFINFO_FLAGS: the interface's nd6::* flags.
  // Clearing ifdisabled on an interface that is up, setting auto_linklocal,
  // or keeping it on an up, enabled interface runs in6_ifattach (a
  // link-local address if it has none). EOPNOTSUPP where the personality
  // has no such flags (Semantics::ll_nd6_flags).
  Result<void> set_nd6(std::uint16_t index, std::uint32_t flags);
  // Multicast memberships (if_addmulti / if_delmulti): a protocol group
  // (inet4, or inet6 with its zone in bytes 2-3) or, with link_group, an
  // Ethernet group. Joining again counts a reference; the last leave
  // removes it. EINVAL: not a multicast address; ENOENT: not a member.
  Result<void> join_group(std::uint16_t index, const Addr& group);
  Result<void> leave_group(std::uint16_t index, const Addr& group);
  Result<void> join_link_group(std::uint16_t index, std::span<const std::uint8_t> group);
  Result<void> leave_link_group(std::uint16_t index, std::span<const std::uint8_t> group);
  const Interface* interface(std::uint16_t index) const;
  const Interface* interface(std::string_view name) const;
  std::vector<const Interface*> interfaces() const;  // by index

  // ---- neighbours: ARP/ND entries in per-interface tables (fib_lltable.cpp) ----
  // lla_rt_output's RTM_ADD: replaces an entry for the same address. ENXIO
  // no interface; ENOMEM the address is not on the interface's network
  // (in_lltable_rtcheck / in6_lltable_rtcheck refuse the allocation);
  // EINVAL not an Ethernet-like interface (no link header to build);
  // EPERM an address of the interface itself (its LLE_IFADDR entry).
  Result<NeighborAdd> add_neighbor(std::uint16_t index, const Neighbor& n);
  // lltable_delete_addr: ENXIO, ENOENT none, EPERM an own address.
  Result<Neighbor> delete_neighbor(std::uint16_t index, const Addr& a);

  // ---- routes (RTM_ADD/DELETE/CHANGE/GET/LOCK) ----
  Result<RouteInfo> add(const RouteRequest& r);     // the new route
  Result<RouteInfo> remove(const RouteRequest& r);  // the deleted route
  Result<RouteInfo> change(const RouteRequest& r);  // the changed route
  Result<RouteInfo> get(const RouteRequest& r) const;
  Result<RouteInfo> lock(const RouteRequest& r);

  // ICMP redirect for dst from src telling us to use gateway (rtredirect).
  Result<RouteInfo> redirect(std::uint32_t fib, const Addr& dst, const Addr& gateway,
                             const Addr& src);
  // A packet to dst: longest match, pksent++, REJECT/BLACKHOLE/miss/XRESOLVE.
  Forward forward(std::uint32_t fib, const Addr& dst);
  // Longest match without side effects; nullopt = no route.
  std::optional<RouteInfo> lookup(std::uint32_t fib, const Addr& dst) const;
  // rtalloc1: longest match and a reference on it.
  RouteRef acquire(std::uint32_t fib, const Addr& dst);
  // The route that resolves an RTF_GATEWAY route's gateway (rt_gwroute).
  std::optional<RouteInfo> gateway_route(const RouteInfo& r) const;

  // Deletes every route whose expire time has passed (reported with
  // Cause::expiry) and ends the DAD runs that are due (fib_dad.cpp);
  // returns how many routes. next_expiry(): the earliest pending of both.
  std::size_t expire();
  std::optional<std::int64_t> next_expiry() const;

  // Routes of one table in radix order; only those with (flags & mask) != 0
  // when mask is non-zero. The callback returns false to stop.
  void walk(std::uint32_t fib, Family family, std::uint64_t flag_mask,
            const std::function<bool(const RouteInfo&)>& fn) const;
  // Deletes every route of the table(s) that is not RTF_PINNED (all families
  // when family is nullopt); with gateways_only, only RTF_GATEWAY routes
  // (route(8) flush). Returns how many.
  std::size_t flush(std::uint32_t fib, std::optional<Family> family, bool gateways_only = false);

  // More FIBs (OpenBSD creates routing tables on demand); never fewer.
  void grow(std::uint32_t fibs);
  // OpenBSD: the routing domain a table belongs to (rtable_l2), whose
  // interfaces and next hops its routes use. Default: the table itself.
  std::uint32_t rdomain(std::uint32_t fib) const;
  Result<void> set_rdomain(std::uint32_t fib, std::uint32_t rdomain);  // EINVAL

  // FreeBSD 13+ (Semantics::nexthop_objects): the nexthop objects and the
  // nexthop groups of one table, by index; empty elsewhere.
  std::vector<NexthopInfo> nexthops(std::uint32_t fib, Family family) const;
  std::vector<NexthopGroupInfo> nexthop_groups(std::uint32_t fib, Family family) const;

  std::size_t size(std::uint32_t fib, Family family) const;  // routes (paths)
  std::size_t trash() const;  // deleted routes still referenced (rttrash)
  const Stats& stats() const;
  // Bytes the tables and lookup structures use (heap, capacity included).
  std::size_t memory_bytes() const;
  // Rebuild every stale lookup chunk now.
  void sync();

  // ---- the data path, for forwarding engines and benchmarks ----
  // A slot number of the IPv4 table of `fib` (or no_route): stable while the
  // route exists. match4_bulk fills out[i] for keys[i].
  static constexpr std::uint32_t no_route = 0xffffffffu;
  std::uint32_t match4(std::uint32_t fib, std::uint32_t addr_host_order);
  void match4_bulk(std::uint32_t fib, std::span<const std::uint32_t> keys,
                   std::span<std::uint32_t> out);
  RouteInfo route4(std::uint32_t fib, std::uint32_t slot) const;

  struct Impl;

 private:
  friend class RouteRef;
  // One interface in and out (fib_iface.cpp); attach/detach add the
  // cloners that make or remove two at once (fib_clone.cpp).
  Result<std::uint16_t> attach_one(const IfSpec& spec);
  Result<void> detach_one(std::uint16_t index);
  // in6_if_up/in6_ifattach of FreeBSD, NetBSD and DragonFly
  // (fib_in6ifattach.cpp): a loopback's ::1 and the interface's link-local
  // address.
  void in6_ifattach(std::uint16_t index);
  std::unique_ptr<Impl> impl_;
};

// in_addroute/in6_addroute's marks (Semantics::addroute_marks) on a route
// of prefix p through ifp as it enters a table: the fib applies them to its
// routes, the Linux backend to the kernel's.
std::uint64_t addroute_marks(const Semantics& s, const Prefix& p, std::uint64_t flags,
                             const Interface* ifp, const std::optional<Addr>& ifa);
// arp_ifinit (KAME-era kernels): an IPv4 address on an ARP interface has
// RTF_CLONING in its ifa_flags, and so its prefix route.
bool arp_clones(const Interface& ifp);
// nd6_need_cache: the link layer resolves IPv6 neighbours (an IPv6 prefix
// route there clones, KAME nd6_prefix_onlink).
bool nd6_need_cache(const Semantics& s, const Interface& ifp);

}  // namespace rtsock::fib
