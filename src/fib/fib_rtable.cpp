// OpenBSD's rtm_output over the rtable: RTM_ADD, RTM_DELETE, RTM_CHANGE and
// RTM_GET as rtsock.c r1.388 and route.c r1.450 handle them — rtable_lookup
// by prefix, priority and gateway, the multipath rules, rtm_getifa and
// ifa_ifwithroute. Facts and sources: docs/research/openbsd-route-model.md.
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

using detail::kNone;
using detail::same_gateway;
using detail::Table;
using detail::u128;

namespace {

template <class K>
constexpr std::uint32_t table_id(std::uint32_t fib) {
  return fib * 2 + (detail::KeyOps<K>::family == Family::inet6 ? 1u : 0u);
}

// The prefix of a request's destination and mask: no mask or a full one is
// a host route.
Prefix prefix_of(const RouteRequest& r) {
  const int max = max_plen(r.dst.family);
  if (!r.plen || *r.plen == max) return Prefix::host_of(r.dst);
  return Prefix::net(r.dst, *r.plen);
}

bool any_prio(std::uint8_t prio) { return prio == 0 || prio == rtp::any; }

// rtable_lookup: without a mask the longest match, with one the exact
// prefix; then the first path of the priority (unless RTP_ANY) and, when
// given, of the gateway.
template <class K>
std::uint32_t rtable_lookup(const Fib::Impl& im, std::uint32_t fib, const RouteRequest& r,
                            bool with_gateway) {
  const auto& t = im.table<K>(fib);
  using Ops = detail::KeyOps<K>;
  std::uint32_t head;
  if (!r.plen) {
    head = t.lpm(Ops::from(r.dst));
  } else {
    const Prefix p = prefix_of(r);
    head = t.find(Ops::from(p.addr), Table<K>::code_of(p));
  }
  for (std::uint32_t p = head; p != kNone; p = t.routes[p].next) {
    if (!any_prio(r.priority) && (t.routes[p].priority & rtp::mask) != (r.priority & rtp::mask))
      continue;
    if (!with_gateway || r.gateway.kind == Gateway::Kind::none) return p;
    if (same_gateway(im.nh[t.routes[p].nh].gw, r.gateway)) return p;
  }
  return kNone;
}

// The part of RTM_CHANGE after the route is found (the "change:" label
// RTM_ADD jumps to for a cached route): gateway, flags, metrics, locks.
template <class K>
Result<RouteInfo> change_route(Fib::Impl& im, const RouteRequest& r, std::uint32_t slot,
                               bool newgate, const RouteInfo& before) {
  auto& t = im.table<K>(r.fib);
  if (r.gateway.kind != Gateway::Kind::none) {
    // When updating the gateway, it must stay of its kind (rt_setgate).
    if (!newgate && im.nh[t.routes[slot].nh].gw.kind != r.gateway.kind) return err(EINVAL);
    detail::Nexthop n = im.nh[t.routes[slot].nh];
    n.gw = r.gateway;
    im.set_nexthop<K>(r.fib, slot, n);
    if ((t.routes[slot].flags & rtf::gateway) != 0 && im.sem().nexthop_cache && r.gateway.is_addr())
      if (int e = im.set_gwroute<K>(r.fib, slot, r.gateway.addr); e != 0) return err(e);
  }
  auto& rt = t.routes[slot];
  const std::uint64_t fm = r.fmask & rtf::openbsd_fmask & ~rtf::mpls;
  rt.flags = (rt.flags & ~fm) | (r.flags & fm);
  detail::Nexthop n = im.nh[rt.nh];
  if ((r.inits & rtv::mtu) != 0) n.mtu = r.rmx.mtu;
  if ((r.inits & rtv::expire) != 0 && r.rmx.expire != t.expire(slot)) {
    t.set_expire(slot, r.rmx.expire);
    if (r.rmx.expire != 0) im.expiries.push({r.rmx.expire, table_id<K>(r.fib), slot, rt.gen});
  }
  // if_rtrequest(RTM_ADD) again: a loopback route gets LOMTU back.
  const Interface* ifp = im.iface(n.ifindex);
  if (n.mtu == 0 && ifp != nullptr && (ifp->flags & iff::loopback) != 0)
    n.mtu = im.sem().loopback_mtu;
  n.locks = (n.locks & ~r.inits) | (r.inits & r.locks);
  im.set_nexthop<K>(r.fib, slot, n);
  RouteInfo after = im.info(r.fib, t, slot);
  if (im.listening())
    im.emit_route(Cause::request, r.fib, before, after, after.ifindex);
  return after;
}

template <class K>
Result<RouteInfo> rtable_add(Fib::Impl& im, const RouteRequest& r) {
  if ((r.flags & (rtf::local | rtf::broadcast)) != 0 || r.gateway.kind == Gateway::Kind::none ||
      (r.gateway.is_addr() && r.gateway.addr.family != r.dst.family))
    return err(EINVAL);
  if (r.priority != 0 && ((r.priority & rtp::mask) > rtp::max || r.priority == rtp::local))
    return err(EINVAL);
  auto& t = im.table<K>(r.fib);
  // A cached route (an L2 entry in use) is updated in place: deleting and
  // re-adding it would race the receive path.
  if (const std::uint32_t m = t.lpm(detail::KeyOps<K>::from(r.dst));
      m != kNone && (t.routes[m].flags & rtf::cached) != 0)
    return change_route<K>(im, r, m, false, im.info(r.fib, t, m));
  const Prefix p = prefix_of(r);
  std::uint64_t flags = r.flags;
  if (p.host) flags |= rtf::host;
  auto ifa = im.rtm_getifa(r, flags);
  if (!ifa) return tl::unexpected(ifa.error());
  Fib::Impl::RtAdd a;
  a.prefix = p;
  a.gw = r.gateway;
  a.flags = flags;
  a.prio = r.priority;
  a.ifindex = ifa->ifindex;
  a.ifa = ifa->ifa;
  auto slot = im.rtrequest_add<K>(r.fib, a, Cause::request);
  if (!slot) return tl::unexpected(slot.error());
  // rtm_setmetrics: the MTU and the expiry, nothing else, no locks.
  auto& rt = t.routes[*slot];
  if ((r.inits & rtv::mtu) != 0) {
    detail::Nexthop n = im.nh[rt.nh];
    n.mtu = r.rmx.mtu;
    im.set_nexthop<K>(r.fib, *slot, n);
  }
  if ((r.inits & rtv::expire) != 0 && r.rmx.expire != 0) {
    t.set_expire(*slot, r.rmx.expire);
    im.expiries.push({r.rmx.expire, table_id<K>(r.fib), *slot, rt.gen});
  }
  return im.info(r.fib, t, *slot);
}

template <class K>
Result<RouteInfo> rtable_delete(Fib::Impl& im, const RouteRequest& r) {
  auto& t = im.table<K>(r.fib);
  const std::uint32_t slot = rtable_lookup<K>(im, r.fib, r, true);
  if (slot == kNone) return err(ESRCH);
  const auto& rt = t.routes[slot];
  // Multipath routes need their gateway named.
  if ((rt.flags & rtf::mpath) != 0 && r.gateway.kind == Gateway::Kind::none) return err(ESRCH);
  if ((rt.flags & rtf::cached) != 0) {
    // An L2 entry in use is only invalidated; the routes through it forget
    // their path MTU (route_cleargateway).
    for (std::uint32_t fib : im.fibs_of_domain(im.rdomain[r.fib])) {
      auto& g = im.table<K>(fib);
      for (std::uint32_t s = 0; s < g.routes.size(); ++s) {
        if (g.routes[s].state != detail::kLinked || g.routes[s].gwroute != slot ||
            (im.nh[g.routes[s].nh].locks & rtv::mtu) != 0)
          continue;
        detail::Nexthop n = im.nh[g.routes[s].nh];
        n.mtu = 0;
        im.set_nexthop<K>(fib, s, n);
      }
    }
    return im.info(r.fib, t, slot);
  }
  // Local and broadcast routes are the kernel's.
  if ((rt.flags & (rtf::local | rtf::broadcast)) != 0) return err(EINVAL);
  // rtable_delete removes the exact prefix of the request.
  const Prefix want = prefix_of(r);
  if (rt.code != Table<K>::code_of(want)) return err(ESRCH);
  RouteInfo out = im.info(r.fib, t, slot);
  out.flags &= ~rtf::up;
  im.unlink<K>(r.fib, slot, Cause::request);
  return out;
}

template <class K>
Result<RouteInfo> rtable_change(Fib::Impl& im, const RouteRequest& r) {
  auto& t = im.table<K>(r.fib);
  const bool gw_given = r.gateway.kind != Gateway::Kind::none;
  std::uint32_t slot = rtable_lookup<K>(im, r.fib, r, true);
  // Multipath routes need their gateway named...
  if (slot != kNone && (t.routes[slot].flags & rtf::mpath) != 0 && !gw_given) slot = kNone;
  // ...and a gateway to change to picks the one route of the prefix.
  if (slot == kNone && gw_given) {
    slot = rtable_lookup<K>(im, r.fib, r, false);
    if (slot != kNone && (t.routes[slot].flags & rtf::mpath) != 0) slot = kNone;
  }
  if (slot == kNone) return err(ESRCH);
  if ((t.routes[slot].flags & (rtf::local | rtf::broadcast)) != 0) return err(EINVAL);
  // RTM_CHANGE needs a perfect match.
  if (t.routes[slot].code != Table<K>::code_of(prefix_of(r))) return err(ESRCH);
  const RouteInfo before = im.info(r.fib, t, slot);
  const bool newgate = gw_given && !same_gateway(im.nh[t.routes[slot].nh].gw, r.gateway);
  if (newgate || r.ifp_index || !r.ifp_name.empty() || r.ifa) {
    auto ifa = im.rtm_getifa(r, r.flags);
    if (!ifa) return tl::unexpected(ifa.error());
    detail::Nexthop n = im.nh[t.routes[slot].nh];
    if (n.ifindex != ifa->ifindex || n.has_ifa != ifa->ifa.has_value() ||
        (ifa->ifa && n.ifa != *ifa->ifa)) {
      n.ifindex = ifa->ifindex;
      n.has_ifa = ifa->ifa.has_value();
      n.ifa = ifa->ifa.value_or(Addr{});
      im.set_nexthop<K>(r.fib, slot, n);
      // The new interface's link state decides again.
      if (const Interface* ifp = im.iface(ifa->ifindex)) im.linkstate_change<K>(r.fib, slot, *ifp);
    }
  }
  return change_route<K>(im, r, slot, newgate, before);
}

template <class K>
Result<RouteInfo> rtable_get(const Fib::Impl& im, const RouteRequest& r) {
  const std::uint32_t slot = rtable_lookup<K>(im, r.fib, r, true);
  if (slot == kNone) return err(ESRCH);
  return im.info(r.fib, im.table<K>(r.fib), slot);
}

}  // namespace

// ifa_ifwithroute with rtm_getifa's choice of the address to look for.
Result<Fib::Impl::IfChoice> Fib::Impl::rtm_getifa(const RouteRequest& r, std::uint64_t flags) {
  const std::uint32_t dom = rdomain[r.fib];
  const auto in_domain = [&](const Interface* i) { return i != nullptr && i->fib == dom; };
  const auto choice = [](const Interface& i, const IfAddress* x) {
    IfChoice c{i.index, std::nullopt};
    if (x != nullptr) c.ifa = x->addr;
    return c;
  };
  // ifaof_ifpforaddr, and the rest of the family fix-up at the end.
  const auto of_ifp = [&](const Interface& i, const Addr& sa) -> std::optional<IfChoice> {
    const IfAddress* x = addr_for(i, sa);
    if (x == nullptr) return std::nullopt;
    return choice(i, x);
  };
  const Interface* ifp = nullptr;
  if (r.ifp_index && *r.ifp_index != 0) ifp = iface(*r.ifp_index);
  if (ifp == nullptr && !r.ifp_name.empty()) ifp = iface_by_name(r.ifp_name);
  if (r.ifa) {
    const IfAddress* x = nullptr;
    const Interface* owner = with_addr(*r.ifa, &x);
    if (in_domain(owner)) return choice(*owner, x);
  }
  std::optional<IfChoice> out;
  const bool gw = r.gateway.kind != Gateway::Kind::none;
  if (ifp != nullptr) {
    const Addr sa = r.ifa ? *r.ifa : r.gateway.is_addr() ? r.gateway.addr : r.dst;
    if (!r.gateway.is_link() || r.ifa) out = of_ifp(*ifp, sa);
  } else {
    // ifa_ifwithroute(flags, dst, gateway), else (flags, sa, sa).
    const Addr dst = gw ? r.dst : r.ifa.value_or(r.dst);
    const Gateway g = gw ? r.gateway : Gateway::address(dst);
    const IfAddress* x = nullptr;
    const Interface* i = nullptr;
    if ((flags & rtf::gateway) == 0) {
      if ((flags & rtf::host) != 0) i = with_dstaddr(dst, &x);
      if (!in_domain(i) && g.is_addr()) i = with_addr(g.addr, &x);
    } else if (g.is_addr()) {
      i = with_dstaddr(g.addr, &x);
    }
    if (in_domain(i)) {
      out = choice(*i, x);
    } else if (g.is_link()) {
      if (const Interface* li = iface(g.ifindex); li != nullptr) out = of_ifp(*li, dst);
    } else if (g.is_addr()) {
      const std::uint32_t s = g.addr.family == Family::inet4
                                  ? rt_match<std::uint32_t>(dom, g.addr, true)
                                  : rt_match<u128>(dom, g.addr, true);
      if (s != kNone) {
        const RouteInfo via = info_any(dom * 2 + (g.addr.family == Family::inet6 ? 1u : 0u), s);
        out = IfChoice{via.ifindex, via.ifa};
      }
    }
    if (out && out->ifa && out->ifa->family != dst.family)
      if (const Interface* oi = iface(out->ifindex))
        if (auto fixed = of_ifp(*oi, dst)) out = fixed;
  }
  if (!out) return err(ENETUNREACH);
  return *out;
}

#define RTSOCK_RTABLE_DISPATCH(op, ...) \
  (r.dst.family == Family::inet4 ? op<std::uint32_t>(__VA_ARGS__) : op<u128>(__VA_ARGS__))

Result<RouteInfo> rtable_request(Fib::Impl& im, RequestOp op, const RouteRequest& r) {
  switch (op) {
    case RequestOp::add:
      return RTSOCK_RTABLE_DISPATCH(rtable_add, im, r);
    case RequestOp::remove:
      return RTSOCK_RTABLE_DISPATCH(rtable_delete, im, r);
    case RequestOp::change:
      return RTSOCK_RTABLE_DISPATCH(rtable_change, im, r);
  }
  return err(EOPNOTSUPP);
}

Result<RouteInfo> rtable_get_request(const Fib::Impl& im, const RouteRequest& r) {
  return RTSOCK_RTABLE_DISPATCH(rtable_get, im, r);
}
#undef RTSOCK_RTABLE_DISPATCH

}  // namespace rtsock::fib
