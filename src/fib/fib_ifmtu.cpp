// What a new interface MTU does to the routes through that interface, per
// kernel (Semantics::if_mtu_routes). The kernels change the stored metric in
// place and tell no listener; we keep the same silence (the change records
// are Cause::unreported) so that only the interface's RTM_IFINFO goes out.
// Facts and sources: docs/research/interface-mtu-link.md.
#include "impl.hpp"

namespace rtsock::fib {

using detail::Table;
using detail::u128;

namespace {

// The MTU a route's nexthop gets for ifp's new MTU, or nullopt to keep it.
std::optional<std::uint32_t> new_route_mtu(IfMtuRoutes mode, std::uint32_t cur, std::uint32_t ifmtu,
                                           std::uint64_t flags, bool host, std::uint32_t locks) {
  switch (mode) {
    case IfMtuRoutes::none:
      return std::nullopt;
    case IfMtuRoutes::rt_walk:
      // Lowering is unconditional; raising is for interface routes only,
      // never for a user-given MTU or a gateway/host route.
      if (cur >= ifmtu) return ifmtu;
      if ((flags & (rtf::fixedmtu | rtf::gateway)) != 0 || host) return std::nullopt;
      return ifmtu;
    case IfMtuRoutes::nexthops:
      if ((flags & rtf::fixedmtu) == 0 || cur > ifmtu) return ifmtu;
      return std::nullopt;
    case IfMtuRoutes::unlocked:
      // A route with MTU 0 means "the interface's" already and stays 0.
      if ((locks & rtv::mtu) != 0 || cur == 0) return std::nullopt;
      return ifmtu;
  }
  return std::nullopt;
}

}  // namespace

void Fib::Impl::update_route_mtus(const Interface& ifp) {
  const IfMtuRoutes mode = sem().if_mtu_routes;
  if (mode == IfMtuRoutes::none) return;
  const auto go = [&](auto tag, std::uint32_t fib) {
    using K = decltype(tag);
    auto& t = table<K>(fib);
    for (std::uint32_t s = 0; s < t.routes.size(); ++s) {
      const auto& r = t.routes[s];
      if (r.state != detail::kLinked || nh[r.nh].ifindex != ifp.index) continue;
      const detail::Nexthop& cur = nh[r.nh];
      const bool host = r.code == Table<K>::host_code || (r.flags & rtf::host) != 0;
      const auto mtu = new_route_mtu(mode, cur.mtu, ifp.mtu, r.flags, host, cur.locks);
      if (!mtu || *mtu == cur.mtu) continue;
      const RouteInfo before = info(fib, t, s);
      detail::Nexthop n = cur;
      n.mtu = *mtu;
      set_nexthop<K>(fib, s, n);
      if (sem().nexthop_objects) nh_rekey<K>(fib, s);
      if (listening()) emit_interface_change(fib, before, info(fib, t, s), ifp.index);
    }
  };
  // Every FIB: the kernels walk all of them, whatever the interface's own.
  for (std::uint32_t fib = 0; fib < cfg.fibs; ++fib) {
    go(std::uint32_t{}, fib);
    go(u128{}, fib);
  }
}

}  // namespace rtsock::fib
