// The KAME nd6 life of an IPv6 address (xnu, DragonFly): in6_update_ifa's
// loopback route and multicast routes, nd6_prefix_onlink's prefix route,
// in6_purgeaddr and the prefix going with its last address; and the marks
// in_addroute/in6_addroute put on every route (xnu, DragonFly, FreeBSD < 8).
// Facts: docs/research/kame-nd6-address.md.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

const Addr kLoopback6 = detail::loopback6();

// rtinit's host route: to the peer of a /128 on a point-to-point link, or
// to ::1 itself (in6_ifattach_loopback gives it itself as destination).
std::optional<Addr> dst_route(const Interface& ifp, const IfAddress& x) {
  if (x.plen != 128) return std::nullopt;
  if (x.peer) return x.peer;
  if ((ifp.flags & iff::loopback) != 0 && x.addr == kLoopback6) return x.addr;
  return std::nullopt;
}

// nd6_prefix_onlink: the prefix route's address is a link-local one of
// the interface, else its first IPv6 address.
const IfAddress* prefix_ifa(const Interface& ifp) {
  const IfAddress* first = nullptr;
  for (const auto& y : ifp.addrs) {
    if (y.addr.family != Family::inet6) continue;
    if (detail::is_linklocal(y.addr)) return &y;
    if (first == nullptr) first = &y;
  }
  return first;
}

// Another interface holds address a too (a shared address).
bool held_elsewhere(const Fib::Impl& im, std::uint16_t index, const Addr& a) {
  return std::any_of(im.ifs.begin(), im.ifs.end(), [&](const auto& other) {
    return other && other->index != index &&
           std::any_of(other->addrs.begin(), other->addrs.end(),
                       [&](const IfAddress& y) { return y.addr == a; });
  });
}

}  // namespace

bool nd6_need_cache(const Semantics& s, const Interface& ifp) {
  switch (ifp.type) {
    case ift::ether:
    case 0x87:  // IFT_L2VLAN
    case ift::bridge:
    case ift::gif:
      return true;
    case ift::ppp:
    case ift::tunnel:
      return s.kernel == Kernel::darwin;  // xnu's list has them, KAME's not
    default:
      return false;
  }
}

bool arp_clones(const Interface& ifp) {
  return ifp.type == ift::ether || ifp.type == 0x87 || ifp.type == ift::bridge;
}

std::uint64_t addroute_marks(const Semantics& s, const Prefix& p, std::uint64_t flags,
                             const Interface* ifp, const std::optional<Addr>& ifa) {
  if (!s.addroute_marks) return flags;
  const Addr& a = p.addr;
  const bool v4 = a.family == Family::inet4;
  if (v4 ? (a.bytes[0] & 0xf0) == 0xe0 : a.bytes[0] == 0xff) flags |= rtf::multicast;
  if ((flags & (rtf::host | rtf::cloning | rtf::multicast)) == 0) flags |= rtf::prcloning;
  // xnu rtrequest_common_locked: a default route is RTF_GLOBAL.
  if (s.kernel == Kernel::darwin && !p.host && p.plen == 0) flags |= rtf::global;
  if ((flags & rtf::host) == 0) return flags;
  const bool bcast =
      v4 && ifp != nullptr &&
      (a == Addr::v4(0xffffffffu) ||
       std::any_of(ifp->addrs.begin(), ifp->addrs.end(),
                   [&](const IfAddress& y) { return y.broadcast && *y.broadcast == a; }));
  if (bcast)
    flags |= rtf::broadcast;
  else if (ifa && *ifa == a)
    flags |= rtf::local;
  return flags;
}

void mcast6_routes(Fib::Impl& im, std::uint16_t index, const IfAddress& x) {
  const Semantics& s = im.sem();
  const Interface* ifp = im.iface(index);
  if (ifp == nullptr || (ifp->flags & iff::multicast) == 0) return;
  const bool cache = nd6_need_cache(s, *ifp);
  // nd6_rtrequest gives a cloning (NetBSD: connected) route on a link that
  // resolves neighbours a link#N gateway; elsewhere the address stays.
  const Gateway gw = cache ? Gateway::link(index, ifp->type) : Gateway::address(x.addr);
  const auto add = [&](std::array<std::uint8_t, 16> b, int plen, bool zone, std::uint64_t flags,
                       std::uint16_t ifscope) {
    const Addr key = zone ? detail::zoned(b, index) : Addr::v6(b);
    // Added unless present (rtalloc1 of the group answers with it): EEXIST.
    for (std::uint32_t fib : fibs_of(im, *ifp))
      (void)im.install(fib, Prefix::net(key, plen), gw, flags, index, x.addr, Cause::unreported,
                       ifscope);
  };
  const std::array<std::uint8_t, 16> ff02{0xff, 0x02}, ff01{0xff, 0x01}, ff00{0xff};
  switch (s.mcast6_routes) {
    case Mcast6Routes::none:
      return;
    case Mcast6Routes::xnu:
      // in6_ifaupdate_aux: scoped to the interface (rtrequest_scoped).
      add(ff02, 32, true, rtf::cloning, index);
      add(ff01, 32, true, rtf::cloning, index);
      add(ff00, 8, false, rtf::cloning, index);
      return;
    case Mcast6Routes::dragonfly:
      // in6_update_ifa: with the interface's first ff02::1 membership; an
      // unscoped ff01::/32 through ::1 on a loopback.
      add(ff02, 32, true, rtf::cloning, 0);
      if ((ifp->flags & iff::loopback) != 0 && x.addr == kLoopback6) add(ff01, 32, false, 0, 0);
      return;
    case Mcast6Routes::netbsd:
      // in6_join_mcastgroups: RTF_CONNECTED, no RTF_CLONING.
      add(ff02, 32, true, rtf::connected, 0);
      add(ff01, 32, true, rtf::connected, 0);
      return;
  }
}

void nd6_add_address(Fib::Impl& im, std::uint16_t index, const IfAddress& x) {
  const Semantics& s = im.sem();
  const bool xnu = s.kernel == Kernel::darwin;
  const Interface* ifp = im.iface(index);
  const Interface* lo = im.loopback();
  const bool loop = (ifp->flags & iff::loopback) != 0;
  const std::optional<Addr> dst = dst_route(*ifp, x);
  const std::vector<std::uint32_t> fibs = fibs_of(im, *ifp);
  // The same address on another interface: its loopback route is there, so
  // in6_ifaddloop adds nothing and rt_newaddrmsg is not called.
  const bool shared = held_elsewhere(im, index, x.addr);
  if (!shared) emit_address(im, ChangeKind::addr_add, *ifp, x);
  for (std::uint32_t fib : fibs) {
    // in6_ifinit's rtinit: xnu's nd6_rtrequest gives the host route an
    // llinfo (RTF_LLINFO); a peer's gateway is the address.
    if (dst)
      (void)im.install(fib, Prefix::host_of(*dst), Gateway::address(x.addr),
                       rtf::host | (xnu ? rtf::llinfo : 0), index, x.addr, Cause::address);
    // in6_ifaddloop (unless rtinit made it): RTF_LLINFO, the interface's
    // MAC (nd6_ifptomac; none on a loopback) as gateway, through lo0.
    if (lo != nullptr && !shared && !(dst && *dst == x.addr)) {
      Gateway link = Gateway::link(index, ifp->type);
      if (!loop) {
        link.lladdr_len = static_cast<std::uint8_t>(std::min<std::size_t>(ifp->lladdr.size(), 8));
        std::copy_n(ifp->lladdr.begin(), link.lladdr_len, link.lladdr.begin());
      }
      (void)im.install(fib, Prefix::host_of(x.addr), link, rtf::host | rtf::llinfo, lo->index,
                       x.addr, Cause::address);
    }
  }
  // in6_ifaupdate_aux / in6_update_ifa: the groups, and the multicast
  // routes that come with them.
  im.join_address_groups(index, x);
  mcast6_routes(im, index, x);
  ifp = im.iface(index);
  // in6ctl_aifaddr / in6_control: nd6_prelist_add → nd6_prefix_onlink for
  // a prefix the interface does not have yet.
  if (x.plen >= 128 || dst) return;
  const Prefix pfx = Prefix::net(x.addr, x.plen);
  const bool have = std::any_of(ifp->addrs.begin(), ifp->addrs.end(), [&](const IfAddress& y) {
    return !(y.addr == x.addr) && y.addr.family == Family::inet6 && y.plen == x.plen &&
           y.addr.within(x.addr, x.plen);
  });
  if (have) return;
  const IfAddress* via = prefix_ifa(*ifp);
  const bool cache = nd6_need_cache(s, *ifp);
  const Gateway gw = cache ? Gateway::link(index, ifp->type) : Gateway::address(via->addr);
  const std::uint64_t flags = cache ? rtf::cloning : 0;
  for (std::uint32_t fib : fibs) {
    auto r = im.install(fib, pfx, gw, flags, index, via->addr, Cause::address);
    // xnu: a prefix another interface has on-link goes in scoped to this one.
    if (!r && xnu && r.error().code().value() == EEXIST)
      (void)im.install(fib, pfx, gw, flags, index, via->addr, Cause::address, index);
  }
}

void nd6_delete_address(Fib::Impl& im, std::uint16_t index, const IfAddress& x) {
  const Interface* ifp = im.iface(index);
  const Interface* lo = im.loopback();
  const std::optional<Addr> dst = dst_route(*ifp, x);
  const std::vector<std::uint32_t> fibs = fibs_of(im, *ifp);
  // in6_purgeaddr: rtinit's route, then in6_ifremloop's; rt_newaddrmsg
  // reports each route and then the address (no route, no message).
  const auto host_route = [&](const Addr& key, std::uint16_t via) {
    std::size_t n = 0;
    for (std::uint32_t fib : fibs)
      n += im.remove_if(fib, Family::inet6, Cause::address, [&](const RouteInfo& r) {
        return r.prefix == Prefix::host_of(key) && r.ifindex == via && r.ifa == x.addr &&
               (r.flags & rtf::gateway) == 0;
      });
    if (n != 0) emit_address(im, ChangeKind::addr_delete, *im.iface(index), x);
  };
  if (dst) host_route(*dst, index);
  // in6_ifremloop: only while no other interface has the address.
  if (lo != nullptr && !(dst && *dst == x.addr) && !held_elsewhere(im, index, x.addr))
    host_route(x.addr, lo->index);
  im.leave_address_groups(index, x);
  Interface* mine = im.iface(index);
  mine->addrs.erase(std::find_if(mine->addrs.begin(), mine->addrs.end(),
                                 [&](const IfAddress& y) { return y.addr == x.addr; }));
  // The prefix goes with its last address (SIOCDIFADDR_IN6 marks it
  // expired; nd6_service/nd6_timer removes it: nd6_prefix_offlink). Its
  // multicast routes stay until the interface goes.
  if (x.plen >= 128 || dst) return;
  const bool last = std::none_of(mine->addrs.begin(), mine->addrs.end(), [&](const IfAddress& y) {
    return y.addr.family == Family::inet6 && y.plen == x.plen && y.addr.within(x.addr, x.plen);
  });
  if (!last) return;
  const Prefix pfx = Prefix::net(x.addr, x.plen);
  for (std::uint32_t fib : fibs)
    im.remove_if(fib, Family::inet6, Cause::address, [&](const RouteInfo& r) {
      return r.prefix == pfx && r.ifindex == index && (r.flags & rtf::gateway) == 0;
    });
}

}  // namespace rtsock::fib
