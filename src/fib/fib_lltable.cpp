// Neighbour entries: FreeBSD 8+ per-interface lltables (if_llatbl.c), kept
// beside the routing table, never in it. Facts and sources:
// docs/research/freebsd-lltable.md.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

bool own_address(const Interface& ifp, const Addr& a) {
  // Every address of a non-loopback interface has its LLE_IFADDR entry
  // (arp_ifinit / nd6_add_ifa_lle), which userland may not replace.
  if ((ifp.flags & iff::loopback) != 0) return false;
  return std::any_of(ifp.addrs.begin(), ifp.addrs.end(),
                     [&](const IfAddress& x) { return x.addr == a; });
}

// in_lltable_rtcheck / in6_lltable_rtcheck: a covering route must exist.
bool on_link(const Fib& f, const Interface& ifp, const Addr& a) {
  if (a.family == Family::inet4) {
    const auto r = f.lookup(ifp.fib, a);
    if (!r) return false;
    if ((r->flags & rtf::gateway) == 0) return true;
    // A host route whose gateway is the address itself (MANET) on Ethernet.
    return r->prefix.host && r->gateway.is_addr() && r->gateway.addr == a && ifp.type == ift::ether;
  }
  // IPv6: no route is fine; a route elsewhere only when the interface has
  // an IPv6 address (ifaof_ifpforaddr falls back to any of the family).
  const auto r = f.lookup(f.config().add_addr_allfibs ? 0 : ifp.fib, a);
  if (!r || ((r->flags & rtf::gateway) == 0 && r->ifindex == ifp.index)) return true;
  return std::any_of(ifp.addrs.begin(), ifp.addrs.end(),
                     [](const IfAddress& x) { return x.addr.family == Family::inet6; });
}

}  // namespace

Result<NeighborAdd> Fib::add_neighbor(std::uint16_t index, const Neighbor& n) {
  auto& im = *impl_;
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  // lla_rt_output: a failed allocation (rtcheck) is ENOMEM.
  if (!on_link(*this, *ifp, n.addr)) return err(ENOMEM);
  // lltable_calc_llheader: only Ethernet-like interfaces build a link
  // header (ether_requestencap: Ethernet, IFT_L2VLAN 0x87, IFT_BRIDGE
  // 0xd1); others EINVAL.
  if (ifp->type != ift::ether && ifp->type != 0x87 && ifp->type != 0xd1) return err(EINVAL);
  if (own_address(*ifp, n.addr)) return err(EPERM);
  NeighborAdd out;
  out.entry = n;
  out.entry.serial = ++im.neighbor_serial;
  auto& v = ifp->neighbors;
  auto it = std::find_if(v.begin(), v.end(), [&](const Neighbor& x) { return x.addr == n.addr; });
  if (it != v.end()) {
    out.replaced = *it;
    *it = out.entry;
  } else {
    v.push_back(out.entry);
  }
  return out;
}

Result<Neighbor> Fib::delete_neighbor(std::uint16_t index, const Addr& a) {
  auto& im = *impl_;
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (own_address(*ifp, a)) return err(EPERM);
  auto& v = ifp->neighbors;
  auto it = std::find_if(v.begin(), v.end(), [&](const Neighbor& x) { return x.addr == a; });
  if (it == v.end()) return err(ENOENT);
  Neighbor gone = *it;
  v.erase(it);
  return gone;
}

// lltable_prefix_free with LLE_STATIC: every table of the family, static
// entries too. No routing message (the entries are freed, not expired).
void Fib::Impl::free_neighbors(const Addr& prefix, int plen) {
  for (auto& ifp : ifs) {
    if (!ifp) continue;
    std::erase_if(ifp->neighbors, [&](const Neighbor& x) {
      return x.addr.family == prefix.family && x.addr.within(prefix, plen);
    });
  }
}

}  // namespace rtsock::fib
