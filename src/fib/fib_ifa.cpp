// OpenBSD's address routes: in_ifinit and in6_update_ifa add, per address,
// a local route on the interface itself (rt_ifa_addlocal), a connected
// cloning route through the address and a broadcast route (in_insert_prefix)
// or a host route to the peer; the first inet6 address attaches the
// interface (link-local address, ff01::/32 and ff02::/32). in_purgeaddr and
// in6_purgeaddr take them away again, with every route that used the
// address (rt_ifa_purge). Facts and sources:
// docs/research/openbsd-route-model.md.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

using detail::kNone;
using detail::same_gateway;
using detail::Table;
using detail::u128;

namespace {

// rt_ifa_add's priorities (if_priority is 0 here).
std::uint8_t ifa_prio(std::uint64_t flags) {
  if ((flags & (rtf::local | rtf::broadcast)) != 0) return rtp::local;
  if ((flags & rtf::connected) != 0) return rtp::connected;
  return rtp::static_;
}



// in6_ifattach's link-local address: fe80::1 on a loopback, the modified
// EUI-64 of a 6-byte MAC otherwise. Without a MAC OpenBSD borrows another
// interface's or draws one at random; here the index makes it.
Addr linklocal_of(const Interface& ifp) {
  std::array<std::uint8_t, 16> b{};
  b[0] = 0xfe;
  b[1] = 0x80;
  if ((ifp.flags & iff::loopback) != 0) {
    b[15] = 1;
  } else if (ifp.lladdr.size() == 6) {
    const auto& m = ifp.lladdr;
    b[8] = m[0] ^ 0x02;
    b[9] = m[1];
    b[10] = m[2];
    b[11] = 0xff;
    b[12] = 0xfe;
    b[13] = m[3];
    b[14] = m[4];
    b[15] = m[5];
  } else {
    b[8] = 0x02;
    b[14] = static_cast<std::uint8_t>(ifp.index >> 8);
    b[15] = static_cast<std::uint8_t>(ifp.index);
  }
  return detail::zoned(b, ifp.index);
}

Gateway own_link(const Interface& ifp) {
  Gateway g = Gateway::link(ifp.index, ifp.type);
  g.lladdr_len = static_cast<std::uint8_t>(std::min<std::size_t>(ifp.lladdr.size(), 8));
  std::copy_n(ifp.lladdr.begin(), g.lladdr_len, g.lladdr.begin());
  return g;
}

template <class K>
struct Ifa {
  Fib::Impl& im;
  std::uint16_t index;
  IfAddress x;

  const Interface& ifp() const { return *im.iface(index); }
  std::uint32_t fib() const { return ifp().fib; }

  // rt_ifa_add(ifa, flags, dst): 0 or the errno.
  int add(std::uint64_t flags, const Addr& dst, Cause cause = Cause::address) {
    Fib::Impl::RtAdd a;
    a.prefix = (flags & rtf::host) != 0 ? Prefix::host_of(dst) : Prefix::net(dst, x.plen);
    a.gw = (flags & rtf::llinfo) != 0 ? own_link(ifp()) : Gateway::address(x.addr);
    a.flags = flags;
    a.prio = ifa_prio(flags);
    a.ifindex = index;
    a.ifa = x.addr;
    a.newaddr = (flags & rtf::local) != 0;
    auto r = im.rtrequest_add<K>(fib(), a, cause);
    return r ? 0 : r.error().code().value();
  }
  // rt_ifa_del(ifa, flags, dst): the route of this address and interface.
  bool del(std::uint64_t flags, const Addr& dst) {
    auto& t = im.table<K>(fib());
    const Prefix p = (flags & rtf::host) != 0 ? Prefix::host_of(dst) : Prefix::net(dst, x.plen);
    const Gateway gw = (flags & rtf::llinfo) != 0 ? Gateway::none() : Gateway::address(x.addr);
    for (std::uint32_t s = t.find(detail::KeyOps<K>::from(p.addr), Table<K>::code_of(p));
         s != kNone; s = t.routes[s].next) {
      const auto& r = t.routes[s];
      const detail::Nexthop& n = im.nh[r.nh];
      if ((r.priority & rtp::mask) != ifa_prio(flags) || n.ifindex != index) continue;
      if (gw.kind != Gateway::Kind::none && !same_gateway(n.gw, gw)) continue;
      im.unlink<K>(fib(), s, Cause::address);
      return true;
    }
    return false;
  }
  std::uint64_t local_flags() const {
    std::uint64_t f = rtf::host | rtf::local;
    if ((ifp().flags & (iff::loopback | iff::pointopoint)) == 0) f |= rtf::llinfo;
    return f;
  }
  // rt_ifa_addlocal: unless a local route of the address exists already.
  void add_local() {
    const std::uint64_t f = local_flags();
    const std::uint32_t s = im.rt_match<K>(fib(), x.addr, false);
    if (s == kNone || (im.table<K>(fib()).routes[s].flags & f) != f) add(f | rtf::mpath, x.addr);
  }
  // rt_ifa_dellocal, then RTM_DELADDR.
  void del_local() {
    const std::uint64_t f = local_flags();
    const std::uint32_t s = im.rt_match<K>(fib(), x.addr, false);
    if (s == kNone || (im.table<K>(fib()).routes[s].flags & f) != f) return;
    if (!del(f, x.addr) || !im.listening()) return;
    Change c;
    c.kind = ChangeKind::addr_delete;
    c.cause = Cause::address;
    c.fib = fib();
    c.ifindex = index;
    c.address = x;
    c.iface = im.snapshot(ifp(), false);
    im.emit(std::move(c));
  }
  // rt_ifa_purge: every route left that uses the address.
  void purge() {
    for (std::uint32_t f : im.fibs_of_domain(fib())) {
      auto& t = im.table<K>(f);
      for (std::uint32_t s = 0; s < t.routes.size(); ++s) {
        if (t.routes[s].state != detail::kLinked) continue;
        const detail::Nexthop& n = im.nh[t.routes[s].nh];
        if (n.ifindex == index && n.has_ifa && n.ifa == x.addr) im.unlink<K>(f, s, Cause::address);
      }
    }
  }
  // in6_update_ifa: ff02::%if/32 and ff01::%if/32 unless a route with the
  // same first 32 bits answers; no routing message.
  void add_multicast() {
    for (std::uint8_t scope : {std::uint8_t{0x02}, std::uint8_t{0x01}}) {
      std::array<std::uint8_t, 16> b{};
      b[0] = 0xff;
      b[1] = scope;
      b[15] = 1;
      const Addr group = detail::zoned(b, index);
      const std::uint32_t s = im.rt_match<K>(fib(), group, false);
      if (s != kNone) {
        const Addr key = detail::KeyOps<K>::to(im.table<K>(fib()).routes[s].key);
        if (std::equal(key.bytes.begin(), key.bytes.begin() + 4, group.bytes.begin())) continue;
      }
      Fib::Impl::RtAdd a;
      a.prefix = Prefix::net(group, 32);
      a.gw = Gateway::address(x.addr);
      a.flags = rtf::multicast;
      a.prio = rtp::connected;
      a.ifindex = index;
      a.ifa = x.addr;
      (void)im.rtrequest_add<K>(fib(), a, Cause::unreported);
    }
  }
};

}  // namespace

// The routes of a new address, in the kernel's order.
static Result<void> ifa_insert(Fib::Impl& im, std::uint16_t index, IfAddress x) {
  Interface* ifp = im.iface(index);
  const bool loop = (ifp->flags & iff::loopback) != 0, p2p = (ifp->flags & iff::pointopoint) != 0;
  im.dad_mark(*ifp, x);
  ifp->addrs.push_back(x);
  if (x.addr.family == Family::inet4) {
    Ifa<std::uint32_t> a{im, index, x};
    a.add_local();
    if (p2p) {
      if (x.peer) a.add(rtf::host | rtf::mpath, *x.peer);
    } else if (!loop) {
      // in_insert_prefix: the very connected route (same priority, the same
      // address as gateway) when another interface holds the address:
      // rtable_insert's EEXIST fails SIOCAIFADDR and in_purgeaddr takes the
      // address away again; nothing was announced.
      if (a.add(rtf::cloning | rtf::connected | rtf::mpath, x.addr) == EEXIST) {
        Interface* mine = im.iface(index);
        mine->addrs.erase(std::find_if(mine->addrs.begin(), mine->addrs.end(),
                                       [&](const IfAddress& y) { return y.addr == x.addr; }));
        return err(EEXIST);
      }
      if (x.broadcast) a.add(rtf::host | rtf::broadcast | rtf::mpath, *x.broadcast);
    }
    return {};
  }
  Ifa<u128> a{im, index, x};
  if (p2p && x.plen == 128 && x.peer) a.add(rtf::host | rtf::mpath, *x.peer);
  a.add_local();
  if ((ifp->flags & iff::multicast) != 0) a.add_multicast();
  // in6_update_ifa's nd6_dad_start comes before the connected route.
  im.dad_start(index, x.addr);
  if (!loop && x.plen != 128) {
    // A link-local prefix of a point-to-point link does not clone.
    std::uint64_t f = rtf::connected | rtf::mpath;
    if (!(p2p && detail::is_linklocal(x.addr))) f |= rtf::cloning;
    // in6_ioctl_change_ifaddr: the same connected route from another
    // interface holding the address is EEXIST, and in6_purgeaddr takes the
    // new address away again (as in_insert_prefix above).
    if (a.add(f, x.addr) == EEXIST) {
      im.dad_stop(index, &x.addr);
      a.purge();
      Interface* mine = im.iface(index);
      mine->addrs.erase(std::find_if(mine->addrs.begin(), mine->addrs.end(),
                                     [&](const IfAddress& y) { return y.addr == x.addr; }));
      return err(EEXIST);
    }
  }
  return {};
}

Result<void> Fib::Impl::ifa_add(std::uint16_t index, const IfAddress& a) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return err(ENXIO);
  const bool inet = a.addr.family == Family::inet4;
  if (a.plen > max_plen(a.addr.family) || a.addr.is_zero()) return err(EINVAL);
  if ((a.peer && (a.peer->family != a.addr.family || (ifp->flags & iff::pointopoint) == 0)) ||
      (a.broadcast && a.broadcast->family != a.addr.family))
    return err(EINVAL);
  // An address the interface has already is updated, not added again.
  for (const auto& y : ifp->addrs)
    if (y.addr == a.addr) return {};
  if (!inet && sem().inet6_attach) {
    if (auto r = inet6_attach(index); !r) return r;
    ifp = iface(index);
    for (const auto& y : ifp->addrs)
      if (y.addr == a.addr) return {};
  }
  IfAddress x = a;
  if (inet) {
    // in_ifinit: the broadcast address follows the mask (none on a /31).
    x.broadcast.reset();
    if ((ifp->flags & iff::broadcast) != 0 && x.plen != 31 && !x.peer) {
      const std::uint32_t m = x.plen == 0 ? 0u : ~0u << (32 - x.plen);
      x.broadcast = Addr::v4((x.addr.v4() & m) | ~m);
    }
  }
  return ifa_insert(*this, index, x);
}

// in6_ifattach: the domain's loopback gets ::1, every interface its
// link-local address, before its first inet6 address.
Result<void> Fib::Impl::inet6_attach(std::uint16_t index) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (std::any_of(ifp->addrs.begin(), ifp->addrs.end(),
                  [](const IfAddress& y) { return detail::is_linklocal(y.addr); }))
    return {};
  if ((ifp->flags & iff::loopback) != 0 && ifp->name == "lo" + std::to_string(ifp->fib)) {
    std::array<std::uint8_t, 16> one{};
    one[15] = 1;
    const Addr lo = Addr::v6(one);
    if (std::none_of(ifp->addrs.begin(), ifp->addrs.end(),
                     [&](const IfAddress& y) { return y.addr == lo; }))
      if (auto r = ifa_insert(*this, index, IfAddress{lo, 128, {}, {}}); !r) return r;
  }
  return ifa_insert(*this, index, IfAddress{linklocal_of(*iface(index)), 64, {}, {}});
}

Result<void> Fib::attach_inet6(std::uint16_t index) { return impl_->inet6_attach(index); }

Result<void> Fib::Impl::ifa_delete(std::uint16_t index, const Addr& addr) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return err(ENXIO);
  const auto it = std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                               [&](const IfAddress& y) { return y.addr == addr; });
  if (it == ifp->addrs.end()) return err(EADDRNOTAVAIL);
  const IfAddress x = *it;
  dad_stop(index, &addr);
  const bool loop = (ifp->flags & iff::loopback) != 0, p2p = (ifp->flags & iff::pointopoint) != 0;
  if (addr.family == Family::inet4) {
    Ifa<std::uint32_t> a{*this, index, x};
    if (p2p) {
      if (x.peer) a.del(rtf::host, *x.peer);
    } else if (!loop) {
      a.del(rtf::cloning | rtf::connected, x.addr);
      if (x.broadcast) a.del(rtf::host | rtf::broadcast, *x.broadcast);
    }
    a.del_local();
    a.purge();
  } else {
    Ifa<u128> a{*this, index, x};
    if (p2p && x.plen == 128 && x.peer) a.del(rtf::host, *x.peer);
    a.del_local();
    if (!loop && x.plen != 128) a.del(rtf::cloning | rtf::connected, x.addr);
    a.purge();
  }
  ifp = iface(index);
  ifp->addrs.erase(std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                                [&](const IfAddress& y) { return y.addr == addr; }));
  return {};
}

}  // namespace rtsock::fib
