// Private: the state behind Fib — interfaces, nexthops, tables per (FIB,
// family) and the pieces the operation files share.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
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

// Whether two gateways name the same next hop (a link by its index).
inline bool same_gateway(const Gateway& a, const Gateway& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Gateway::Kind::addr) return a.addr == b.addr;
  if (a.kind == Gateway::Kind::link) return a.ifindex == b.ifindex;
  return true;
}

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

// ---- FreeBSD 13+ nexthop objects (fib_nhop.cpp) ----
// A nexthop object is a pool entry plus the route flags FreeBSD keeps on
// the nexthop (NHOP_RT_FLAG_MASK) and NHF_DEFAULT; per (FIB, family).
struct NhKey {
  std::uint32_t pool = 0;
  std::uint32_t flags = 0;
  bool dflt = false;
  friend bool operator==(const NhKey&, const NhKey&) = default;
};
struct NhKeyHash {
  std::size_t operator()(const NhKey& k) const noexcept {
    return std::hash<std::uint64_t>{}((std::uint64_t{k.pool} << 32 | k.flags) ^
                                      (k.dflt ? 0x9e3779b97f4a7c15ull : 0));
  }
};
// A prefix of one table (key, code), for the group a multipath prefix holds.
struct PfxKey {
  std::uint64_t hi = 0, lo = 0;
  std::uint8_t code = 0;
  friend bool operator==(const PfxKey&, const PfxKey&) = default;
};
struct PfxKeyHash {
  std::size_t operator()(const PfxKey& k) const noexcept {
    return std::hash<std::uint64_t>{}(k.hi * 0x100000001b3ull ^ k.lo ^ std::uint64_t{k.code} << 56);
  }
};
// nhop_utils.c bitmask_alloc_idx: the lowest free index, 0 never used.
class IndexSpace {
 public:
  std::uint32_t alloc();
  void free(std::uint32_t idx);
  std::size_t memory_bytes() const { return used_.capacity() * 8; }

 private:
  std::vector<std::uint64_t> used_;
  std::size_t hint_ = 0;  // first word that may have a free bit
};
using Members = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (nh index, weight)
struct NhObj {
  NhKey key;
  std::uint32_t refs = 0;  // 0: free
};
struct NhGroup {
  Members members;
  std::uint32_t refs = 0;
};
struct NhCtl {
  std::vector<NhObj> objs;  // by index
  std::unordered_map<NhKey, std::uint32_t, NhKeyHash> by_key;
  IndexSpace ids;
  std::vector<NhGroup> groups;  // by index
  std::map<Members, std::uint32_t> group_by_members;
  IndexSpace gids;
  std::unordered_map<PfxKey, std::uint32_t, PfxKeyHash> group_of;  // multipath prefixes

  std::uint32_t acquire(const NhKey& k);          // find_nhop or a new one (refs 1)
  void release(std::uint32_t idx);                // nhop_free
  std::uint32_t acquire_group(const Members& m);  // members by index; refs its nexthops
  void release_group(std::uint32_t idx);
  std::size_t memory_bytes() const;
};

// primary_ifscope: Darwin's primary interface of the family (xnu keeps one
// per family in route.c; here one per FIB), IFSCOPE_NONE (0) when unset.
struct V4 {
  Table<std::uint32_t> t;
  Dxr4 dxr;
  std::uint16_t primary_ifscope = 0;
};
struct V6 {
  Table<u128> t;
  std::uint16_t primary_ifscope = 0;
};

// IN6_IS_SCOPE_EMBED (link-local unicast, interface- and link-local
// multicast): the zone KAME keeps in bytes 2-3, which xnu's sa_copy turns
// into the route's interface scope; 0 for anything else.
inline std::uint16_t embedded_scope(const Addr& a) {
  if (a.family != Family::inet6) return 0;
  const auto& b = a.bytes;
  const bool embed = (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
                     (b[0] == 0xff && ((b[1] & 0x0f) == 0x1 || (b[1] & 0x0f) == 0x2));
  return embed ? static_cast<std::uint16_t>(b[2] << 8 | b[3]) : std::uint16_t{0};
}

// fe80::/10.
inline bool is_linklocal(const Addr& a) {
  return a.family == Family::inet6 && a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80;
}
// ::1.
inline Addr loopback6() { return Addr::v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}); }

// An IPv6 address of an interface's zone: b with the index in bytes 2-3
// (KAME's embedded scope).
inline Addr zoned(std::array<std::uint8_t, 16> b, std::uint16_t index) {
  b[2] = static_cast<std::uint8_t>(index >> 8);
  b[3] = static_cast<std::uint8_t>(index);
  return Addr::v6(b);
}

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
  std::vector<detail::NhCtl> nhctl;  // FreeBSD 13+ nexthop objects, by table id
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
  // The change record of a route: added (no before), deleted (no after) or
  // changed; ifindex the interface it concerns.
  void emit_route(Cause cause, std::uint32_t fib, std::optional<RouteInfo> before,
                  std::optional<RouteInfo> after, std::uint16_t ifindex) const {
    Change c;
    c.kind = !before ? ChangeKind::route_add
             : !after ? ChangeKind::route_delete
                      : ChangeKind::route_change;
    c.cause = cause;
    c.fib = fib;
    c.old_route = std::move(before);
    c.new_route = std::move(after);
    c.ifindex = ifindex;
    emit(std::move(c));
  }
  // A route changed because its interface did (link state, MTU): a record
  // for listeners of the table, no routing message of its own.
  void emit_interface_change(std::uint32_t fib, RouteInfo before, RouteInfo after,
                             std::uint16_t ifindex) const {
    emit_route(Cause::unreported, fib, std::move(before), std::move(after), ifindex);
  }

  // ---- FreeBSD 13+ nexthop objects (fib_nhop.cpp) ----
  detail::NhCtl& nh_ctl(std::uint32_t table_id);
  // Brings the nexthop objects and group of prefix (key, code) in line with
  // its linked paths, as nhop_get/nhgrp_get_group would have: new objects
  // first, then the old ones released. departed: the object a just-unlinked
  // single path held (0: none).
  template <class K>
  void nh_resync(std::uint32_t fib, K key, std::uint8_t code, std::uint32_t departed);
  // nhops_update_ifmtu: the route's nexthop changed in place (same index).
  template <class K>
  void nh_rekey(std::uint32_t fib, std::uint32_t slot);
  // ---- neighbours (fib_lltable.cpp) ----
  std::uint64_t neighbor_serial = 0;
  // lltable_prefix_free(LLE_STATIC): the entries inside prefix/plen, every
  // interface.
  void free_neighbors(const Addr& prefix, int plen);

  // ---- interfaces (fib_iface.cpp) ----
  Interface* iface(std::uint16_t index);
  const Interface* iface(std::uint16_t index) const;
  const Interface* iface_by_name(std::string_view name) const;
  const Interface* loopback() const;
  // ifa_ifwithaddr / ifa_ifwithdstaddr / ifa_ifwithnet.
  const Interface* with_addr(const Addr& a, const IfAddress** out = nullptr) const;
  // only_fib: FreeBSD's fibnum argument, interfaces of that FIB only.
  const Interface* with_dstaddr(const Addr& a, const IfAddress** out = nullptr,
                                std::optional<std::uint32_t> only_fib = std::nullopt) const;
  const Interface* with_net(const Addr& a, const IfAddress** out = nullptr,
                            std::optional<std::uint32_t> only_fib = std::nullopt) const;
  // ifaof_ifpforaddr: the address of ifp best matching sa (same subnet, else
  // first of the family); nullptr when ifp has none of that family.
  const IfAddress* addr_for(const Interface& ifp, const Addr& sa) const;
  Interface snapshot(const Interface& i, bool with_addrs) const;
  // SIOCSIFMTU's effect on the routes through ifp (fib_ifmtu.cpp).
  void update_route_mtus(const Interface& ifp);
  // ---- IFF_UP and address loss (fib_ifdown.cpp) ----
  // Per (interface, IPv4 address): the prefix routes IFF_UP going down took
  // (IFA_ROUTE cleared), for IFF_UP coming back to re-add.
  std::map<std::pair<std::uint16_t, Addr>, std::vector<RouteInfo>> scrubbed;
  // in_ifadown(ifa, del): the routes of every FIB whose ifa is a of ifp,
  // unreported; with del, static ones too.
  void ifa_down(std::uint16_t index, const Addr& a, bool del);
  // PRC_IFDOWN / PRC_IFUP for the IPv4 addresses of ifp (Semantics::if_down_routes).
  void if_down_scrub(std::uint16_t index);
  void if_up_restore(std::uint16_t index);
  // NetBSD 8+ in_if_link_down/in6_if_link_down: RTM_NEWADDR per address.
  void if_detached_addrs(std::uint16_t index);

  // ---- duplicate address detection (fib_dad.cpp) ----
  struct DadRun {
    std::uint16_t index;
    Addr addr;
    std::int64_t due;
  };
  std::vector<DadRun> dad_runs;
  // in6if_do_dad / if_do_dad and the address's own flags: whether x of
  // ifp goes through DAD at all.
  bool dad_applies(const Interface& ifp, const IfAddress& x) const;
  // The flags a new address starts with: the request's, tentative or
  // (NetBSD, link down) detached. Before the address is announced.
  void dad_mark(const Interface& ifp, IfAddress& x) const;
  // nd6_dad_start / arp_dad_start for a tentative address: a run, or with a
  // count of 0 ready at once.
  void dad_start(std::uint16_t index, const Addr& a);
  // The run succeeded: tentative cleared, the change announced.
  void dad_done(std::uint16_t index, const Addr& a);
  void dad_stop(std::uint16_t index, const Addr* a);  // nullptr: every address
  std::optional<std::int64_t> dad_next() const;
  void dad_expire();
  // in6_if_up / NetBSD in6_if_link_up, in_if_link_up after an interface
  // comes up; NetBSD in6_if_link_down, in_if_link_down when it goes.
  void dad_if_up(std::uint16_t index);
  void dad_if_down(std::uint16_t index);

  // ---- routes (fib_route.cpp) ----
  template <class K>
  detail::Table<K>& table(std::uint32_t fib);
  template <class K>
  const detail::Table<K>& table(std::uint32_t fib) const;
  template <class K>
  RouteInfo info(std::uint32_t fib, const detail::Table<K>& t, std::uint32_t slot) const;
  RouteInfo info_any(std::uint32_t table, std::uint32_t slot) const;

  // Link a prepared route into its table; unlink (delete) one — with the
  // next-hop cache, also its clones, the next hop it holds and its parent
  // (rtrequest_delete).
  template <class K>
  void link(std::uint32_t fib, std::uint32_t slot);
  template <class K>
  void unlink(std::uint32_t fib, std::uint32_t slot, Cause cause);
  void unref_slot(std::uint32_t table, std::uint32_t slot);
  void ref_slot(std::uint32_t table, std::uint32_t slot);

  // Installs a kernel-made route (interface/local routes); no user checks.
  // ifscope: Darwin's interface scope of the new route (0: a link-local
  // prefix's zone, else unscoped).
  Result<RouteInfo> install(std::uint32_t fib, const Prefix& p, const Gateway& gw,
                            std::uint64_t flags, std::uint16_t ifindex,
                            const std::optional<Addr>& ifa, Cause cause, std::uint16_t ifscope = 0);
  // Deletes routes matching pred in every table (interface detach etc.).
  std::size_t remove_if(std::uint32_t fib, std::optional<Family> fam, Cause cause,
                        const std::function<bool(const RouteInfo&)>& pred);

  std::uint32_t lpm_slot(std::uint32_t fib, const Addr& a);
  std::uint32_t lpm_slot_const(std::uint32_t fib, const Addr& a) const;

  struct IfChoice {
    std::uint16_t ifindex = 0;
    std::optional<Addr> ifa;
  };

  // ---- Darwin scoped routing (fib_scope.cpp) ----
  // xnu rt_lookup_common: the route for dst (exact: the prefix of that key
  // and mask instead of the longest match) as seen from interface scope
  // ifscope (0: none, the primary interface's), coarse = rt_lookup_coarse.
  // kNone when nothing matches.
  template <class K>
  std::uint32_t scoped_lookup(std::uint32_t fib, const Addr& dst,
                              const std::optional<Prefix>& exact, std::uint16_t ifscope,
                              bool coarse) const;
  // get_primary_ifscope/set_primary_ifscope: remembered, not recomputed.
  template <class K>
  std::uint16_t& primary_ifscope(std::uint32_t fib) {
    if constexpr (detail::KeyOps<K>::family == Family::inet4)
      return v4[fib].primary_ifscope;
    else
      return v6[fib].primary_ifscope;
  }
  template <class K>
  std::uint16_t primary_ifscope(std::uint32_t fib) const {
    if constexpr (detail::KeyOps<K>::family == Family::inet4)
      return v4[fib].primary_ifscope;
    else
      return v6[fib].primary_ifscope;
  }
  // rt_primary_default: the key is all zeros (SA_DEFAULT looks at the
  // address only, not the mask) and the route is not RTF_IFSCOPE.
  template <class K>
  bool primary_default(const detail::Table<K>& t, std::uint32_t slot) const {
    return sem().scoped_routing && t.routes[slot].key == K{} &&
           (t.routes[slot].flags & rtf::ifscope) == 0;
  }
  // rt_setif(rt, IFP, IFA, GATEWAY, ifscope) of a scoped route: RTA_IFP/
  // RTA_IFA may move it to another interface or address (the scope in the
  // key stays). nullopt: neither decides, the gateway does.
  std::optional<IfChoice> scoped_setif(const RouteRequest& r, IfChoice current) const;
  // rt_setgate: a scoped gateway route's gateway route (looked up in the
  // scope) on another interface is EHOSTUNREACH (host) or ENETUNREACH.
  int scoped_gwroute_check(std::uint32_t fib, const Gateway& gw, std::uint64_t flags,
                           std::uint16_t scope) const;
  // Either family; a table without scoped routes gives the plain match.
  std::uint32_t scoped_slot(std::uint32_t fib, const Addr& dst, std::uint16_t ifscope) const;
  // ifa_ifwithroute_scoped_locked: the interface address of a route scoped
  // to r.ifscope; ENETUNREACH unless it is on that interface.
  Result<IfChoice> scoped_ifa(const RouteRequest& r, std::uint64_t flags) const;

  // ---- OpenBSD's rtable model (fib_nexthop.cpp, fib_rtable.cpp, fib_ifa.cpp) ----
  std::vector<std::uint32_t> rdomain;  // per FIB: the routing domain it belongs to

  // A route for rtrequest(RTM_ADD/RTM_RESOLVE) to insert.
  struct RtAdd {
    Prefix prefix;
    Gateway gw;
    std::uint64_t flags = 0;
    std::uint8_t prio = 0;  // 0: the interface's static priority
    std::uint16_t ifindex = 0;
    std::optional<Addr> ifa;
    std::uint32_t mtu = 0;
    std::uint32_t parent = detail::kNone;  // RTM_RESOLVE: the cloning route
    bool newaddr = false;                  // a local route: RTM_NEWADDR of its address first
  };
  // rt_match: longest match; RT_RESOLVE clones a host route from an
  // RTF_CLONING route; counts the lookup (rt_use). kNone when nothing matches.
  template <class K>
  std::uint32_t rt_match(std::uint32_t fib, const Addr& dst, bool resolve);
  // rtrequest(RTM_ADD): the new route's slot, or the errno.
  template <class K>
  Result<std::uint32_t> rtrequest_add(std::uint32_t fib, const RtAdd& a, Cause cause);
  // rtflushclone: deletes the clones of a cloning route (a cached clone of
  // another parent of the same prefix stays).
  template <class K>
  void flush_clones(std::uint32_t fib, std::uint32_t slot);
  // rt_clone: a host route for dst under the cloning route `parent`.
  template <class K>
  Result<std::uint32_t> clone(std::uint32_t fib, std::uint32_t parent, const Addr& dst);
  // rt_setgwroute / rt_putgwroute.
  template <class K>
  int set_gwroute(std::uint32_t fib, std::uint32_t slot, const Addr& gate);
  template <class K>
  void put_gwroute(std::uint32_t fib, std::uint32_t slot, std::uint32_t nh);
  // rtable_mpath_reprio: moves a path to its place for a new priority.
  template <class K>
  void reprio(std::uint32_t fib, std::uint32_t slot, std::uint8_t prio);
  // Replaces a route's nexthop (a copy with changes) keeping the pool counts.
  template <class K>
  void set_nexthop(std::uint32_t fib, std::uint32_t slot, const detail::Nexthop& n);
  // rt_if_linkstate_change for one route; false when the route was deleted.
  template <class K>
  bool linkstate_change(std::uint32_t fib, std::uint32_t slot, const Interface& ifp);
  // rt_if_track: every route through ifp in the tables of its domain.
  void track_link(const Interface& ifp);
  std::vector<std::uint32_t> fibs_of_domain(std::uint32_t rdomain) const;
  bool if_usable(const Interface& ifp) const;
  // rtm_getifa / ifa_ifwithroute (OpenBSD): the interface and address of a
  // request; counts and may clone on the way. ENETUNREACH when none.
  Result<IfChoice> rtm_getifa(const RouteRequest& r, std::uint64_t flags);
  // OpenBSD's address routes (fib_ifa.cpp): in_ifinit/in6_update_ifa and
  // in_purgeaddr/in6_purgeaddr.
  Result<void> ifa_add(std::uint16_t index, const IfAddress& a);
  Result<void> inet6_attach(std::uint16_t index);
  Result<void> ifa_delete(std::uint16_t index, const Addr& a);

  // ---- multicast memberships (fib_multi.cpp) ----
  // The groups an address brought (ia6_memberships; 224.0.0.1 with the
  // interface's first IPv4 address), to leave when it goes.
  std::map<std::pair<std::uint16_t, Addr>, std::vector<Addr>> addr_groups;
  std::map<std::uint16_t, bool> allhosts;  // ii_allhosts held
  Result<void> add_multi(std::uint16_t index, const Membership& m);
  // report: RTM_DELMADDR when the last reference goes.
  Result<void> del_multi(std::uint16_t index, const Membership& m, bool report);
  // The automatic joins of a new address (in6_update_ifa_join_mc for inet6;
  // in_aifaddr_ioctl's all-hosts for inet4) and the leaves of a removed one.
  void join_address_groups(std::uint16_t index, const IfAddress& a);
  void leave_address_groups(std::uint16_t index, const IfAddress& a);
  // if_purgemaddrs: what is left at detach, each reported.
  void purge_groups(std::uint16_t index);
  // RTM_NEWMADDR/RTM_DELMADDR's change record for group m of ifp.
  void emit_membership(ChangeKind kind, Cause cause, const Interface& ifp, const Membership& m);

  // rt_getifa_fib: picks the interface and address of a route.
  Result<IfChoice> choose_ifa(const RouteRequest& r, std::uint64_t flags, const Addr& dst,
                              const Gateway& gw) const;
  // ifa_ifwithroute.
  std::optional<IfChoice> ifa_with_route(std::uint64_t flags, const Addr& dst, const Gateway& gw,
                                         std::uint32_t fib) const;
};

// The FIBs an address's routes go to (net.add_addr_allfibs), and the
// RTM_NEWADDR/RTM_DELADDR record of address x on ifp (fib_address.cpp).
std::vector<std::uint32_t> fibs_of(const Fib::Impl& im, const Interface& ifp);
void emit_address(const Fib::Impl& im, ChangeKind kind, const Interface& ifp, const IfAddress& x,
                  Cause cause = Cause::address);
// The KAME nd6 address sequence of xnu and DragonFly (fib_nd6.cpp).
void nd6_add_address(Fib::Impl& im, std::uint16_t index, const IfAddress& x);
void nd6_delete_address(Fib::Impl& im, std::uint16_t index, const IfAddress& x);
// in6_update_ifa's multicast routes (Semantics::mcast6_routes).
void mcast6_routes(Fib::Impl& im, std::uint16_t index, const IfAddress& x);
// A deleted route's flags as its last report shows them: RTF_UP cleared;
// the KAME nd6_rtrequest/arp_rtrequest drop RTF_LLINFO with the llinfo,
// and xnu's rtrequest marks the entry RTF_CONDEMNED.
inline std::uint64_t deleted_flags(const Semantics& s, std::uint64_t flags) {
  flags &= ~rtf::up;
  if (s.kernel == Kernel::darwin || s.kernel == Kernel::dragonfly) flags &= ~rtf::llinfo;
  if (s.kernel == Kernel::darwin) flags |= rtf::condemned;
  return flags;
}

// OpenBSD's rtm_output for the requests of a table in the rtable model
// (fib_rtable.cpp).
enum class RequestOp : std::uint8_t { add, remove, change };
Result<RouteInfo> rtable_request(Fib::Impl& im, RequestOp op, const RouteRequest& r);
Result<RouteInfo> rtable_get_request(const Fib::Impl& im, const RouteRequest& r);

}  // namespace rtsock::fib

namespace rtsock::fib {

// The error result of the operation files.
inline tl::unexpected<Error> err(int e) { return tl::unexpected<Error>(Error::from_errno(e)); }

}  // namespace rtsock::fib
