// What IFF_UP going down and up, and the loss of an IPv4 address, do to the
// routes that use the address, per kernel (Semantics::if_down_routes,
// ifa_delete_purges_routes, if_down_newaddr). OpenBSD's rt_if_track is its
// own model (fib_rtable.cpp). Facts and sources:
// docs/research/interface-mtu-link.md.
#include <utility>
#include <vector>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

// The prefix rtinit gives an IPv4 address (rtinitflags: a host route on a
// loopback or to a point-to-point peer).
Prefix iface_prefix(const Interface& ifp, const IfAddress& x) {
  if ((ifp.flags & iff::loopback) != 0 || x.plen == 32) return Prefix::host_of(x.addr);
  if (x.peer) return Prefix::host_of(*x.peer);
  return Prefix::net(x.addr, x.plen);
}

bool has_ifa(const RouteInfo& r, const Addr& a) { return r.ifa && *r.ifa == a; }

// A route rtinit or ifa_add_loopback_route made for x of interface index:
// its gateway names the interface.
bool made_for(const RouteInfo& r, const Prefix& p, std::uint16_t index, const Addr& a) {
  return r.prefix == p && has_ifa(r, a) && r.gateway.is_link() && r.gateway.ifindex == index;
}

}  // namespace

void Fib::Impl::ifa_down(std::uint16_t index, const Addr& a, bool del) {
  // in_ifadownkill matches the ifaddr itself; where two interfaces may hold
  // the same address (FreeBSD, NetBSD, DragonFly, xnu) the route's
  // interface tells which.
  const bool shared = sem().shared_addresses || sem().second_holder_ok;
  for (std::uint32_t fib = 0; fib < cfg.fibs; ++fib)
    remove_if(fib, a.family, Cause::unreported, [&](const RouteInfo& r) {
      if (!has_ifa(r, a)) return false;
      if (shared && r.ifindex != index && !(r.gateway.is_link() && r.gateway.ifindex == index))
        return false;
      return del || (r.flags & rtf::static_) == 0;
    });
}

void Fib::Impl::if_down_scrub(std::uint16_t index) {
  const IfDownRoutes mode = sem().if_down_routes;
  const Interface* ifp = iface(index);
  if (mode == IfDownRoutes::none || ifp == nullptr) return;
  // FreeBSD 13+ in_scrubprefix: rt_addrmsg, then in_handle_ifaddr_route;
  // rtinit's rt_newaddrmsg (FreeBSD <= 12, DragonFly, xnu): RTM_DELETE first.
  const bool addrmsg_first = sem().kernel == Kernel::freebsd && sem().version >= 13;
  const std::vector<IfAddress> addrs = ifp->addrs;
  for (const IfAddress& x : addrs) {
    if (x.addr.family != Family::inet4 || scrubbed.count({index, x.addr}) != 0) continue;
    const Prefix p = iface_prefix(*ifp, x);
    // Only an address holding its prefix route (IFA_ROUTE) is scrubbed, and
    // only then does in_ifadown run for it.
    std::vector<RouteInfo> held;
    for (std::uint32_t fib = 0; fib < cfg.fibs; ++fib)
      remove_if(fib, Family::inet4, Cause::address, [&](const RouteInfo& r) {
        if (made_for(r, p, index, x.addr)) held.push_back(r);
        return false;
      });
    if (held.empty()) continue;
    if (addrmsg_first) emit_address(*this, ChangeKind::addr_delete, *ifp, x, Cause::address);
    for (const RouteInfo& h : held)
      remove_if(h.fib, Family::inet4, Cause::address, [&](const RouteInfo& r) { return r == h; });
    if (!addrmsg_first) emit_address(*this, ChangeKind::addr_delete, *ifp, x, Cause::address);
    ifa_down(index, x.addr, mode == IfDownRoutes::scrub_static);
    scrubbed[{index, x.addr}] = std::move(held);
  }
}

void Fib::Impl::if_up_restore(std::uint16_t index) {
  const Interface* ifp = iface(index);
  if (ifp == nullptr) return;
  const Interface* lo = loopback();
  // FreeBSD 8+ PRC_IFUP / in_ifnet_event: ifa_del_loopback_route before the
  // prefix route, ifa_add_loopback_route after it.
  const bool redo_local = sem().kernel == Kernel::freebsd && sem().version >= 8 && lo != nullptr;
  const std::vector<IfAddress> addrs = ifp->addrs;
  for (const IfAddress& x : addrs) {
    const auto it = scrubbed.find({index, x.addr});
    if (it == scrubbed.end()) continue;
    const std::vector<RouteInfo> held = std::move(it->second);
    scrubbed.erase(it);
    std::vector<RouteInfo> locals;
    const Prefix host = Prefix::host_of(x.addr);
    if (redo_local && !(iface_prefix(*ifp, x) == host))
      for (std::uint32_t fib = 0; fib < cfg.fibs; ++fib)
        remove_if(fib, Family::inet4, Cause::address, [&](const RouteInfo& r) {
          const bool mine = made_for(r, host, index, x.addr) && r.ifindex == lo->index;
          if (mine) locals.push_back(r);
          return mine;
        });
    // rtinit(RTM_ADD) -> rt_newaddrmsg, FreeBSD 14 rt_addrmsg: the address first.
    emit_address(*this, ChangeKind::addr_add, *ifp, x, Cause::address);
    std::vector<RouteInfo> again = held;
    again.insert(again.end(), locals.begin(), locals.end());
    for (const RouteInfo& r : again)
      (void)install(r.fib, r.prefix, r.gateway, r.flags, r.ifindex, r.ifa, Cause::address,
                    r.ifscope);
  }
}

void Fib::Impl::if_detached_addrs(std::uint16_t index) {
  const Interface* ifp = iface(index);
  if (ifp == nullptr || !listening()) return;
  // Each domain's hook in turn: in_if_link_down, then in6_if_link_down.
  for (Family f : {Family::inet4, Family::inet6})
    for (const IfAddress& x : ifp->addrs)
      if (x.addr.family == f) emit_address(*this, ChangeKind::addr_add, *ifp, x, Cause::interface);
}

}  // namespace rtsock::fib
