// Darwin scoped routing (RTF_IFSCOPE): routes of one prefix per interface
// beside the unscoped one, and xnu's lookup that chooses between them.
// Facts and sources: docs/research/darwin-scoped-routing.md.
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

using detail::kNone;
using detail::Table;
using detail::u128;

template <class K>
std::uint32_t Fib::Impl::scoped_lookup(std::uint32_t fib, const Addr& dst,
                                       const std::optional<Prefix>& exact, std::uint16_t ifscope,
                                       bool coarse) const {
  const auto& t = table<K>(fib);
  using Ops = detail::KeyOps<K>;
  const K a = Ops::from(dst);
  // node_lookup: the radix tree with the scope in the key and the
  // rn_match_ifscope leaf filter is a longest match within one scope.
  const auto node = [&](std::uint16_t scope) {
    if (exact) return t.find(Ops::from(exact->addr), Table<K>::code_of(*exact), scope);
    return t.lpm(a, Table<K>::host_code, scope);
  };
  const auto ifindex = [&](std::uint32_t s) { return nh[t.routes[s].nh].ifindex; };
  const auto is_default = [&](std::uint32_t s) { return t.routes[s].key == K{}; };  // SA_DEFAULT
  const auto is_host = [&](std::uint32_t s) { return (t.routes[s].flags & rtf::host) != 0; };

  // sa_copy: a link-local destination's zone is its scope.
  if (ifscope == 0) ifscope = detail::embedded_scope(dst);
  const bool dontcare = ifscope == 0;
  std::uint32_t rn0 = node(0), rn = rn0;
  // node_lookup_default matches the all-zeros key among unscoped routes;
  // get_primary_ifscope is what the last add, change or delete of an
  // unscoped route with a default key left (IFSCOPE_NONE: the scoped
  // search below runs in no scope and finds only unscoped routes).
  const std::uint32_t def = t.lpm(K{}, Table<K>::host_code, 0);
  if (dontcare) ifscope = primary_ifscope<K>(fib);
  if (rn != kNone) {
    const Interface* ifp = iface(ifindex(rn));
    const bool loop = ifp != nullptr && (ifp->flags & iff::loopback) != 0;
    // A loopback interface route (a local address) is kept as it is.
    if (!loop || (t.routes[rn].flags & rtf::gateway) != 0) {
      if (ifindex(rn) != ifscope) {
        rn = kNone;
        if (dontcare) {
          ifscope = ifindex(rn0);
        } else {
          const Interface* lo = loopback();
          const auto& n = nh[t.routes[rn0].nh];
          // rt_ifa_is_dst: scoped to lo0, a route to one of our addresses stays.
          if (lo == nullptr || ifscope != lo->index || !n.has_ifa || n.ifa != dst) rn0 = kNone;
        }
      } else if ((t.routes[rn].flags & rtf::ifscope) == 0) {
        rn = kNone;  // right interface but unscoped: try the scoped routes first
      }
    }
  }
  if (rn == kNone) rn = node(ifscope);
  // The unscoped result wins when the scoped search found nothing, for a
  // coarse lookup, over a scoped default, and a host route over a network.
  if (rn == kNone || coarse ||
      (rn0 != kNone && ((is_default(rn) && !is_default(rn0)) || (!is_host(rn) && is_host(rn0)))))
    rn = rn0;
  if (rn == kNone && def != kNone && ifindex(def) == ifscope) rn = def;
  return rn;
}

template std::uint32_t Fib::Impl::scoped_lookup<std::uint32_t>(std::uint32_t, const Addr&,
                                                               const std::optional<Prefix>&,
                                                               std::uint16_t, bool) const;
template std::uint32_t Fib::Impl::scoped_lookup<u128>(std::uint32_t, const Addr&,
                                                      const std::optional<Prefix>&, std::uint16_t,
                                                      bool) const;

std::uint32_t Fib::Impl::scoped_slot(std::uint32_t fib, const Addr& dst,
                                     std::uint16_t ifscope) const {
  if (dst.family == Family::inet4) {
    if (v4[fib].t.scoped() == 0 && ifscope == 0) return v4[fib].t.lpm(dst.v4());
    return scoped_lookup<std::uint32_t>(fib, dst, std::nullopt, ifscope, false);
  }
  if (v6[fib].t.scoped() == 0 && ifscope == 0 && detail::embedded_scope(dst) == 0)
    return v6[fib].t.lpm(detail::KeyOps<u128>::from(dst));
  return scoped_lookup<u128>(fib, dst, std::nullopt, ifscope, false);
}

Result<Fib::Impl::IfChoice> Fib::Impl::scoped_ifa(const RouteRequest& r,
                                                  std::uint64_t flags) const {
  const Interface* ifp = iface(r.ifscope);
  if (ifp == nullptr) return err(ENETUNREACH);  // rtm_index is not checked, no ifa matches
  const Gateway& gw = r.gateway;
  const auto choice = [&](const IfAddress& a) {
    IfChoice c{ifp->index, a.addr};
    // ifaof_ifpforaddr: an address of the destination's family.
    if (a.addr.family != r.dst.family) {
      const IfAddress* x = addr_for(*ifp, r.dst);
      c.ifa = x != nullptr && x->addr.family == r.dst.family ? std::optional<Addr>(x->addr)
                                                             : std::nullopt;
    }
    return c;
  };
  if (gw.is_link()) {
    const Interface* gif = gw.ifindex != 0 ? iface(gw.ifindex) : iface_by_name(gw.ifname);
    if (gif == nullptr || gif->index != ifp->index) return err(ENETUNREACH);
    const IfAddress* a = addr_for(*ifp, r.dst);
    return IfChoice{ifp->index, a != nullptr && a->addr.family == r.dst.family
                                    ? std::optional<Addr>(a->addr)
                                    : std::nullopt};
  }
  if (!gw.is_addr()) return err(ENETUNREACH);
  // ifa_ifwithdstaddr(dst) for an interface host route, ifa_ifwithaddr_scoped
  // (gateway) for an interface route, ifa_ifwithdstaddr_scoped(gateway) for
  // a gateway route; then ifa_ifwithnet_scoped(gateway): each on ifscope only.
  for (const IfAddress& a : ifp->addrs) {
    if ((flags & rtf::gateway) == 0) {
      if ((flags & rtf::host) != 0 && a.peer && *a.peer == r.dst) return choice(a);
      if (a.addr == gw.addr) return choice(a);
    } else if (a.peer && *a.peer == gw.addr) {
      return choice(a);
    }
  }
  for (const IfAddress& a : ifp->addrs)
    if (a.addr.family == gw.addr.family &&
        (a.peer ? *a.peer == gw.addr : gw.addr.within(a.addr, a.plen)))
      return choice(a);
  // rtalloc1_scoped_locked(gateway, ifscope): a route on the scope's interface.
  if (r.fib < cfg.fibs) {
    const std::uint32_t s = scoped_slot(r.fib, gw.addr, r.ifscope);
    if (s != kNone) {
      const RouteInfo ri = info_any(r.fib * 2 + (gw.addr.family == Family::inet6 ? 1u : 0u), s);
      if (ri.ifindex == ifp->index) {
        IfChoice c{ifp->index, ri.ifa};
        if (!c.ifa || c.ifa->family != r.dst.family) {
          const IfAddress* x = addr_for(*ifp, r.dst);
          c.ifa = x != nullptr && x->addr.family == r.dst.family ? std::optional<Addr>(x->addr)
                                                                 : std::nullopt;
        }
        return c;
      }
    }
  }
  return err(ENETUNREACH);
}

std::optional<Fib::Impl::IfChoice> Fib::Impl::scoped_setif(const RouteRequest& r,
                                                           IfChoice current) const {
  const Gateway& gw = r.gateway;
  const Interface* ifp = nullptr;
  const IfAddress* ia = nullptr;
  if (r.ifp_index && *r.ifp_index != 0) ifp = iface(*r.ifp_index);
  if (ifp != nullptr) {
    // ifa_ifwithnet_scoped forgets the scope for AF_LINK and takes the
    // sdl_index as it is: the interface named wins over the scope.
    // ifaof_ifpforaddr(IFA ?: GATEWAY, ifp).
    if (r.ifa)
      ia = addr_for(*ifp, *r.ifa);
    else if (gw.is_addr())
      ia = addr_for(*ifp, gw.addr);
    else
      return IfChoice{ifp->index, std::nullopt};  // ifp's link-level ifa: no address to keep
  } else if (!r.ifp_name.empty() && (ifp = iface_by_name(r.ifp_name)) != nullptr) {
    // if_withname, then ifaof_ifpforaddr(GATEWAY, ifp); RTA_IFA is not used.
    if (gw.is_addr()) ia = addr_for(*ifp, gw.addr);
  } else if (const Interface* s = r.ifa ? iface(r.ifscope) : nullptr) {
    // ifa_ifwithaddr_scoped(IFA, ifscope): an address (or broadcast
    // address) of the scope's interface only.
    for (const IfAddress& a : s->addrs)
      if (a.addr == *r.ifa || (a.broadcast && *a.broadcast == *r.ifa)) {
        ifp = s;
        ia = &a;
        break;
      }
  }
  if (ifp == nullptr) return std::nullopt;  // ifa_ifwithroute_scoped_locked(GATEWAY)
  // An interface without a fitting ifa: the route keeps the one it has.
  if (ia == nullptr) return current;
  return IfChoice{ifp->index,
                  ia->addr.family == r.dst.family ? std::optional<Addr>(ia->addr) : std::nullopt};
}

int Fib::Impl::scoped_gwroute_check(std::uint32_t fib, const Gateway& gw, std::uint64_t flags,
                                    std::uint16_t scope) const {
  if (!sem().scoped_routing || scope == 0 || (flags & rtf::ifscope) == 0 ||
      (flags & rtf::gateway) == 0 || !gw.is_addr() || fib >= cfg.fibs)
    return 0;
  // rtalloc1_scoped_locked(gate, 1, RTF_PRCLONING, ifscope): no route to
  // the gateway is accepted; one on another interface (a loopback local
  // route, which a scoped lookup keeps) is not.
  const std::uint32_t s = scoped_slot(fib, gw.addr, scope);
  if (s == kNone) return 0;
  const RouteInfo g = info_any(fib * 2 + (gw.addr.family == Family::inet6 ? 1u : 0u), s);
  if (g.ifindex == 0 || g.ifindex == scope) return 0;
  return (flags & rtf::host) != 0 ? EHOSTUNREACH : ENETUNREACH;
}

}  // namespace rtsock::fib
