// The data path: longest match, interface selection (rt_getifa_fib,
// ifa_ifwithroute), forwarding (ip_output/looutput), ICMP redirects.
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

using detail::kNone;
using detail::u128;

// Darwin: with scoped routes in the table an unscoped lookup is xnu's
// rt_lookup (a scoped route of the matched or primary interface may win).
std::uint32_t Fib::Impl::lpm_slot(std::uint32_t fib, const Addr& a) {
  if (a.family == Family::inet4) {
    if (v4[fib].t.scoped() != 0) return scoped_slot(fib, a, 0);
    return v4[fib].dxr.match(a.v4(), v4[fib].t);
  }
  if (v6[fib].t.scoped() != 0) return scoped_slot(fib, a, 0);
  return v6[fib].t.lpm(detail::KeyOps<u128>::from(a));
}

std::uint32_t Fib::Impl::lpm_slot_const(std::uint32_t fib, const Addr& a) const {
  if ((a.family == Family::inet4 ? v4[fib].t.scoped() : v6[fib].t.scoped()) != 0)
    return scoped_slot(fib, a, 0);
  if (a.family == Family::inet4) {
    std::uint32_t s;
    if (v4[fib].dxr.peek(a.v4(), s)) return s;
    return v4[fib].t.lpm(a.v4());
  }
  return v6[fib].t.lpm(detail::KeyOps<u128>::from(a));
}

std::optional<Fib::Impl::IfChoice> Fib::Impl::ifa_with_route(std::uint64_t flags, const Addr& dst,
                                                             const Gateway& gw,
                                                             std::uint32_t fib) const {
  const Interface* ifp = nullptr;
  const IfAddress* ia = nullptr;
  if (gw.is_link()) {
    ifp = gw.ifindex != 0 ? iface(gw.ifindex) : iface_by_name(gw.ifname);
    if (ifp == nullptr) return std::nullopt;
    ia = addr_for(*ifp, dst);
  } else if (gw.is_addr()) {
    if ((flags & rtf::gateway) == 0) {
      if ((flags & rtf::host) != 0) ifp = with_dstaddr(dst, &ia);
      if (ifp == nullptr) ifp = with_addr(gw.addr, &ia);
    }
    // FreeBSD's ifa_ifwithdstaddr/ifa_ifwithnet look at the request's FIB
    // only (kern/187552); its table lookup below finds other FIBs' routes.
    std::optional<std::uint32_t> in_fib;
    if (sem().kernel == Kernel::freebsd) in_fib = fib;
    if (ifp == nullptr && (flags & rtf::gateway) != 0) ifp = with_dstaddr(gw.addr, &ia, in_fib);
    if (ifp == nullptr) ifp = with_net(gw.addr, &ia, in_fib);
    if (ifp == nullptr && fib < cfg.fibs) {
      // Reachable through another route, but never through the default.
      const std::uint32_t s = lpm_slot_const(fib, gw.addr);
      if (s == kNone) return std::nullopt;
      const RouteInfo r = info_any(fib * 2 + (gw.addr.family == Family::inet6 ? 1u : 0u), s);
      if (r.prefix.is_default()) return std::nullopt;
      if (!sem().gateway_via_gateway && (r.flags & rtf::gateway) != 0) return std::nullopt;
      ifp = iface(r.ifindex);
      if (ifp == nullptr) return std::nullopt;
      IfChoice c{ifp->index, r.ifa};
      if (!c.ifa || c.ifa->family != dst.family)
        if (const IfAddress* x = addr_for(*ifp, dst)) c.ifa = x->addr;
      return c;
    }
    if (ifp == nullptr) return std::nullopt;
    if (ia != nullptr && ia->addr.family != dst.family)
      if (const IfAddress* x = addr_for(*ifp, dst)) ia = x;
  } else {
    ifp = with_addr(dst, &ia);
    if (ifp == nullptr) ifp = with_net(dst, &ia);
    if (ifp == nullptr) return std::nullopt;
  }
  IfChoice c{ifp->index, std::nullopt};
  if (ia != nullptr) c.ifa = ia->addr;
  return c;
}

Result<Fib::Impl::IfChoice> Fib::Impl::choose_ifa(const RouteRequest& r, std::uint64_t flags,
                                                  const Addr& dst, const Gateway& gw) const {
  const Interface* ifp = nullptr;
  if (r.ifp_index && *r.ifp_index != 0) ifp = iface(*r.ifp_index);
  if (ifp == nullptr && !r.ifp_name.empty()) ifp = iface_by_name(r.ifp_name);
  const IfAddress* ia = nullptr;
  const Interface* owner = nullptr;
  if (r.ifa) owner = with_addr(*r.ifa, &ia);
  if (ia != nullptr) return IfChoice{ifp ? ifp->index : owner->index, ia->addr};
  if (ifp != nullptr) {
    Addr sa = dst;
    if (r.ifa)
      sa = *r.ifa;
    else if (gw.is_addr() && gw.addr.family == dst.family &&
             ((flags & rtf::gateway) != 0 || sem().any_gateway_selects_ifa))
      sa = gw.addr;
    const IfAddress* x = addr_for(*ifp, sa);
    if (x == nullptr && gw.is_addr()) x = addr_for(*ifp, gw.addr);
    IfChoice c{ifp->index, std::nullopt};
    if (x != nullptr && x->addr.family == dst.family) c.ifa = x->addr;
    return c;
  }
  // An RTA_IFA that is not ours does not decide: dst and gateway do.
  std::optional<IfChoice> c;
  if (gw.kind != Gateway::Kind::none)
    c = ifa_with_route(flags, dst, gw, r.fib);
  else if (r.ifa)
    c = ifa_with_route(flags, *r.ifa, Gateway::address(*r.ifa), r.fib);
  else
    c = ifa_with_route(flags, dst, gw, r.fib);
  if (!c) return err(ENETUNREACH);
  return *c;
}

// ---- lookups ----

std::optional<RouteInfo> Fib::lookup(std::uint32_t fib, const Addr& dst) const {
  if (fib >= impl_->cfg.fibs) return std::nullopt;
  const std::uint32_t s = impl_->lpm_slot_const(fib, dst);
  if (s == kNone) return std::nullopt;
  return impl_->info_any(fib * 2 + (dst.family == Family::inet6 ? 1u : 0u), s);
}

std::optional<RouteInfo> Fib::gateway_route(const RouteInfo& r) const {
  if ((r.flags & rtf::gateway) == 0 || !r.gateway.is_addr()) return std::nullopt;
  return lookup(r.fib, r.gateway.addr);
}

std::uint32_t Fib::match4(std::uint32_t fib, std::uint32_t a) {
  auto& t = impl_->v4[fib];
  return t.dxr.match(a, t.t);
}

void Fib::match4_bulk(std::uint32_t fib, std::span<const std::uint32_t> keys,
                      std::span<std::uint32_t> out) {
  auto& t = impl_->v4[fib];
  t.dxr.match_bulk(keys.data(), out.data(), std::min(keys.size(), out.size()), t.t);
}

RouteInfo Fib::route4(std::uint32_t fib, std::uint32_t slot) const {
  return impl_->info(fib, impl_->v4[fib].t, slot);
}

// ---- forwarding ----

namespace {
template <class K>
std::uint32_t pick_forward_path(const detail::Table<K>& t, std::uint32_t head, const Addr& dst) {
  const auto& h = t.routes[head];
  if (h.next == kNone) return head;
  // Weighted choice among the paths of the best priority, by a hash of the
  // destination so a flow keeps its path.
  std::uint64_t total = 0;
  for (std::uint32_t p = head; p != kNone && t.routes[p].priority == h.priority;
       p = t.routes[p].next)
    total += t.routes[p].weight;
  std::uint64_t x = 0;
  for (auto b : dst.bytes) x = (x ^ b) * 0x100000001b3ull;
  x %= total == 0 ? 1 : total;
  for (std::uint32_t p = head; p != kNone; p = t.routes[p].next) {
    if (x < t.routes[p].weight) return p;
    x -= t.routes[p].weight;
  }
  return head;
}
}  // namespace

Forward Fib::forward(std::uint32_t fib, const Addr& dst) {
  auto& im = *impl_;
  Forward f;
  if (fib >= im.cfg.fibs) {
    f.error = EINVAL;
    return f;
  }
  const std::uint32_t head = im.lpm_slot(fib, dst);
  if (head == kNone) {
    ++im.stats.unreach;
    f.verdict = Forward::Verdict::miss;
    f.error = EHOSTUNREACH;
    return f;
  }
  const auto go = [&](auto& t) {
    const std::uint32_t s = pick_forward_path(t, head, dst);
    auto& r = t.routes[s];
    const detail::Nexthop& n = im.nh[r.nh];
    // RT_LINK_IS_UP: the path chosen leaves by a link that is down, so the
    // lookup fails; a shorter prefix is not tried.
    if (im.sem().forward_needs_link_up) {
      const Interface* ifp = im.iface(n.ifindex);
      if (ifp != nullptr && ifp->link == LinkState::down) {
        ++im.stats.unreach;
        f.verdict = Forward::Verdict::link_down;
        f.error = EHOSTUNREACH;
        f.ifindex = n.ifindex;
        f.route = im.info(fib, t, s);
        return;
      }
    }
    ++r.pksent;
    f.ifindex = n.ifindex;
    f.resolve = (r.flags & rtf::xresolve) != 0;
    if ((r.flags & rtf::blackhole) != 0) {
      f.verdict = Forward::Verdict::blackhole;
    } else if ((r.flags & rtf::reject) != 0) {
      f.verdict = Forward::Verdict::reject;
      const bool host =
          r.code == std::remove_reference_t<decltype(t)>::host_code || (r.flags & rtf::host) != 0;
      f.error = host ? EHOSTUNREACH : ENETUNREACH;
    } else {
      f.verdict = Forward::Verdict::deliver;
      f.next_hop = (r.flags & rtf::gateway) != 0 && n.gw.is_addr() ? n.gw.addr : dst;
    }
    f.route = im.info(fib, t, s);
  };
  if (dst.family == Family::inet4)
    go(im.v4[fib].t);
  else
    go(im.v6[fib].t);
  return f;
}

// ---- ICMP redirects (rtredirect_fib; B.10) ----

Result<RouteInfo> Fib::redirect(std::uint32_t fib, const Addr& dst, const Addr& gateway,
                                const Addr& src) {
  auto& im = *impl_;
  if (fib >= im.cfg.fibs || dst.family != gateway.family) return err(EINVAL);
  const auto bad = [&im](int e) {
    ++im.stats.badredirect;
    return err(e);
  };
  const IfAddress* ia = nullptr;
  const Interface* ifp = im.with_net(gateway, &ia);
  if (ifp == nullptr) return bad(ENETUNREACH);
  const std::uint32_t table = fib * 2 + (dst.family == Family::inet6 ? 1u : 0u);
  // xnu rtredirect: the gateway must be on the interface the redirect came
  // in on (ifa_ifwithnet_scoped), the route to dst is looked up in that
  // interface's scope and a new host route is scoped to it. The gateway's
  // interface stands in for the receiving one.
  const std::uint16_t scope = im.sem().scoped_routing ? ifp->index : 0;
  const std::uint32_t s =
      scope != 0 ? im.scoped_slot(fib, dst, scope) : im.lpm_slot_const(fib, dst);
  std::optional<RouteInfo> rt;
  if (s != kNone) rt = im.info_any(table, s);
  if (rt && (!(rt->gateway.is_addr() && rt->gateway.addr == src) || rt->ifindex != ifp->index ||
             !(rt->ifa && ia != nullptr && *rt->ifa == ia->addr)))
    return bad(EINVAL);
  if (im.with_addr(gateway)) return bad(EHOSTUNREACH);
  const bool host_rt = rt && rt->prefix.host;
  if (!rt || rt->prefix.is_default() || (!host_rt && (rt->flags & rtf::gateway) != 0)) {
    const Prefix p = Prefix::host_of(dst);
    auto out = im.install(
        fib, p, Gateway::address(gateway), rtf::host | rtf::gateway | rtf::dynamic, ifp->index,
        ia ? std::optional<Addr>(ia->addr) : std::nullopt, Cause::redirect, scope);
    if (!out) return bad(out.error().code().value());
    ++im.stats.dynamic;
    if (im.sem().redirect_lifetime > 0) {
      RouteRequest ch;
      ch.fib = fib;
      ch.dst = dst;
      // Expiry set directly: a redirect is not an RTM_CHANGE.
      const auto set = [&](auto& t) {
        using K = std::remove_reference_t<decltype(t.routes[0].key)>;
        const std::uint32_t slot =
            t.find(detail::KeyOps<K>::from(dst), std::remove_reference_t<decltype(t)>::host_code);
        t.set_expire(slot, im.now() + im.sem().redirect_lifetime);
        im.expiries.push({t.expire(slot), table, slot, t.routes[slot].gen});
        return im.info(fib, t, slot);
      };
      return dst.family == Family::inet4 ? set(im.v4[fib].t) : set(im.v6[fib].t);
    }
    return out;
  }
  if (host_rt && (rt->flags & rtf::gateway) != 0) {
    const auto modify = [&](auto& t) {
      auto& r = t.routes[s];
      detail::Nexthop n = im.nh[r.nh];
      n.gw = Gateway::address(gateway);
      const std::uint32_t old = r.nh;
      r.nh = im.nh.intern(n);
      im.nh.unref(old);
      r.flags |= rtf::modified;
      if (im.sem().nexthop_objects) {
        using K = std::remove_reference_t<decltype(r.key)>;
        im.nh_resync<K>(fib, r.key, r.code, 0);
      }
      return im.info(fib, t, s);
    };
    RouteInfo after = dst.family == Family::inet4 ? modify(im.v4[fib].t) : modify(im.v6[fib].t);
    ++im.stats.newgateway;
    if (im.listening())
      im.emit_route(Cause::redirect, fib, rt, after, after.ifindex);
    return after;
  }
  return bad(EHOSTUNREACH);
}

}  // namespace rtsock::fib
