// RTM_CHANGE and RTM_LOCK: a route's gateway, interface, flags and metrics
// with each kernel's lookup and errors (spec B.6, B.8).
#include <cerrno>

#include "fib_request.hpp"
#include "impl.hpp"

namespace rtsock::fib {

using detail::clamp_weight;
using detail::find_for;
using detail::fib_ok;
using detail::kNone;
using detail::normalize;
using detail::pick_path;
using detail::stored_gateway;
using detail::Table;
using detail::u128;

// ---- RTM_CHANGE / RTM_LOCK ----

template <class K>
static Result<RouteInfo> change_impl(Fib::Impl& im, const RouteRequest& r, bool lock_only) {
  const Semantics& s = im.sem();
  auto found = find_for<K>(im, r, s.change_lookup, false);
  if (!found) return tl::unexpected(found.error());
  auto& t = im.table<K>(r.fib);
  std::uint32_t slot = *found;
  if (t.routes[slot].next != kNone || s.priorities) {
    auto p = pick_path(im, t, slot, r, s.multipath);
    // OpenBSD: a gateway that matches no path names the new gateway of the
    // one route of that priority ("try to find a compatible route"), never
    // of a multipath one.
    if (!p && s.priorities && !lock_only && r.gateway.kind != Gateway::Kind::none) {
      RouteRequest any = r;
      any.gateway = {};
      p = pick_path(im, t, slot, any, false);
      if (p) {
        std::size_t same_priority = 0;
        for (std::uint32_t q = slot; q != kNone; q = t.routes[q].next)
          if (t.routes[q].priority == t.routes[*p].priority) ++same_priority;
        if (same_priority > 1) p = err(ESRCH);
      }
    }
    if (!p) return tl::unexpected(p.error());
    slot = *p;
  }
  const RouteInfo before = im.info(r.fib, t, slot);
  if (lock_only && s.lock == LockMode::noop) return before;

  detail::Nexthop n = im.nh[t.routes[slot].nh];
  std::uint64_t flags = t.routes[slot].flags;
  std::uint32_t weight = t.routes[slot].weight;
  std::int64_t expire = t.expire(slot);
  if (!lock_only) {
    const bool gw_given = r.gateway.kind != Gateway::Kind::none;
    if (gw_given && r.gateway.is_addr() && r.gateway.addr.family != r.dst.family)
      return err(EINVAL);
    const bool group = t.routes[slot].next != kNone || (t.routes[slot].head == 0);
    const bool new_gateway = gw_given && !(s.multipath && group);
    std::uint64_t gwflags = flags;
    if (new_gateway && s.change_flags != ChangeFlags::keep)
      gwflags = (flags & ~rtf::gateway) | (r.flags & rtf::gateway);
    const bool need_ifa = (((flags & rtf::gateway) != 0) && new_gateway) || r.ifp_index ||
                          !r.ifp_name.empty() || (r.ifa && !(n.has_ifa && n.ifa == *r.ifa));
    Gateway gw = new_gateway ? r.gateway : n.gw;
    // route_output RTM_CHANGE: rt_setgate (its scope check) before rt_setif.
    if (gw_given && (flags & rtf::gateway) != 0)
      if (int e = im.scoped_gwroute_check(r.fib, r.gateway, flags, t.routes[slot].scope))
        return err(e);
    if (need_ifa) {
      // rt_setif(..., ifscope), the scope being the route's.
      RouteRequest scoped = r;
      scoped.ifscope = t.routes[slot].scope;
      scoped.gateway = gw;
      Fib::Impl::IfChoice c;
      if (s.scoped_routing && scoped.ifscope != 0) {
        // rt_setif cannot fail: RTA_IFP/RTA_IFA, else the gateway on the
        // scope, else the route keeps its ifa.
        const Fib::Impl::IfChoice cur{n.ifindex,
                                      n.has_ifa ? std::optional<Addr>(n.ifa) : std::nullopt};
        if (auto set = im.scoped_setif(scoped, cur))
          c = *set;
        else if (auto g = im.scoped_ifa(scoped, gwflags))
          c = *g;
        else
          c = cur;
      } else {
        auto chosen = im.choose_ifa(r, gwflags, r.dst, gw);
        if (!chosen) return tl::unexpected(chosen.error());
        c = *chosen;
      }
      n.ifindex = c.ifindex;
      n.has_ifa = c.ifa.has_value();
      n.ifa = c.ifa ? *c.ifa : Addr{};
    }
    if (new_gateway) {
      auto stored = stored_gateway(im, gw, gwflags);
      if (!stored) return tl::unexpected(stored.error());
      gw = *stored;
    }
    n.gw = gw;
    flags = gwflags;
    switch (s.change_flags) {
      case ChangeFlags::fmask_const:
        flags = (flags & ~rtf::freebsd_fmask) | (r.flags & rtf::freebsd_fmask);
        break;
      case ChangeFlags::fmask_request: {
        const std::uint64_t fm = r.fmask & rtf::openbsd_fmask;
        flags = (flags & ~fm) | (r.flags & fm);
        break;
      }
      case ChangeFlags::keep:
        break;
    }
    const std::uint32_t apply = r.inits & s.stored_metrics;
    if (apply & rtv::mtu) {
      n.mtu = r.rmx.mtu;
      if (s.kernel == Kernel::freebsd) {
        if (r.rmx.mtu != 0) {
          flags |= rtf::fixedmtu;
        } else {
          flags &= ~rtf::fixedmtu;
          if (const Interface* ifp = im.iface(n.ifindex)) n.mtu = ifp->mtu;
        }
      }
    }
    if (apply & rtv::hopcount) n.hopcount = r.rmx.hopcount;
    if (apply & rtv::recvpipe) n.recvpipe = r.rmx.recvpipe;
    if (apply & rtv::sendpipe) n.sendpipe = r.rmx.sendpipe;
    if (apply & rtv::ssthresh) n.ssthresh = r.rmx.ssthresh;
    if (apply & rtv::rtt) n.rtt = r.rmx.rtt;
    if (apply & rtv::rttvar) n.rttvar = r.rmx.rttvar;
    if (apply & rtv::weight) weight = clamp_weight(r.rmx.weight);
    if (apply & rtv::expire) expire = r.rmx.expire;
  }
  if (s.keeps_locks) n.locks = (n.locks & ~r.inits) | (r.inits & r.locks);

  auto& rt = t.routes[slot];
  // set_primary_ifscope from rt_setgate (a new gateway on a gateway route)
  // and from rt_setif (the ifa changed): the default's interface, now.
  if (!lock_only && im.primary_default(t, slot) &&
      ((r.gateway.kind != Gateway::Kind::none && (rt.flags & rtf::gateway) != 0) ||
       n.ifindex != before.ifindex || n.has_ifa != before.ifa.has_value() ||
       (n.has_ifa && n.ifa != *before.ifa)))
    im.primary_ifscope<K>(r.fib) = n.ifindex;
  const std::uint32_t old_nh = rt.nh;
  rt.nh = im.nh.intern(n);
  im.nh.unref(old_nh);
  rt.flags = flags | rtf::up;
  rt.weight = weight;
  if (s.nexthop_objects) im.nh_resync<K>(r.fib, rt.key, rt.code, 0);
  if (expire != t.expire(slot)) {
    t.set_expire(slot, expire);
    if (expire != 0)
      im.expiries.push(
          {expire, r.fib * 2 + (r.dst.family == Family::inet6 ? 1u : 0u), slot, rt.gen});
  }
  RouteInfo after = im.info(r.fib, t, slot);
  if (im.listening())
    im.emit_route(Cause::request, r.fib, before, after, after.ifindex);
  return after;
}

Result<RouteInfo> Fib::change(const RouteRequest& r) {
  if (!impl_->sem().change_supported) return err(EOPNOTSUPP);
  if (!fib_ok(*impl_, r.fib)) return err(EINVAL);
  if (impl_->sem().route_model == RouteModel::rtable)
    return rtable_request(*impl_, RequestOp::change, r);
  if (r.dst.family == Family::inet4) return change_impl<std::uint32_t>(*impl_, r, false);
  return change_impl<u128>(*impl_, r, false);
}

Result<RouteInfo> Fib::lock(const RouteRequest& r) {
  if (impl_->sem().lock == LockMode::unsupported) return err(EOPNOTSUPP);
  if (!fib_ok(*impl_, r.fib)) return err(EINVAL);
  if (r.dst.family == Family::inet4) return change_impl<std::uint32_t>(*impl_, r, true);
  return change_impl<u128>(*impl_, r, true);
}

}  // namespace rtsock::fib
