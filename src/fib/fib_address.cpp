// Interface addresses of the radix personalities: the interface and local
// routes an address brings (FreeBSD rtinit / ifa_maintain_loopback_route,
// in_addprefix, in6_update_ifa; NetBSD in6_ifinit), one address on several
// interfaces, and what goes with an address. OpenBSD's: fib_ifa.cpp.
#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

// The routes an address brings: the interface route (prefix, or host route
// to the peer / to itself on loopback) and the local route through lo0.
struct AddrRoutes {
  Prefix iface_route;
  std::optional<Prefix> local_route;
  bool iface_is_local = false;  // the one route is the address's loopback route
  bool via_loopback = false;    // iface_route leaves through the loopback
};

// FreeBSD gives an IPv6 address on a loopback its prefix route (nd6_prelist_add)
// and its loopback route (in6_ifaddloop, UHS): fe80::%lo0/64 and fe80::1%lo0.
AddrRoutes routes_of(const Semantics& s, const Interface& ifp, const IfAddress& a,
                     bool have_loopback) {
  AddrRoutes out;
  if ((ifp.flags & iff::loopback) != 0) {
    out.iface_route = Prefix::host_of(a.addr);
    if (s.loopback6_prefix_route && a.addr.family == Family::inet6 && a.plen < 128) {
      out.iface_route = Prefix::net(a.addr, a.plen);
      out.local_route = Prefix::host_of(a.addr);
    } else if (s.kernel == Kernel::freebsd && a.addr.family == Family::inet6) {
      out.iface_is_local = true;
    }
    return out;
  }
  if (a.peer) {
    out.iface_route = Prefix::host_of(*a.peer);
  } else if (a.plen == max_plen(a.addr.family)) {
    out.iface_route = Prefix::host_of(a.addr);
    if (s.kernel == Kernel::freebsd && have_loopback) {
      // in6_addifaddr installs no prefix route for a /128, in6_update_ifa
      // the loopback route (UHS lo0); FreeBSD 13+ in_handle_ifaddr_route
      // sends a /32 alias's host route through the loopback (case 2: UH lo0).
      if (a.addr.family == Family::inet6) {
        out.iface_is_local = true;
        out.via_loopback = true;
      } else if (s.version >= 13) {
        out.via_loopback = true;
      }
    }
  } else {
    out.iface_route = Prefix::net(a.addr, a.plen);
  }
  const Prefix local = Prefix::host_of(a.addr);
  if (a.addr.family == Family::inet4 && !s.inet4_local_route) return out;
  if (have_loopback && !(out.iface_route == local)) out.local_route = local;
  return out;
}

// arp_ifinit's RTF_CLONING on an IPv4 prefix route (KAME-era kernels).
std::uint64_t arp_cloning(const Semantics& s, const Interface& ifp, const IfAddress& x,
                          const Prefix& route) {
  return s.addroute_marks && x.addr.family == Family::inet4 && !route.host && arp_clones(ifp)
             ? rtf::cloning
             : 0;
}

// A route of prefix p (any interface, any scope 0) in the table.
bool has_route(const Fib::Impl& im, std::uint32_t fib, const Prefix& p) {
  if (p.family() == Family::inet4)
    return im.table<std::uint32_t>(fib).find(p.addr.v4(),
                                             detail::Table<std::uint32_t>::code_of(p)) !=
           detail::kNone;
  return im.table<detail::u128>(fib).find(detail::KeyOps<detail::u128>::from(p.addr),
                                          detail::Table<detail::u128>::code_of(p)) != detail::kNone;
}

// in_addprefix with a shared address: the prefix route's key is held by a
// kernel (pinned) route that no address of the same prefix route owns (the
// other holder's loopback route under a /32 alias): rib_action's EEXIST
// fails SIOCAIFADDR. A prefix another address owns is only announced
// (in_hasrtprefix).
bool prefix_route_taken(const Fib::Impl& im, std::uint32_t fib, const Interface& ifp,
                        const Prefix& p) {
  const auto& t = im.table<std::uint32_t>(fib);
  const std::uint32_t s = t.find(p.addr.v4(), detail::Table<std::uint32_t>::code_of(p));
  if (s == detail::kNone || (t.routes[s].flags & rtf::pinned) == 0) return false;
  const Interface* lo = im.loopback();
  for (const auto& other : im.ifs) {
    if (!other || other->index == ifp.index) continue;
    if (!im.cfg.add_addr_allfibs && other->fib != fib) continue;
    for (const auto& y : other->addrs)
      if (y.addr.family == Family::inet4 &&
          routes_of(im.sem(), *other, y, lo != nullptr).iface_route == p)
        return false;
  }
  return true;
}

// in_scrubprefix -> in_localip_more, ifa_switch_loopback_route: the IPv4
// loopback route of an address that goes, while another interface of the
// FIB (any FIB with add_addr_allfibs) holds the same address, is handed to
// that one in place (one RTM_CHANGE) instead of being deleted.
bool switch_local_route(Fib::Impl& im, std::uint32_t fib, const Interface& ifp, const IfAddress& x,
                        const Prefix& local) {
  if (!im.sem().shared_addresses || x.addr.family != Family::inet4) return false;
  const Interface* heir = nullptr;
  const Interface* lo = im.loopback();
  for (const auto& other : im.ifs) {
    if (!other || other->index == ifp.index) continue;
    if (!im.cfg.add_addr_allfibs && other->fib != fib) continue;
    const auto it = std::find_if(other->addrs.begin(), other->addrs.end(),
                                 [&](const IfAddress& y) { return y.addr == x.addr; });
    if (it == other->addrs.end()) continue;
    // ia_need_loopback_route: in_localip_more does not ask, so a /32 heir
    // takes the route too.
    heir = &*other;
    break;
  }
  if (heir == nullptr || lo == nullptr) return false;
  auto& t = im.v4[fib].t;
  const std::uint32_t s = t.find(local.addr.v4(), detail::Table<std::uint32_t>::code_of(local));
  if (s == detail::kNone) return false;
  auto& r = t.routes[s];
  const detail::Nexthop& old_nh = im.nh[r.nh];
  if (!old_nh.gw.is_link() || old_nh.gw.ifindex != ifp.index) return false;  // not its route
  const RouteInfo before = im.info(fib, t, s);
  detail::Nexthop n = old_nh;
  n.gw = Gateway::link(heir->index, heir->type);
  const std::uint32_t old = r.nh;
  r.nh = im.nh.intern(n);
  im.nh.unref(old);
  if (im.sem().nexthop_objects) im.nh_resync<std::uint32_t>(fib, r.key, r.code, 0);
  if (im.listening())
    im.emit_route(Cause::address, fib, before, im.info(fib, t, s), heir->index);
  return true;
}

// The route of exactly p in table fib, if any.
std::optional<RouteInfo> route_at(const Fib::Impl& im, std::uint32_t fib, const Prefix& p) {
  if (p.family() == Family::inet4) {
    const auto& t = im.table<std::uint32_t>(fib);
    const std::uint32_t s = t.find(p.addr.v4(), detail::Table<std::uint32_t>::code_of(p));
    if (s == detail::kNone) return std::nullopt;
    return im.info(fib, t, s);
  }
  const auto& t = im.table<detail::u128>(fib);
  const std::uint32_t s =
      t.find(detail::KeyOps<detail::u128>::from(p.addr), detail::Table<detail::u128>::code_of(p));
  if (s == detail::kNone) return std::nullopt;
  return im.info(fib, t, s);
}

// NetBSD rt_ifa_remlocal with an alt_ifa (in_ifremlocal/in6_ifremlocal
// found x on another interface): rt_replace_ifa swaps only the ifaddr, so
// the route (gateway, lo0, flags) stays as it is and rt_newmsg reports it
// with RTM_CHANGE. Any holder may go first; the route is whatever rtalloc1
// finds, a host route through the loopback.
bool repoint_local_route(const Fib::Impl& im, std::uint32_t fib, std::uint16_t index,
                         const IfAddress& x, const Prefix& local) {
  const Interface* lo = im.loopback();
  if (lo == nullptr) return false;
  const Interface* alt = nullptr;
  for (const auto& other : im.ifs) {
    if (!other || other->index == index) continue;
    if (!im.cfg.add_addr_allfibs && other->fib != fib) continue;
    if (std::any_of(other->addrs.begin(), other->addrs.end(),
                    [&](const IfAddress& y) { return y.addr == x.addr; })) {
      alt = &*other;
      break;
    }
  }
  if (alt == nullptr) return false;
  const auto r = route_at(im, fib, local);
  if (!r || !r->prefix.host || r->ifindex != lo->index) return false;
  if (im.listening()) im.emit_route(Cause::address, fib, *r, *r, alt->index);
  return true;
}

// The interface route x holds (IFA_ROUTE), as delete and re-init find it.
bool holds_iface_route(const RouteInfo& r, const IfAddress& x, const AddrRoutes& rs,
                       std::uint16_t index) {
  // NetBSD's loopback prefix route has the address as its gateway.
  const bool own_gw = r.gateway.is_link() || (r.gateway.is_addr() && r.gateway.addr == x.addr &&
                                              (r.flags & rtf::gateway) == 0);
  return r.prefix == rs.iface_route && own_gw && r.ifa == x.addr &&
         (rs.via_loopback ? r.gateway.ifindex == index : r.ifindex == index);
}

// The gateway of an address's own routes: its interface's link, NetBSD's
// lo0 addresses naming it (lo_local: the address's route is its local one).
struct AddrLink {
  Gateway gw;
  bool lo_local = false;
};
AddrLink address_link(const Semantics& s, const Interface& ifp, const IfAddress& x) {
  AddrLink out{Gateway::link(ifp.index, ifp.type), false};
  // ::1 keeps its plain host route (in6_ifaddlocal skips in6addr_loopback).
  out.lo_local = s.loopback_addr_local && (ifp.flags & iff::loopback) != 0 &&
                 !(x.addr == detail::loopback6());
  if (out.lo_local) out.gw.ifname = ifp.name;  // NetBSD: the gateway is lo0's if_sadl
  return out;
}

void install_local_route(Fib::Impl& im, std::uint32_t fib, const Interface& ifp,
                         const IfAddress& x, const AddrRoutes& rs) {
  const Interface* lo = im.loopback();
  if (!rs.local_route || lo == nullptr) return;
  const Semantics& s = im.sem();
  (void)im.install(fib, *rs.local_route, address_link(s, ifp, x).gw,
                   rtf::host | (s.pinned ? rtf::pinned : 0) | s.local_flags, lo->index, x.addr,
                   Cause::address);
}

// rtinit's interface route of x (in_addprefix, in6_ifaddprefix, rtinit).
void install_iface_route(Fib::Impl& im, std::uint32_t fib, const Interface& ifp,
                         const IfAddress& x, const AddrRoutes& rs) {
  const Semantics& s = im.sem();
  const std::uint64_t pinned = s.pinned ? rtf::pinned : 0;
  const AddrLink l = address_link(s, ifp, x);
  std::uint64_t f = l.lo_local ? rtf::host | pinned | s.local_flags
                               : pinned | s.connected_flags | (rs.iface_route.host ? rtf::host : 0);
  // NetBSD's ::1 is a plain host route (rtinit RTF_HOST), not a connected one.
  if (s.loopback_addr_local && (ifp.flags & iff::loopback) != 0 && !l.lo_local)
    f = rtf::host | pinned;
  if (rs.iface_is_local) f = rtf::host | pinned | s.local_flags;
  f |= arp_cloning(s, ifp, x, rs.iface_route);
  Gateway gw = l.gw;
  if (s.loopback_addr_local && (ifp.flags & iff::loopback) != 0 && !rs.iface_route.host) {
    // NetBSD in6_ifaddprefix on a loopback: rtinit's gateway is the
    // address, and no RTF_CONNECTED (nd6_need_cache is false there).
    f = pinned;
    gw = Gateway::address(x.addr);
  }
  // xnu rtinit: the gateway is the address itself; only arp_rtrequest makes
  // a cloning route's link#N, so lo0's and a peer's host routes keep it.
  if (s.kernel == Kernel::darwin && x.addr.family == Family::inet4 && rs.iface_route.host &&
      (ifp.flags & (iff::loopback | iff::pointopoint)) != 0)
    gw = Gateway::address(x.addr);
  const Interface* lo = im.loopback();
  (void)im.install(fib, rs.iface_route, gw, f,
                   rs.via_loopback && lo != nullptr ? lo->index : ifp.index, x.addr,
                   Cause::address);
}

// in_scrubprefix's hand-over of the interface route rs of an address that
// is already off its interface's list: another address of the prefix on
// that interface takes it, else (prefix_takeover_any_iface) one on another
// interface of the FIB, up if prefix_takeover_heir_up. announce: rtinit's
// rt_newaddrmsg for the heir (xnu, DragonFly).
struct HandOver {
  bool taken = false;
  bool elsewhere = false;
};
HandOver hand_over_prefix(Fib::Impl& im, std::uint16_t index, const AddrRoutes& rs,
                          bool announce) {
  const Interface* lo = im.loopback();
  auto take_over = [&](const Interface& other) {
    for (const auto& y : other.addrs) {
      const AddrRoutes ys = routes_of(im.sem(), other, y, lo != nullptr);
      if (!(ys.iface_route == rs.iface_route)) continue;
      if (announce) emit_address(im, ChangeKind::addr_add, other, y);
      for (std::uint32_t fib : fibs_of(im, other))
        (void)im.install(fib, ys.iface_route, Gateway::link(other.index, other.type),
                         (im.sem().pinned ? rtf::pinned : 0) | im.sem().connected_flags |
                             (ys.iface_route.host ? rtf::host : 0) |
                             arp_cloning(im.sem(), other, y, ys.iface_route),
                         other.index, y.addr, Cause::address);
      return true;
    }
    return false;
  };
  HandOver h;
  const Interface* ifp = im.iface(index);
  h.taken = take_over(*ifp);
  // A host route (loopback, point-to-point peer) belongs to its interface.
  if (h.taken || !im.sem().prefix_takeover_any_iface || rs.iface_route.host) return h;
  const std::uint32_t my_fib = ifp->fib;
  for (const auto& other : im.ifs) {
    if (!other || other->index == index || other->fib != my_fib) continue;
    if (im.sem().prefix_takeover_heir_up && !other->up()) continue;
    if (take_over(*other)) {
      h.taken = h.elsewhere = true;
      break;
    }
  }
  return h;
}

// A broadcast interface's IPv4 address gets the subnet's broadcast address
// unless one is given (in_ifinit).
IfAddress with_broadcast(const Interface& ifp, IfAddress x) {
  if (!x.broadcast && !x.peer && x.addr.family == Family::inet4 &&
      (ifp.flags & iff::broadcast) != 0 && x.plen < 31)
    x.broadcast = Addr::v4(x.addr.v4() | ~(x.plen == 0 ? 0u : ~0u << (32 - x.plen)));
  return x;
}

// NetBSD SIOCAIFADDR of an address the interface has (readd_reinits). IPv4
// in_control: in_scrubprefix whenever a mask comes (ifconfig always sends
// one), then in_ifinit: rt_ifa_addlocal finds the loopback route and only
// announces the address (RTM_NEWADDR, the new mask), in_addprefix adds the
// new prefix route unless another address holds it. IPv6 in6_update_ifa1:
// in6_ifremprefix only if the prefix length or destination changes, then
// in6_ifinit: RTM_NEWADDR (newhost 0: no local route), in6_ifaddprefix.
Result<void> reinit_address(Fib::Impl& im, std::uint16_t index, const IfAddress& a) {
  Interface* ifp = im.iface(index);
  const auto pos = static_cast<std::size_t>(
      std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                   [&](const IfAddress& y) { return y.addr == a.addr; }) -
      ifp->addrs.begin());
  const IfAddress old = ifp->addrs[pos];
  IfAddress x = a;
  if (!x.peer) x.peer = old.peer;  // no new destination: ia_dstaddr stays
  x = with_broadcast(*ifp, x);
  const bool v6 = x.addr.family == Family::inet6;
  const Interface* lo = im.loopback();
  if (!v6 || old.plen != x.plen || old.peer != x.peer) {
    const AddrRoutes before = routes_of(im.sem(), *ifp, old, lo != nullptr);
    std::size_t held = 0;
    for (std::uint32_t fib : fibs_of(im, *ifp))
      held += im.remove_if(fib, x.addr.family, Cause::address, [&](const RouteInfo& r) {
        return holds_iface_route(r, old, before, index);
      });
    ifp->addrs.erase(ifp->addrs.begin() + static_cast<std::ptrdiff_t>(pos));
    if (held != 0) (void)hand_over_prefix(im, index, before, false);
    ifp = im.iface(index);
    ifp->addrs.insert(ifp->addrs.begin() + static_cast<std::ptrdiff_t>(pos), x);
  } else {
    ifp->addrs[pos] = x;
  }
  emit_address(im, ChangeKind::addr_add, *ifp, x);
  const AddrRoutes rs = routes_of(im.sem(), *ifp, x, lo != nullptr);
  for (std::uint32_t fib : fibs_of(im, *ifp)) {
    if (!v6 && rs.local_route && !has_route(im, fib, *rs.local_route))
      install_local_route(im, fib, *ifp, x, rs);
    if (!has_route(im, fib, rs.iface_route)) install_iface_route(im, fib, *ifp, x, rs);
  }
  return {};
}

}  // namespace

std::vector<std::uint32_t> fibs_of(const Fib::Impl& im, const Interface& ifp) {
  std::vector<std::uint32_t> out;
  if (im.cfg.add_addr_allfibs)
    for (std::uint32_t f = 0; f < im.cfg.fibs; ++f) out.push_back(f);
  else
    out.push_back(ifp.fib);
  return out;
}

// RTM_NEWADDR / RTM_DELADDR of address x on ifp.
void emit_address(const Fib::Impl& im, ChangeKind kind, const Interface& ifp, const IfAddress& x,
                  Cause cause) {
  if (!im.listening()) return;
  Change c;
  c.kind = kind;
  c.cause = cause;
  c.fib = ifp.fib;
  c.ifindex = ifp.index;
  c.address = x;
  c.iface = im.snapshot(ifp, false);
  im.emit(std::move(c));
}

Result<void> Fib::add_address(std::uint16_t index, const IfAddress& a) {
  auto& im = *impl_;
  if (im.sem().address_routes == AddressRoutes::ifa) return im.ifa_add(index, a);
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (a.plen > max_plen(a.addr.family) || a.addr.is_zero()) return err(EINVAL);
  if ((a.peer && (a.peer->family != a.addr.family || (ifp->flags & iff::pointopoint) == 0)) ||
      (a.broadcast && a.broadcast->family != a.addr.family))
    return err(EINVAL);
  const auto own = std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                                [&](const IfAddress& y) { return y.addr == a.addr; });
  if (own != ifp->addrs.end()) {
    const bool v6 = a.addr.family == Family::inet6;
    if (im.sem().readd_reinits && (!v6 || im.sem().inet6_plen_change))
      return reinit_address(im, index, a);
    // KAME in6_update_ifa: an address the interface has is updated; its
    // prefix length cannot change.
    if (im.sem().inet6_update_existing && v6)
      return own->plen == a.plen ? Result<void>{} : err(EINVAL);
    return err(EEXIST);
  }
  if (im.with_addr(a.addr) != nullptr) {  // another interface holds it
    if (!im.sem().shared_addresses && !im.sem().second_holder_ok) return err(EEXIST);
    if (a.addr.family == Family::inet4) {
      const AddrRoutes rs = routes_of(im.sem(), *ifp, a, im.loopback() != nullptr);
      for (std::uint32_t fib : fibs_of(im, *ifp))
        if (prefix_route_taken(im, fib, *ifp, rs.iface_route)) return err(EEXIST);
    }
  }
  IfAddress x = with_broadcast(*ifp, a);
  im.dad_mark(*ifp, x);
  ifp->addrs.push_back(x);
  const Semantics& s = im.sem();
  if (s.inet6_nd_prefix && x.addr.family == Family::inet6) {
    nd6_add_address(im, index, x);
    im.dad_start(index, x.addr);
    return {};
  }
  const bool local_first = s.inet6_local_first && x.addr.family == Family::inet6;
  if (local_first) {
    // in6_broadcast_ifa: the address's permanent ND entry (nd6_add_ifa_lle,
    // displacing a learned one), its groups, and only then in6_newaddrmsg.
    if (s.lltable && (ifp->flags & iff::loopback) == 0) {
      std::optional<Neighbor> displaced;
      const auto n = std::find_if(ifp->neighbors.begin(), ifp->neighbors.end(),
                                  [&](const Neighbor& y) { return y.addr == x.addr; });
      if (n != ifp->neighbors.end()) {
        displaced = *n;
        ifp->neighbors.erase(n);
      }
      if (im.listening()) {
        Change c;
        c.kind = ChangeKind::addr_lle;
        c.cause = Cause::address;
        c.fib = ifp->fib;
        c.ifindex = index;
        c.address = x;
        c.neighbor = displaced;
        im.emit(std::move(c));
      }
    }
    im.join_address_groups(index, x);
    ifp = im.iface(index);
  }
  const Interface* lo = im.loopback();
  const AddrRoutes rs = routes_of(im.sem(), *ifp, x, lo != nullptr);
  if (s.rtinit_messages && x.addr.family == Family::inet4 &&
      has_route(im, ifp->fib, rs.iface_route)) {
    // rtinit's EEXIST: no route, no rt_newaddrmsg; in_ifinit goes on.
    im.join_address_groups(index, x);
    return {};
  }
  emit_address(im, ChangeKind::addr_add, *ifp, x);
  // NetBSD in_ifinit: in_ifaddlocal, then in_addprefix.
  const bool routes_local_first =
      local_first || (s.inet4_local_first && x.addr.family == Family::inet4);
  for (std::uint32_t fib : fibs_of(im, *ifp)) {
    // in6_newaddrmsg announces the loopback route with the address, before
    // nd6_prelist_add installs the prefix route. Another address already
    // holding the prefix route keeps it (in_addprefix): install fails.
    if (routes_local_first) install_local_route(im, fib, *ifp, x, rs);
    install_iface_route(im, fib, *ifp, x, rs);
    if (!routes_local_first) install_local_route(im, fib, *ifp, x, rs);
  }
  // NetBSD in6_join_mcastgroups: after the address's routes.
  if (s.mcast6_routes == Mcast6Routes::netbsd && x.addr.family == Family::inet6)
    mcast6_routes(im, index, x);
  // in_aifaddr_ioctl: all-hosts after the address's routes.
  if (!local_first) im.join_address_groups(index, x);
  // NetBSD in6_update_ifa1 / in_control: DAD starts after all that.
  im.dad_start(index, x.addr);
  // in6_control SIOCAIFADDR_IN6: a new address clears ifdisabled.
  ifp = im.iface(index);
  if (s.ll_addr_clears_ifdisabled && x.addr.family == Family::inet6 &&
      (ifp->nd6 & nd6::ifdisabled) != 0)
    return set_nd6(index, ifp->nd6 & ~nd6::ifdisabled);
  return {};
}

Result<void> Fib::delete_address(std::uint16_t index, const Addr& a) {
  auto& im = *impl_;
  if (im.sem().address_routes == AddressRoutes::ifa) return im.ifa_delete(index, a);
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  const auto it = std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                               [&](const IfAddress& x) { return x.addr == a; });
  if (it == ifp->addrs.end()) return err(EADDRNOTAVAIL);
  const IfAddress x = *it;
  im.dad_stop(index, &a);  // nd6_dad_stop / arp_dad_stop
  const Semantics& s = im.sem();
  if (s.inet6_nd_prefix && a.family == Family::inet6) {
    nd6_delete_address(im, index, x);
    return {};
  }
  const Interface* lo = im.loopback();
  const AddrRoutes rs = routes_of(s, *ifp, x, lo != nullptr);
  std::size_t held = 0;  // IFA_ROUTE: the address held its prefix route
  // NetBSD in_scrubaddr, in6_purgeaddr: the prefix route (and its hand-over)
  // before the local route.
  const bool prefix_first =
      a.family == Family::inet6 ? s.inet6_prefix_delete_first : s.inet4_prefix_delete_first;
  bool repointed = false;  // rt_ifa_remlocal kept the route for another holder
  // x, not a, from here: once x is off the list, a may name detach_one's
  // next address.
  auto remove_local = [&](std::uint32_t fib) {
    if (!rs.local_route) return;
    if (s.local_route_alt_ifa) {
      if (repoint_local_route(im, fib, index, x, *rs.local_route)) {
        repointed = true;
        return;
      }
      im.remove_if(fib, x.addr.family, Cause::address, [&](const RouteInfo& r) {
        return r.prefix == *rs.local_route && r.ifindex == lo->index && r.ifa == x.addr;
      });
      return;
    }
    if (switch_local_route(im, fib, *ifp, x, *rs.local_route)) return;
    im.remove_if(fib, x.addr.family, Cause::address, [&](const RouteInfo& r) {
      return r.prefix == *rs.local_route && r.gateway.is_link() && r.gateway.ifindex == index &&
             r.ifa == x.addr;
    });
  };
  for (std::uint32_t fib : fibs_of(im, *ifp)) {
    if (!prefix_first) remove_local(fib);
    held += im.remove_if(fib, a.family, Cause::address,
                         [&](const RouteInfo& r) { return holds_iface_route(r, x, rs, index); });
  }
  ifp = im.iface(index);
  ifp->addrs.erase(std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                                [&](const IfAddress& y) { return y.addr == a; }));
  // rtinit's rt_newaddrmsg (xnu, DragonFly): RTM_DELADDR after the route,
  // from the address that held it only, and before an heir's messages.
  const bool rtinit_msgs = s.rtinit_messages && x.addr.family == Family::inet4;
  if (rtinit_msgs && held != 0) emit_address(im, ChangeKind::addr_delete, *ifp, x);
  // Another address of the same prefix takes over the prefix route
  // (in_scrubprefix): one on this interface, else (FreeBSD, NetBSD,
  // DragonFly) one on another interface of the same FIB.
  const bool hand_over = s.prefix_takeover && (held != 0 || !rtinit_msgs);
  // in_scrubprefix: an address whose route IFF_UP going down took (IFA_ROUTE
  // clear) hands nothing over.
  const bool scrubbed = im.scrubbed.erase({index, x.addr}) != 0;
  HandOver h;
  if (scrubbed)
    h.taken = true;
  else if (hand_over)
    h = hand_over_prefix(im, index, rs, rtinit_msgs && held != 0);
  if (prefix_first)
    for (std::uint32_t fib : fibs_of(im, *im.iface(index))) remove_local(fib);
  ifp = im.iface(index);
  if (s.lltable) {
    // IPv4 (in_scrubprefix -> in_scrubprefixlle): the prefix's neighbours
    // go with the route, or when it moves to another interface. IPv6
    // (in6_unlink_ifa -> nd6_rem_ifa_lle): when the interface's ND prefix
    // loses its last address.
    bool drop = held != 0 && (!h.taken || h.elsewhere);
    if (x.addr.family == Family::inet6)
      drop = std::none_of(ifp->addrs.begin(), ifp->addrs.end(), [&](const IfAddress& y) {
        return y.plen == x.plen && y.addr.family == x.addr.family && y.addr.within(x.addr, x.plen);
      });
    if (drop) im.free_neighbors(x.addr, x.plen);
  }
  // in_ifadown(ifa, 1): the other routes using the address, unreported
  // (x, not a: a may name the detach loop's next address by now).
  if (s.ifa_delete_purges_routes && x.addr.family == Family::inet4)
    im.ifa_down(index, x.addr, true);
  ifp = im.iface(index);
  // rt_ifa_remlocal says RTM_DELADDR only when it deletes the route.
  if (!rtinit_msgs && !repointed) emit_address(im, ChangeKind::addr_delete, *ifp, x);
  // The groups it held; FreeBSD 12+ reports the leaves from a deferred
  // task, after the address's own messages.
  im.leave_address_groups(index, x);
  return {};
}

}  // namespace rtsock::fib
