// OpenBSD's rtrequest and next-hop cache: inserting a route with
// rtable_insert's multipath rules, rt_match (counted lookups that clone
// link-layer routes), rt_setgwroute/rt_putgwroute (RTF_CACHED and the
// references it holds), rtflushclone, and rt_if_track (routes through a down
// interface). Facts and sources: docs/research/openbsd-route-model.md.
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

}  // namespace

bool Fib::Impl::if_usable(const Interface& ifp) const {
  return ifp.up() && ifp.link != LinkState::down;
}

std::vector<std::uint32_t> Fib::Impl::fibs_of_domain(std::uint32_t dom) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t f = 0; f < cfg.fibs; ++f)
    if (rdomain[f] == dom) out.push_back(f);
  return out;
}

template <class K>
void Fib::Impl::set_nexthop(std::uint32_t fib, std::uint32_t slot, const detail::Nexthop& n) {
  auto& r = table<K>(fib).routes[slot];
  const std::uint32_t old = r.nh;
  r.nh = nh.intern(n);
  nh.unref(old);
}

template <class K>
std::uint32_t Fib::Impl::rt_match(std::uint32_t fib, const Addr& dst, bool resolve) {
  std::uint32_t s = lpm_slot(fib, dst);
  if (s == kNone) {
    ++stats.unreach;
    return kNone;
  }
  auto& t = table<K>(fib);
  if (resolve && (t.routes[s].flags & rtf::cloning) != 0)
    if (auto c = clone<K>(fib, s, dst)) s = *c;
  if (sem().count_lookups) ++t.routes[s].pksent;
  return s;
}

template <class K>
Result<std::uint32_t> Fib::Impl::clone(std::uint32_t fib, std::uint32_t parent, const Addr& dst) {
  const auto& p = table<K>(fib).routes[parent];
  const detail::Nexthop& pn = nh[p.nh];
  const Interface* ifp = iface(pn.ifindex);
  if (ifp == nullptr) return err(ENXIO);
  RtAdd a;
  a.prefix = Prefix::host_of(dst);
  a.gw = Gateway::link(ifp->index, ifp->type);
  a.flags = (p.flags | rtf::cloned | rtf::host) & ~(rtf::cloning | rtf::connected | rtf::static_);
  // One better than the parent, so lookups find the clone and a /32
  // cloning route of the same key stays apart (rt_clone).
  a.prio = static_cast<std::uint8_t>(p.priority - 1);
  a.ifindex = ifp->index;
  if (pn.has_ifa) a.ifa = pn.ifa;
  a.mtu = pn.mtu;
  a.parent = parent;
  return rtrequest_add<K>(fib, a, Cause::resolve);
}

template <class K>
Result<std::uint32_t> Fib::Impl::rtrequest_add(std::uint32_t fib, const RtAdd& a, Cause cause) {
  auto& t = table<K>(fib);
  const Interface* ifp = iface(a.ifindex);
  if (ifp == nullptr) return err(EINVAL);
  std::uint8_t prio = a.prio == 0 ? rtp::static_ : a.prio;  // if_priority is 0 here
  std::uint64_t flags = a.flags | rtf::up;
  if ((flags & rtf::local) == 0 && !if_usable(*ifp)) {
    flags &= ~rtf::up;
    prio |= rtp::down;
  }
  const bool mpathok = (flags & rtf::mpath) != 0;
  detail::Nexthop n;
  n.gw = a.gw;
  n.ifindex = a.ifindex;
  n.has_ifa = a.ifa.has_value();
  if (a.ifa) n.ifa = *a.ifa;
  n.mtu = a.mtu;
  const std::uint32_t slot = t.alloc();
  {
    auto& rt = t.routes[slot];
    rt.key = detail::KeyOps<K>::from(a.prefix.addr);
    rt.code = Table<K>::code_of(a.prefix);
    rt.priority = prio;
    rt.flags = flags & ~rtf::mpath;
    rt.nh = nh.intern(n);
    if (a.parent != kNone) {
      t.set_parent(slot, a.parent);
      ++t.routes[a.parent].refcnt;
    }
  }
  const auto give_up = [&](int e) -> Result<std::uint32_t> {
    put_gwroute<K>(fib, slot, kNone);
    if (const std::uint32_t p = t.parent(slot); p != kNone) {
      t.set_parent(slot, kNone);
      unref_slot(table_id<K>(fib), p);
    }
    nh.unref(t.routes[slot].nh);
    t.release(slot);
    return err(e);
  };
  // rt_setgate before the insert: the next hop is found (and counted) even
  // when the insert then fails.
  if ((flags & rtf::gateway) != 0 && sem().nexthop_cache && a.gw.is_addr())
    if (int e = set_gwroute<K>(fib, slot, a.gw.addr); e != 0) return give_up(e);

  // rtable_insert: one route per gateway and priority; RTF_MPATH is the
  // table's to set, on every path of the priority once there are two.
  const K key = t.routes[slot].key;
  const std::uint8_t code = t.routes[slot].code;
  for (bool retried = false;;) {
    bool dup = false, mpath = false;
    for (std::uint32_t p = t.find(key, code); p != kNone; p = t.routes[p].next) {
      if ((t.routes[p].priority & rtp::mask) != (prio & rtp::mask)) continue;
      if (!mpathok || same_gateway(nh[t.routes[p].nh].gw, a.gw)) dup = true;
      mpath = true;
    }
    if (!dup) {
      if (mpath) {
        t.routes[slot].flags |= rtf::mpath;
        for (std::uint32_t p = t.find(key, code); p != kNone; p = t.routes[p].next)
          if ((t.routes[p].priority & rtp::mask) == (prio & rtp::mask))
            t.routes[p].flags |= rtf::mpath;
      }
      break;
    }
    // An uncached clone in the way is overwritten (rtrequest).
    const std::uint32_t crt = t.lpm(key);
    if (retried || crt == kNone || (t.routes[crt].flags & rtf::cloned) == 0 ||
        (t.routes[crt].flags & rtf::cached) != 0)
      return give_up(EEXIST);
    unlink<K>(fib, crt, Cause::resolve);
    retried = true;
  }
  link<K>(fib, slot);

  // if_rtrequest: the loopback's MTU (lortrequest), ARP/ND state on clones.
  auto& rt = t.routes[slot];
  if (sem().loopback_mtu != 0 && (ifp->flags & iff::loopback) != 0 && nh[rt.nh].mtu == 0) {
    detail::Nexthop m = nh[rt.nh];
    m.mtu = sem().loopback_mtu;
    set_nexthop<K>(fib, slot, m);
  }
  if ((rt.flags & rtf::cloned) != 0 && (ifp->flags & (iff::loopback | iff::pointopoint)) == 0)
    rt.flags |= rtf::llinfo;
  if (listening() && a.newaddr) {
    // rt_ifa_add tells of the address before its local route.
    for (const auto& x : ifp->addrs) {
      if (!a.ifa || x.addr != *a.ifa) continue;
      Change c;
      c.kind = ChangeKind::addr_add;
      c.cause = Cause::address;
      c.fib = ifp->fib;
      c.ifindex = ifp->index;
      c.address = x;
      c.iface = snapshot(*ifp, false);
      emit(std::move(c));
      break;
    }
  }
  if (listening())
    emit_route(cause, fib, std::nullopt, info(fib, t, slot), a.ifindex);
  return slot;
}

template <class K>
int Fib::Impl::set_gwroute(std::uint32_t fib, std::uint32_t slot, const Addr& gate) {
  const std::uint32_t dom = rdomain[fib];
  auto& nt = table<K>(dom);
  std::uint32_t nhs = rt_match<K>(dom, gate, true);
  if (nhs == kNone) return ENOENT;
  const std::uint16_t ifindex = nh[table<K>(fib).routes[slot].nh].ifindex;
  if (nh[nt.routes[nhs].nh].ifindex != ifindex) {
    // An L2 entry of another interface: the same subnet may have a cloning
    // route on ours; clone from that one.
    const auto& l2 = nt.routes[nhs];
    if ((l2.flags & (rtf::llinfo | rtf::cloned)) != (rtf::llinfo | rtf::cloned) ||
        nt.parent(nhs) == kNone)
      return EHOSTUNREACH;
    const auto& par = nt.routes[nt.parent(nhs)];
    std::uint32_t p = nt.find(par.key, par.code);
    while (p != kNone && nh[nt.routes[p].nh].ifindex != ifindex) p = nt.routes[p].next;
    if (p == kNone || (nt.routes[p].flags & rtf::cloning) == 0) return EHOSTUNREACH;
    auto c = clone<K>(dom, p, gate);
    if (!c) return c.error().code().value();
    nhs = *c;
  }
  // A next hop must be reachable: no loops through gateway routes.
  if ((nt.routes[nhs].flags & (rtf::cloning | rtf::gateway)) != 0) return ENETUNREACH;
  // The MTU of a next hop bounds the route's (0 restarts path MTU discovery).
  const detail::Nexthop& cur = nh[table<K>(fib).routes[slot].nh];
  const std::uint32_t nhmtu = nh[nt.routes[nhs].nh].mtu;
  if ((cur.locks & rtv::mtu) == 0 && cur.mtu > nhmtu) {
    detail::Nexthop m = cur;
    m.mtu = nhmtu;
    set_nexthop<K>(fib, slot, m);
  }
  put_gwroute<K>(fib, slot, nhs);
  return 0;
}

template <class K>
void Fib::Impl::put_gwroute(std::uint32_t fib, std::uint32_t slot, std::uint32_t nhs) {
  auto& rt = table<K>(fib).routes[slot];
  if ((rt.flags & rtf::gateway) == 0) return;
  const std::uint32_t dom = rdomain[fib];
  auto& nt = table<K>(dom);
  if (nhs != kNone) {
    auto& n = nt.routes[nhs];
    n.flags |= rtf::cached;
    ++n.cachecnt;
    ++n.refcnt;
  }
  const std::uint32_t old = rt.gwroute;
  rt.gwroute = nhs;
  if (old != kNone) {
    auto& o = nt.routes[old];
    if (--o.cachecnt == 0) o.flags &= ~rtf::cached;
    unref_slot(table_id<K>(dom), old);
  }
}

template <class K>
void Fib::Impl::flush_clones(std::uint32_t fib, std::uint32_t slot) {
  auto& t = table<K>(fib);
  const K key = t.routes[slot].key;
  const std::uint8_t code = t.routes[slot].code;
  std::vector<std::uint32_t> victims;
  for (std::uint32_t s = 0; s < t.routes.size(); ++s) {
    const auto& r = t.routes[s];
    if (r.state != detail::kLinked || (r.flags & rtf::cloned) == 0) continue;
    const std::uint32_t parent = t.parent(s);
    if (parent == kNone) continue;
    // A cached clone lives as long as its own parent.
    if ((r.flags & rtf::cached) != 0 && parent != slot) continue;
    const auto& p = t.routes[parent];
    if (p.key == key && p.code == code) victims.push_back(s);
  }
  for (std::uint32_t s : victims)
    if (t.routes[s].state == detail::kLinked) unlink<K>(fib, s, Cause::resolve);
}

template <class K>
bool Fib::Impl::linkstate_change(std::uint32_t fib, std::uint32_t slot, const Interface& ifp) {
  auto& t = table<K>(fib);
  auto& r = t.routes[slot];
  if (nh[r.nh].ifindex != ifp.index) return true;
  if ((r.flags & rtf::local) != 0) {  // local routes are always usable
    r.flags |= rtf::up;
    return true;
  }
  const RouteInfo before = info(fib, t, slot);
  if (if_usable(ifp)) {
    if ((r.flags & rtf::up) != 0) return true;
    r.flags |= rtf::up;
    reprio<K>(fib, slot, r.priority & rtp::mask);
  } else {
    // Clones and redirects go, to be learnt again from a better source.
    if ((r.flags & (rtf::cloned | rtf::dynamic)) != 0 &&
        (r.flags & (rtf::cached | rtf::bfd)) == 0) {
      unlink<K>(fib, slot, Cause::interface);
      return false;
    }
    if ((r.flags & rtf::up) == 0) return true;
    r.flags &= ~rtf::up;
    reprio<K>(fib, slot, r.priority | rtp::down);
  }
  if (listening()) emit_interface_change(fib, before, info(fib, t, slot), ifp.index);
  return true;
}

void Fib::Impl::track_link(const Interface& ifp) {
  const auto go = [&](auto tag, std::uint32_t fib) {
    using K = decltype(tag);
    auto& t = table<K>(fib);
    std::vector<std::uint32_t> mine;
    for (std::uint32_t s = 0; s < t.routes.size(); ++s)
      if (t.routes[s].state == detail::kLinked && nh[t.routes[s].nh].ifindex == ifp.index)
        mine.push_back(s);
    for (std::uint32_t s : mine)
      if (t.routes[s].state == detail::kLinked) linkstate_change<K>(fib, s, ifp);
  };
  for (std::uint32_t fib : fibs_of_domain(ifp.fib)) {
    go(std::uint32_t{}, fib);
    go(u128{}, fib);
  }
}

#define RTSOCK_NEXTHOP_INSTANCES(K)                                                               \
  template std::uint32_t Fib::Impl::rt_match<K>(std::uint32_t, const Addr&, bool);                \
  template Result<std::uint32_t> Fib::Impl::clone<K>(std::uint32_t, std::uint32_t, const Addr&);  \
  template Result<std::uint32_t> Fib::Impl::rtrequest_add<K>(std::uint32_t, const RtAdd&, Cause); \
  template int Fib::Impl::set_gwroute<K>(std::uint32_t, std::uint32_t, const Addr&);              \
  template void Fib::Impl::put_gwroute<K>(std::uint32_t, std::uint32_t, std::uint32_t);           \
  template void Fib::Impl::flush_clones<K>(std::uint32_t, std::uint32_t);                         \
  template void Fib::Impl::set_nexthop<K>(std::uint32_t, std::uint32_t, const detail::Nexthop&);  \
  template bool Fib::Impl::linkstate_change<K>(std::uint32_t, std::uint32_t, const Interface&);
RTSOCK_NEXTHOP_INSTANCES(std::uint32_t)
RTSOCK_NEXTHOP_INSTANCES(u128)
#undef RTSOCK_NEXTHOP_INSTANCES

}  // namespace rtsock::fib
