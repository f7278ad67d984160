// Route operations: RTM_ADD, RTM_DELETE, RTM_GET with each kernel's errors
// (spec B.4–B.9), and the table plumbing they share with RTM_CHANGE/LOCK
// (fib_change.cpp) and the walks (fib_walk.cpp).
#include <algorithm>
#include <array>
#include <cerrno>
#include <tuple>
#include <type_traits>

#include "fib_request.hpp"
#include "impl.hpp"

namespace rtsock::fib {

using detail::kNone;
using detail::same_gateway;
using detail::Table;
using detail::u128;
using detail::clamp_weight;
using detail::find_for;
using detail::fib_ok;
using detail::normalize;
using detail::pick_path;
using detail::stored_gateway;

namespace detail {

// Host vs network (B.9): FreeBSD 13+/OpenBSD normalise; others let RTF_HOST
// decide and keep an explicit all-ones mask as a network entry.
Result<Key> normalize(const Semantics& s, const RouteRequest& r) {
  const int max = max_plen(r.dst.family);
  if (r.plen && (*r.plen < 0 || *r.plen > max)) return err(EINVAL);
  std::uint64_t flags = r.flags;
  if (s.normalize_host) {
    if (!r.plen || *r.plen == max) {
      flags |= rtf::host;
      return Key{Prefix::host_of(r.dst), flags};
    }
    flags &= ~rtf::host;
    return Key{Prefix::net(r.dst, *r.plen), flags};
  }
  if ((flags & rtf::host) != 0 || !r.plen) return Key{Prefix::host_of(r.dst), flags};
  return Key{Prefix::net(r.dst, *r.plen), flags};
}

std::uint32_t clamp_weight(std::uint32_t w) {
  if (w == 0) return 1;
  return std::min<std::uint32_t>(w, 16777215);
}

}  // namespace detail

// ---- table access and snapshots ----

template <>
Table<std::uint32_t>& Fib::Impl::table<std::uint32_t>(std::uint32_t fib) {
  return v4[fib].t;
}
template <>
Table<u128>& Fib::Impl::table<u128>(std::uint32_t fib) {
  return v6[fib].t;
}
template <>
const Table<std::uint32_t>& Fib::Impl::table<std::uint32_t>(std::uint32_t fib) const {
  return v4[fib].t;
}
template <>
const Table<u128>& Fib::Impl::table<u128>(std::uint32_t fib) const {
  return v6[fib].t;
}

template <class K>
RouteInfo Fib::Impl::info(std::uint32_t fib, const Table<K>& t, std::uint32_t slot) const {
  const auto& r = t.routes[slot];
  const detail::Nexthop& n = nh[r.nh];
  RouteInfo i;
  i.fib = fib;
  i.prefix = t.prefix_of(r);
  i.gateway = n.gw;
  i.flags = r.flags;
  i.ifindex = n.ifindex;
  if (n.has_ifa) i.ifa = n.ifa;
  i.rmx.mtu = n.mtu;
  i.rmx.hopcount = n.hopcount;
  i.rmx.expire = t.expire(slot);
  i.rmx.recvpipe = n.recvpipe;
  i.rmx.sendpipe = n.sendpipe;
  i.rmx.ssthresh = n.ssthresh;
  i.rmx.rtt = n.rtt;
  i.rmx.rttvar = n.rttvar;
  i.rmx.pksent = r.pksent;
  i.rmx.weight = r.weight;
  i.locks = n.locks;
  i.refcnt = r.refcnt;
  i.priority = r.priority & rtp::mask;  // RTP_DOWN is the table's own
  i.nhidx = sem().nexthop_objects ? r.knh : r.nh + 1;
  i.ifscope = r.scope;
  return i;
}

RouteInfo Fib::Impl::info_any(std::uint32_t table_id, std::uint32_t slot) const {
  const std::uint32_t fib = table_id / 2;
  if (table_id & 1) return info(fib, v6[fib].t, slot);
  return info(fib, v4[fib].t, slot);
}

// ---- linking ----

namespace {
template <class K>
void lookup_changed(Fib::Impl&, std::uint32_t, const detail::Route<K>&) {}
template <>
void lookup_changed<std::uint32_t>(Fib::Impl& im, std::uint32_t fib,
                                   const detail::Route<std::uint32_t>& r) {
  if (r.scope == 0) im.v4[fib].dxr.prefix_changed(r.key, r.code);
}
template <class K>
void member_add(Fib::Impl&, std::uint32_t, const detail::Route<K>&, std::uint32_t) {}
template <>
void member_add<std::uint32_t>(Fib::Impl& im, std::uint32_t fib,
                               const detail::Route<std::uint32_t>& r, std::uint32_t slot) {
  if (r.code > 16 && r.scope == 0) im.v4[fib].dxr.member_add(im.v4[fib].t, slot);
}
template <class K>
void member_remove(Fib::Impl&, std::uint32_t, const detail::Route<K>&, std::uint32_t) {}
template <>
void member_remove<std::uint32_t>(Fib::Impl& im, std::uint32_t fib,
                                  const detail::Route<std::uint32_t>& r, std::uint32_t slot) {
  if (r.code > 16 && r.scope == 0) im.v4[fib].dxr.member_remove(im.v4[fib].t, slot);
}
template <class K>
void member_replace(Fib::Impl&, std::uint32_t, const detail::Route<K>&, std::uint32_t,
                    std::uint32_t) {}
template <>
void member_replace<std::uint32_t>(Fib::Impl& im, std::uint32_t fib,
                                   const detail::Route<std::uint32_t>& r, std::uint32_t from,
                                   std::uint32_t to) {
  if (r.code > 16 && r.scope == 0) im.v4[fib].dxr.member_replace(im.v4[fib].t, from, to);
}
}  // namespace

namespace {
// Puts a slot into its prefix's chain: paths in priority order (OpenBSD:
// lower first, a down route's RTP_DOWN bit behind the live ones), insertion
// order within one priority (rtable_mpath_insert).
template <class K>
void chain_insert(Fib::Impl& im, std::uint32_t fib, std::uint32_t slot) {
  auto& t = im.table<K>(fib);
  auto& r = t.routes[slot];
  const std::uint32_t head = t.find(r.key, r.code, r.scope);
  if (head == kNone) {
    r.head = 1;
    r.next = kNone;
    t.index_insert(slot);
    member_add<K>(im, fib, r, slot);
    lookup_changed<K>(im, fib, r);
    return;
  }
  if (r.priority < t.routes[head].priority) {
    r.next = head;
    r.head = 1;
    t.routes[head].head = 0;
    t.index_replace(head, slot);
    member_replace<K>(im, fib, r, head, slot);
    lookup_changed<K>(im, fib, r);
    return;
  }
  std::uint32_t p = head;
  while (t.routes[p].next != kNone && t.routes[t.routes[p].next].priority <= r.priority)
    p = t.routes[p].next;
  r.head = 0;
  r.next = t.routes[p].next;
  t.routes[p].next = slot;
}

// Takes a slot out of its prefix's chain; the prefix leaves the index with
// its last path.
template <class K>
void chain_remove(Fib::Impl& im, std::uint32_t fib, std::uint32_t slot) {
  auto& t = im.table<K>(fib);
  auto& r = t.routes[slot];
  const std::uint32_t head = t.find(r.key, r.code, r.scope);
  if (head == slot) {
    if (r.next != kNone) {
      const std::uint32_t n = r.next;
      t.routes[n].head = 1;
      t.index_replace(slot, n);
      member_replace<K>(im, fib, r, slot, n);
    } else {
      t.index_erase(slot);
      member_remove<K>(im, fib, r, slot);
    }
    lookup_changed<K>(im, fib, r);
  } else {
    std::uint32_t p = head;
    while (p != kNone && t.routes[p].next != slot) p = t.routes[p].next;
    if (p != kNone) t.routes[p].next = r.next;
  }
  r.head = 0;
  r.next = kNone;
}
}  // namespace

template <class K>
void Fib::Impl::link(std::uint32_t fib, std::uint32_t slot) {
  auto& t = table<K>(fib);
  auto& r = t.routes[slot];
  r.state = detail::kLinked;
  ++t.paths;
  if (const std::int64_t when = t.expire(slot); when != 0)
    expiries.push(
        {when, fib * 2 + (detail::KeyOps<K>::family == Family::inet6 ? 1u : 0u), slot, r.gen});
  chain_insert<K>(*this, fib, slot);
  if (sem().nexthop_objects) nh_resync<K>(fib, r.key, r.code, 0);
  // rtrequest_common_locked RTM_ADD: the unscoped default records the
  // primary interface (set_primary_ifscope).
  if (primary_default(t, slot)) primary_ifscope<K>(fib) = nh[r.nh].ifindex;
}

template <class K>
void Fib::Impl::reprio(std::uint32_t fib, std::uint32_t slot, std::uint8_t prio) {
  chain_remove<K>(*this, fib, slot);
  table<K>(fib).routes[slot].priority = prio;
  chain_insert<K>(*this, fib, slot);
}

template <class K>
void Fib::Impl::unlink(std::uint32_t fib, std::uint32_t slot, Cause cause) {
  auto& t = table<K>(fib);
  if (sem().nexthop_cache) {
    // rtrequest_delete: clones first, then the next hop and parent held.
    if ((t.routes[slot].flags & rtf::cloning) != 0) flush_clones<K>(fib, slot);
    put_gwroute<K>(fib, slot, kNone);
    if (const std::uint32_t p = t.parent(slot); p != kNone) {
      t.set_parent(slot, kNone);
      unref_slot(fib * 2 + (detail::KeyOps<K>::family == Family::inet6 ? 1u : 0u), p);
    }
  }
  auto& r = t.routes[slot];
  const std::uint32_t head = t.find(r.key, r.code, r.scope);
  chain_remove<K>(*this, fib, slot);
  if (sem().route_model == RouteModel::rtable) {
    // rtable_delete: a lone survivor of its priority is no longer multipath.
    const std::uint32_t first = head == slot ? t.find(r.key, r.code) : head;
    std::uint32_t survivor = kNone, same = 0;
    for (std::uint32_t p = first; p != kNone; p = t.routes[p].next)
      if ((t.routes[p].priority & rtp::mask) == (r.priority & rtp::mask)) {
        survivor = p;
        ++same;
      }
    if (same == 1) t.routes[survivor].flags &= ~rtf::mpath;
  }
  // rtrequest_common_locked RTM_DELETE: any unscoped route with a default
  // key clears the primary interface (IFSCOPE_NONE), whichever set it.
  if (primary_default(t, slot)) primary_ifscope<K>(fib) = 0;
  r.flags = deleted_flags(sem(), r.flags);
  r.state = detail::kTrash;
  --t.paths;
  if (listening()) {
    const RouteInfo gone = info(fib, t, slot);
    emit_route(cause, fib, gone, std::nullopt, gone.ifindex);
  }
  if (sem().nexthop_objects) nh_resync<K>(fib, r.key, r.code, r.knh);
  if (r.refcnt == 0) {
    nh.unref(r.nh);
    t.release(slot);
  } else {
    ++trash;
  }
}

template void Fib::Impl::link<std::uint32_t>(std::uint32_t, std::uint32_t);
template void Fib::Impl::link<u128>(std::uint32_t, std::uint32_t);
template void Fib::Impl::unlink<std::uint32_t>(std::uint32_t, std::uint32_t, Cause);
template void Fib::Impl::unlink<u128>(std::uint32_t, std::uint32_t, Cause);
template void Fib::Impl::reprio<std::uint32_t>(std::uint32_t, std::uint32_t, std::uint8_t);
template void Fib::Impl::reprio<u128>(std::uint32_t, std::uint32_t, std::uint8_t);

// ---- request helpers ----

namespace detail {

// The route a DELETE/CHANGE/LOCK/GET names, after per-kernel lookup rules.
template <class K>
Result<std::uint32_t> find_for(const Fib::Impl& im, const RouteRequest& r, ChangeLookup how,
                               bool lpm_without_mask) {
  const auto& t = im.table<K>(r.fib);
  using Ops = detail::KeyOps<K>;
  const K dst = Ops::from(r.dst);
  if (im.sem().scoped_routing) {
    // Darwin route_output: rt_lookup(TRUE, dst, netmask, ifscope).
    std::optional<Prefix> exact;
    if (r.plen) {
      auto k = normalize(im.sem(), r);
      if (!k) return tl::unexpected(k.error());
      exact = k->prefix;
    }
    const std::uint32_t s = im.scoped_lookup<K>(r.fib, r.dst, exact, r.ifscope, false);
    if (s == kNone) return err(ESRCH);
    return s;
  }
  if (!r.plen && lpm_without_mask) {
    const std::uint32_t s = t.lpm(dst);
    if (s == kNone) return err(ESRCH);
    return s;
  }
  if (how == ChangeLookup::lpm_strict) {
    std::uint32_t s;
    if (r.plen) {
      auto k = normalize(im.sem(), r);
      if (!k) return tl::unexpected(k.error());
      s = t.find(Ops::from(k->prefix.addr), Table<K>::code_of(k->prefix));
      if (s == kNone) return err(ESRCH);
      return s;
    }
    s = t.lpm(dst);
    if (s == kNone || t.routes[s].key != dst) return err(ESRCH);
    if (t.routes[s].code != Table<K>::host_code) return err(ETOOMANYREFS);
    return s;
  }
  if (!r.plen && how == ChangeLookup::lpm) {
    const std::uint32_t s = t.lpm(dst);
    if (s == kNone) return err(ESRCH);
    return s;
  }
  auto k = normalize(im.sem(), r);
  if (!k) return tl::unexpected(k.error());
  if (!r.plen && how == ChangeLookup::exact_host) k->prefix = Prefix::host_of(r.dst);
  const std::uint32_t s = t.find(Ops::from(k->prefix.addr), Table<K>::code_of(k->prefix));
  if (s == kNone) return err(ESRCH);
  return s;
}

// Picks one path of a prefix: by gateway when given (a group without one
// is ESRCH on multipath kernels), by priority on OpenBSD.
template <class K>
Result<std::uint32_t> pick_path(const Fib::Impl& im, const Table<K>& t, std::uint32_t head,
                                const RouteRequest& r, bool group_needs_gateway) {
  const Semantics& s = im.sem();
  const bool group = t.routes[head].next != kNone;
  std::uint32_t chosen = kNone;
  for (std::uint32_t p = head; p != kNone; p = t.routes[p].next) {
    if (s.priorities && r.priority != 0 && r.priority != rtp::any &&
        t.routes[p].priority != (r.priority & 0x7f))
      continue;
    if (r.gateway.kind != Gateway::Kind::none && (group || s.multipath || s.priorities) &&
        !same_gateway(im.nh[t.routes[p].nh].gw, r.gateway))
      continue;
    chosen = p;
    break;
  }
  if (chosen == kNone) return err(ESRCH);
  if (group && group_needs_gateway && r.gateway.kind == Gateway::Kind::none) {
    // Only a group of several candidate paths is ambiguous.
    std::size_t candidates = 0;
    for (std::uint32_t p = head; p != kNone; p = t.routes[p].next)
      if (!s.priorities || r.priority == 0 || t.routes[p].priority == (r.priority & 0x7f))
        ++candidates;
    if (candidates > 1) return err(ESRCH);
  }
  return chosen;
}

bool fib_ok(const Fib::Impl& im, std::uint32_t fib) { return fib < im.cfg.fibs; }

// FreeBSD 13+ set_nhop_gw_from_info(): an AF_LINK gateway of an interface
// route becomes nhop_set_direct_gw(ifnet_byindex(sdl_index)): index and type
// only (Semantics::direct_gw_by_index). Other gateways stay as given.
Result<Gateway> stored_gateway(const Fib::Impl& im, const Gateway& g, std::uint64_t flags) {
  if (!im.sem().direct_gw_by_index || !g.is_link() || (flags & rtf::gateway) != 0) return g;
  const Interface* ifp = g.ifindex != 0 ? im.iface(g.ifindex) : nullptr;
  if (ifp == nullptr) return err(EINVAL);
  return Gateway::link(ifp->index, ifp->type);
}

template Result<std::uint32_t> find_for<std::uint32_t>(const Fib::Impl&, const RouteRequest&,
                                                       ChangeLookup, bool);
template Result<std::uint32_t> find_for<u128>(const Fib::Impl&, const RouteRequest&, ChangeLookup,
                                              bool);
template Result<std::uint32_t> pick_path<std::uint32_t>(const Fib::Impl&,
                                                        const Table<std::uint32_t>&, std::uint32_t,
                                                        const RouteRequest&, bool);
template Result<std::uint32_t> pick_path<u128>(const Fib::Impl&, const Table<u128>&, std::uint32_t,
                                               const RouteRequest&, bool);

}  // namespace detail

// ---- RTM_ADD ----

template <class K>
static Result<RouteInfo> add_impl(Fib::Impl& im, const RouteRequest& req) {
  const Semantics& s = im.sem();
  RouteRequest r = req;
  if (s.local_broadcast_einval && (r.flags & (rtf::local | rtf::broadcast)) != 0)
    return err(EINVAL);
  const bool reject = (r.flags & rtf::reject) != 0, blackhole = (r.flags & rtf::blackhole) != 0;
  if (reject && blackhole && s.reject_blackhole_einval) return err(EINVAL);
  if (r.gateway.is_addr() && r.gateway.addr.family != r.dst.family) return err(EINVAL);
  auto key = normalize(s, r);
  if (!key) return tl::unexpected(key.error());
  std::uint64_t flags = key->flags;
  // FreeBSD route_output order: the loopback-gateway rule (step 11) sees the
  // request's gateway; REJECT/BLACKHOLE then go to lo0 (step 14).
  if (s.gateway_compat && r.gateway.is_addr() && (flags & rtf::gateway) != 0) {
    // route add x 127.0.0.1: a gateway on a loopback link route makes an
    // interface route (RTF_GWFLAG_COMPAT, reported as RTF_GATEWAY).
    if (auto g = im.lpm_slot(r.fib, r.gateway.addr); g != kNone) {
      const RouteInfo gi = im.info(r.fib, im.table<K>(r.fib), g);
      const Interface* gif = im.iface(gi.ifindex);
      if (gi.gateway.is_link() && gif != nullptr && (gif->flags & iff::loopback) != 0) {
        flags &= ~rtf::gateway;
        flags |= rtf::gwflag_compat;
      }
    }
  }
  if ((reject || blackhole) && s.reject_via_loopback) {
    const Interface* lo = im.loopback();
    if (lo == nullptr) return err(ENOTSUP);
    r.gateway = Gateway::address(r.dst.family == Family::inet4 ? Addr::v4(0x7f000001)
                                                               : *Addr::parse("::1"));
    flags |= rtf::gateway;
    r.ifp_index = lo->index;
    r.ifp_name.clear();
  }
  if (r.gateway.kind == Gateway::Kind::none) return err(EINVAL);
  // rtrequest_common_locked: a scope puts RTF_IFSCOPE on, none takes it off.
  // A link-local IPv6 destination is scoped to its zone (sa_copy).
  const std::uint16_t scope = !s.scoped_routing ? 0
                              : r.ifscope != 0  ? r.ifscope
                                                : detail::embedded_scope(r.dst);
  if (s.scoped_routing) flags = scope != 0 ? (flags | rtf::ifscope) : (flags & ~rtf::ifscope);
  auto choice = r.ifscope != 0 && s.scoped_routing ? im.scoped_ifa(r, flags)
                                                   : im.choose_ifa(r, flags, r.dst, r.gateway);
  if (!choice) return tl::unexpected(choice.error());
  // rtrequest_common_locked's rt_setgate, before rnh_addaddr (EEXIST).
  if (int e = im.scoped_gwroute_check(r.fib, r.gateway, flags, scope)) return err(e);
  // route_output: rt_setif(rt, IFP, IFA, GATEWAY, ifscope) once added; it
  // cannot fail, so applying it first changes nothing else.
  // Its gateway branch finds what ifa_ifwithroute_scoped_locked did.
  if (r.ifscope != 0 && s.scoped_routing)
    if (auto c = im.scoped_setif(r, *choice)) choice = *c;
  auto gw = stored_gateway(im, r.gateway, flags);
  if (!gw) return tl::unexpected(gw.error());
  r.gateway = *gw;

  std::uint8_t prio = 0;
  if (s.priorities) {
    prio = static_cast<std::uint8_t>(r.priority & 0x7f);
    if (prio != 0 && (prio > rtp::max || prio == rtp::local)) return err(EINVAL);
    if (prio == 0) prio = (flags & rtf::static_) != 0 ? rtp::static_ : rtp::default_;
  }

  auto& t = im.table<K>(r.fib);
  using Ops = detail::KeyOps<K>;
  const K k = Ops::from(key->prefix.addr);
  const std::uint8_t code = Table<K>::code_of(key->prefix);
  const std::uint32_t head = t.find(k, code, scope);
  std::uint32_t replace = kNone;
  if (head != kNone) {
    if (s.multipath) {
      bool eligible = (flags & rtf::gateway) != 0 && (flags & rtf::dynamic) == 0;
      for (std::uint32_t p = head; p != kNone; p = t.routes[p].next) {
        const auto& pr = t.routes[p];
        if ((pr.flags & rtf::gateway) == 0 || (pr.flags & rtf::dynamic) != 0) eligible = false;
        if (same_gateway(im.nh[pr.nh].gw, r.gateway)) return err(EEXIST);
      }
      if (!eligible) {
        if (s.pinned && (flags & rtf::pinned) != 0 && (t.routes[head].flags & rtf::pinned) == 0 &&
            t.routes[head].next == kNone)
          replace = head;
        else
          return err(EEXIST);
      }
    } else if (s.priorities) {
      for (std::uint32_t p = head; p != kNone; p = t.routes[p].next) {
        const auto& pr = t.routes[p];
        if (pr.priority != prio) continue;
        if ((flags & rtf::mpath) == 0 || same_gateway(im.nh[pr.nh].gw, r.gateway))
          return err(EEXIST);
      }
    } else if (s.pinned && (flags & rtf::pinned) != 0 &&
               (t.routes[head].flags & rtf::pinned) == 0) {
      replace = head;
    } else {
      return err(EEXIST);
    }
  }

  detail::Nexthop n;
  n.gw = r.gateway;
  n.ifindex = choice->ifindex;
  n.has_ifa = choice->ifa.has_value();
  if (choice->ifa) n.ifa = *choice->ifa;
  const std::uint32_t apply = r.inits & s.stored_metrics;
  if ((apply & rtv::mtu) != 0 && r.rmx.mtu != 0) {
    n.mtu = r.rmx.mtu;
    if (s.kernel == Kernel::freebsd) flags |= rtf::fixedmtu;
  } else if (const Interface* ifp = im.iface(n.ifindex);
             ifp != nullptr && !(s.inet4_route_mtu_unset && r.dst.family == Family::inet4)) {
    n.mtu = ifp->mtu;
  }
  if (apply & rtv::hopcount) n.hopcount = r.rmx.hopcount;
  if (apply & rtv::recvpipe) n.recvpipe = r.rmx.recvpipe;
  if (apply & rtv::sendpipe) n.sendpipe = r.rmx.sendpipe;
  if (apply & rtv::ssthresh) n.ssthresh = r.rmx.ssthresh;
  if (apply & rtv::rtt) n.rtt = r.rmx.rtt;
  if (apply & rtv::rttvar) n.rttvar = r.rmx.rttvar;
  if (s.keeps_locks) n.locks = r.inits & r.locks;

  if (replace != kNone) im.unlink<K>(r.fib, replace, Cause::request);

  const std::uint32_t slot = t.alloc();
  auto& rt = t.routes[slot];
  rt.key = k;
  rt.code = code;
  rt.scope = scope;
  rt.priority = prio;
  rt.flags = addroute_marks(s, key->prefix, flags & ~(rtf::done | rtf::cloned | rtf::cached),
                            im.iface(n.ifindex), choice->ifa) |
             rtf::up;
  rt.nh = im.nh.intern(n);
  rt.weight = (apply & rtv::weight) != 0 ? clamp_weight(r.rmx.weight) : 1;
  t.set_expire(slot, (apply & rtv::expire) != 0 ? r.rmx.expire : 0);
  im.link<K>(r.fib, slot);
  RouteInfo out = im.info(r.fib, t, slot);
  if (im.listening())
    im.emit_route(Cause::request, r.fib, std::nullopt, out, out.ifindex);
  return out;
}

Result<RouteInfo> Fib::add(const RouteRequest& r) {
  if (!fib_ok(*impl_, r.fib)) return err(EINVAL);
  if (impl_->sem().route_model == RouteModel::rtable)
    return rtable_request(*impl_, RequestOp::add, r);
  if (r.dst.family == Family::inet4) return add_impl<std::uint32_t>(*impl_, r);
  return add_impl<u128>(*impl_, r);
}

// Kernel-made routes (interface and local routes): no request checks.
Result<RouteInfo> Fib::Impl::install(std::uint32_t fib, const Prefix& p, const Gateway& gw,
                                     std::uint64_t flags, std::uint16_t ifindex,
                                     const std::optional<Addr>& ifa, Cause cause,
                                     std::uint16_t ifscope) {
  const auto go = [&](auto tag) -> Result<RouteInfo> {
    using K = decltype(tag);
    auto& t = table<K>(fib);
    const K k = detail::KeyOps<K>::from(p.addr);
    const std::uint8_t code = Table<K>::code_of(p);
    // Darwin: a link-local prefix route is scoped to its zone (sa_copy).
    const std::uint16_t scope = !sem().scoped_routing ? 0
                                : ifscope != 0        ? ifscope
                                                      : detail::embedded_scope(p.addr);
    if (t.find(k, code, scope) != kNone) return err(EEXIST);
    detail::Nexthop n;
    n.gw = gw;
    n.ifindex = ifindex;
    n.has_ifa = ifa.has_value();
    if (ifa) n.ifa = *ifa;
    if (const Interface* ifp = iface(ifindex);
        ifp != nullptr && !(sem().inet4_route_mtu_unset && p.family() == Family::inet4))
      n.mtu = ifp->mtu;
    const std::uint32_t slot = t.alloc();
    auto& rt = t.routes[slot];
    rt.key = k;
    rt.code = code;
    rt.scope = scope;
    rt.priority = sem().priorities ? ((flags & rtf::local) != 0 ? rtp::local : rtp::connected) : 0;
    rt.flags = addroute_marks(sem(), p, flags, iface(ifindex), ifa) | rtf::up | (scope != 0 ? rtf::ifscope : 0);
    rt.nh = nh.intern(n);
    link<K>(fib, slot);
    RouteInfo out = info(fib, t, slot);
    if (listening())
      emit_route(cause, fib, std::nullopt, out, ifindex);
    return out;
  };
  if (p.family() == Family::inet4) return go(std::uint32_t{});
  return go(u128{});
}

// ---- RTM_DELETE ----

template <class K>
static Result<RouteInfo> remove_impl(Fib::Impl& im, const RouteRequest& r) {
  const Semantics& s = im.sem();
  auto key = normalize(s, r);
  if (!key) return tl::unexpected(key.error());
  auto& t = im.table<K>(r.fib);
  // Darwin rnh_deladdr with the scope in the key: exactly that scope's route.
  const std::uint32_t head =
      t.find(detail::KeyOps<K>::from(key->prefix.addr), Table<K>::code_of(key->prefix),
             !s.scoped_routing ? std::uint16_t{0}
             : r.ifscope != 0  ? r.ifscope
                               : detail::embedded_scope(r.dst));
  if (head == kNone) return err(s.missing_errno);
  auto path = pick_path(im, t, head, r, s.multipath || s.priorities);
  if (!path) return tl::unexpected(path.error());
  const auto& rt = t.routes[*path];
  if (s.pinned && (rt.flags & rtf::pinned) != 0 && (r.flags & rtf::pinned) == 0)
    return err(EADDRINUSE);
  if (s.local_broadcast_einval && (rt.flags & (rtf::local | rtf::broadcast)) != 0)
    return err(EINVAL);
  RouteInfo out = im.info(r.fib, t, *path);
  out.flags = deleted_flags(s, out.flags);
  im.unlink<K>(r.fib, *path, Cause::request);
  return out;
}

Result<RouteInfo> Fib::remove(const RouteRequest& r) {
  if (!fib_ok(*impl_, r.fib)) return err(EINVAL);
  if (impl_->sem().route_model == RouteModel::rtable)
    return rtable_request(*impl_, RequestOp::remove, r);
  if (r.dst.family == Family::inet4) return remove_impl<std::uint32_t>(*impl_, r);
  return remove_impl<u128>(*impl_, r);
}

// ---- RTM_GET ----

template <class K>
static Result<RouteInfo> get_impl(const Fib::Impl& im, const RouteRequest& r) {
  auto s = find_for<K>(im, r, ChangeLookup::exact, true);
  if (!s) return tl::unexpected(s.error());
  const auto& t = im.table<K>(r.fib);
  std::uint32_t slot = *s;
  if (r.gateway.kind != Gateway::Kind::none || (im.sem().priorities && r.priority != 0)) {
    RouteRequest any = r;
    auto p = pick_path(im, t, *s, any, false);
    if (!p) return tl::unexpected(p.error());
    slot = *p;
  }
  return im.info(r.fib, t, slot);
}

Result<RouteInfo> Fib::get(const RouteRequest& r) const {
  if (!fib_ok(*impl_, r.fib)) return err(EINVAL);
  if (impl_->sem().route_model == RouteModel::rtable) return rtable_get_request(*impl_, r);
  if (r.dst.family == Family::inet4) return get_impl<std::uint32_t>(*impl_, r);
  return get_impl<u128>(*impl_, r);
}

}  // namespace rtsock::fib
