// Multicast memberships (struct ifmultiaddr): per-interface group lists with
// reference counts, the link-layer groups the protocol groups map to, and
// the memberships the kernel makes by itself for an address (FreeBSD,
// Darwin, DragonFly). Facts and sources: docs/research/multicast-memberships.md.
//
// if_addmulti puts a new group at the head of if_multiaddrs together with
// the link-layer group it resolves to (found and counted, or added: before
// the protocol group on FreeBSD and Darwin, after it on DragonFly) and
// reports RTM_NEWMADDR for the protocol group only. Leaving reports
// RTM_DELMADDR when the last reference goes (FreeBSD 12+, Darwin,
// DragonFly); FreeBSD before 12 only at detach (if_purgemaddrs). The
// link-layer group goes silently with the last protocol group using it.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

bool is_multicast(const Addr& a) {
  return a.family == Family::inet4 ? (a.bytes[0] & 0xf0) == 0xe0 : a.bytes[0] == 0xff;
}

// ether_resolvemulti: the Ethernet group of an inet or inet6 group (RFC 1112
// 01:00:5e + the low 23 bits; RFC 2464 33:33 + the low 32 bits). Interfaces
// without an Ethernet address (loopback, tunnels) resolve none.
std::vector<std::uint8_t> link_group_of(const Interface& ifp, const Addr& g) {
  if ((ifp.flags & iff::loopback) != 0 || ifp.lladdr.size() != 6) return {};
  if (g.family == Family::inet4)
    return {0x01, 0x00, 0x5e, static_cast<std::uint8_t>(g.bytes[1] & 0x7f), g.bytes[2], g.bytes[3]};
  return {0x33, 0x33, g.bytes[12], g.bytes[13], g.bytes[14], g.bytes[15]};
}

bool same(const Membership& a, const Membership& b) {
  return a.link == b.link && (a.link ? a.lladdr == b.lladdr : a.group == b.group);
}

Membership link_entry(std::vector<std::uint8_t> mac) {
  Membership m;
  m.link = true;
  m.lladdr = std::move(mac);
  return m;
}

Membership group_entry(const Addr& g) {
  Membership m;
  m.group = g;
  return m;
}


}  // namespace

void Fib::Impl::emit_membership(ChangeKind kind, Cause cause, const Interface& ifp,
                                const Membership& m) {
  Change c;
  c.kind = kind;
  c.cause = cause;
  c.fib = ifp.fib;
  c.ifindex = ifp.index;
  c.group = m;
  c.iface = snapshot(ifp, false);
  emit(std::move(c));
}

Result<void> Fib::Impl::add_multi(std::uint16_t index, const Membership& want) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return err(ENXIO);
  auto& gs = ifp->groups;
  if (auto it =
          std::find_if(gs.begin(), gs.end(), [&](const Membership& m) { return same(m, want); });
      it != gs.end()) {
    ++it->refcount;
    return {};
  }
  Membership m = want;
  m.refcount = 1;
  if (!m.link) m.lladdr = link_group_of(*ifp, m.group);
  const bool link_after = sem().multicast_link_after;
  if (link_after) gs.insert(gs.begin(), m);
  if (!m.link && !m.lladdr.empty()) {
    const Membership ll = link_entry(m.lladdr);
    auto it = std::find_if(gs.begin(), gs.end(), [&](const Membership& y) { return same(y, ll); });
    if (it != gs.end())
      ++it->refcount;
    else
      gs.insert(gs.begin(), ll);
  }
  if (!link_after) gs.insert(gs.begin(), m);
  if (listening()) emit_membership(ChangeKind::maddr_add, Cause::address, *ifp, m);
  return {};
}

Result<void> Fib::Impl::del_multi(std::uint16_t index, const Membership& want, bool report) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return err(ENXIO);
  auto& gs = ifp->groups;
  auto it = std::find_if(gs.begin(), gs.end(), [&](const Membership& m) { return same(m, want); });
  if (it == gs.end()) return err(ENOENT);
  if (--it->refcount > 0) return {};
  const Membership gone = *it;
  gs.erase(it);
  if (!gone.link && !gone.lladdr.empty()) {
    const Membership ll = link_entry(gone.lladdr);
    auto l = std::find_if(gs.begin(), gs.end(), [&](const Membership& y) { return same(y, ll); });
    if (l != gs.end() && --l->refcount == 0) gs.erase(l);
  }
  // gone.refcount is 0: the group has left.
  if (report && listening()) emit_membership(ChangeKind::maddr_delete, Cause::address, *ifp, gone);
  return {};
}

void Fib::Impl::join_address_groups(std::uint16_t index, const IfAddress& a) {
  const Interface* ifp = iface(index);
  if (!sem().multicast_groups || ifp == nullptr || (ifp->flags & iff::multicast) == 0) return;
  const bool kame = sem().multicast_joins == McastJoins::kame;
  const Membership allhosts_group = group_entry(Addr::v4(0xe0000001));
  if (a.addr.family == Family::inet4) {
    // DragonFly in_ifinit: every address takes a reference, kept for good.
    if (kame) {
      (void)add_multi(index, allhosts_group);
      return;
    }
    // in_aifaddr_ioctl (FreeBSD), in_ifinit's if_allhostsinm (Darwin): the
    // interface's first IPv4 address joins 224.0.0.1.
    const auto inet4 = std::count_if(ifp->addrs.begin(), ifp->addrs.end(), [](const IfAddress& y) {
      return y.addr.family == Family::inet4;
    });
    if (inet4 != 1 || allhosts[index]) return;
    if (add_multi(index, allhosts_group)) allhosts[index] = true;
    return;
  }
  // in6_update_ifa_join_mc (FreeBSD), in6_ifaupdate_aux (Darwin): the
  // solicited-node group, link-local all-nodes, (the node information
  // group, which needs a hostname: none here) and interface-local
  // all-nodes, each held by the address.
  std::array<std::uint8_t, 16> sol{0xff, 0x02};
  sol[11] = 1;
  sol[12] = 0xff;
  sol[13] = a.addr.bytes[13];
  sol[14] = a.addr.bytes[14];
  sol[15] = a.addr.bytes[15];
  std::array<std::uint8_t, 16> ll_all{0xff, 0x02}, if_all{0xff, 0x01};
  ll_all[15] = if_all[15] = 1;
  auto& held = addr_groups[{index, a.addr}];
  if (!kame) {
    for (const auto& b : {sol, ll_all, if_all}) {
      const Addr g = detail::zoned(b, index);
      if (add_multi(index, group_entry(g))) held.push_back(g);
    }
    return;
  }
  // DragonFly in6_update_ifa: only the solicited-node group is the
  // address's; ff02::1 is joined if the interface is not yet a member, and
  // ff01::1 only on a loopback holding ::1 (also once).
  const Addr g = detail::zoned(sol, index);
  if (add_multi(index, group_entry(g))) held.push_back(g);
  const auto member = [&](const Addr& x) {
    const Interface* i = iface(index);
    return std::any_of(i->groups.begin(), i->groups.end(),
                       [&](const Membership& m) { return !m.link && m.group == x; });
  };
  if (const Addr all = detail::zoned(ll_all, index); !member(all))
    (void)add_multi(index, group_entry(all));
  const Addr loop6 = detail::loopback6();
  const bool has_loop6 = std::any_of(ifp->addrs.begin(), ifp->addrs.end(),
                                     [&](const IfAddress& y) { return y.addr == loop6; });
  if ((ifp->flags & iff::loopback) != 0 && has_loop6)
    if (const Addr node = detail::zoned(if_all, index); !member(node))
      (void)add_multi(index, group_entry(node));
}

void Fib::Impl::leave_address_groups(std::uint16_t index, const IfAddress& a) {
  const Interface* ifp = iface(index);
  if (!sem().multicast_groups || ifp == nullptr) return;
  const bool report = sem().multicast_leave_reported;
  if (a.addr.family == Family::inet4) {
    // DragonFly's SIOCDIFADDR leaves nothing.
    if (sem().multicast_joins == McastJoins::kame) return;
    // in_difaddr_ioctl (FreeBSD), SIOCDIFADDR (Darwin): the last IPv4
    // address leaves 224.0.0.1.
    const bool last = std::none_of(ifp->addrs.begin(), ifp->addrs.end(), [](const IfAddress& y) {
      return y.addr.family == Family::inet4;
    });
    if (!last || !allhosts[index]) return;
    allhosts.erase(index);
    (void)del_multi(index, group_entry(Addr::v4(0xe0000001)), report);
    return;
  }
  // in6_purgeaddr: ia6_memberships from its head, the last joined first
  // (DragonFly: the solicited-node group, the only one held).
  const auto it = addr_groups.find({index, a.addr});
  if (it == addr_groups.end()) return;
  const std::vector<Addr> held = it->second;
  addr_groups.erase(it);
  for (auto g = held.rbegin(); g != held.rend(); ++g)
    (void)del_multi(index, group_entry(*g), report);
}

void Fib::Impl::purge_groups(std::uint16_t index) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return;
  const std::vector<Membership> gs = ifp->groups;
  if (sem().multicast_purge == McastPurge::addresses) {
    // xnu ifnet_detach: igmp_domifdetach/mld_domifdetach leave the
    // memberships on if_multiaddrs for a reattach; only what the purge of
    // the addresses left (above, in delete_address) was reported.
  } else if (sem().multicast_purge == McastPurge::inet6) {
    // DragonFly: in6_ifdetach leaves the inet6 groups (if_delmulti reports
    // each); the rest goes with the interface, unreported.
    for (const Membership& m : gs)
      if (!m.link && m.group.family == Family::inet6 && listening())
        emit_membership(ChangeKind::maddr_delete, Cause::interface, *ifp, m);
  } else {
    // if_purgemaddrs: each entry from the head, reported while it still
    // names the interface; a protocol group's last reference takes the
    // interface from its link-layer group, which then goes unreported.
    std::vector<std::vector<std::uint8_t>> silenced;
    for (const Membership& m : gs) {
      const bool quiet =
          m.link && std::find(silenced.begin(), silenced.end(), m.lladdr) != silenced.end();
      if (!m.link && m.refcount == 1 && !m.lladdr.empty()) silenced.push_back(m.lladdr);
      if (quiet || !listening()) continue;
      emit_membership(ChangeKind::maddr_delete, Cause::interface, *ifp, m);
    }
  }
  ifp->groups.clear();
  allhosts.erase(index);
  for (auto it = addr_groups.begin(); it != addr_groups.end();)
    it = it->first.first == index ? addr_groups.erase(it) : std::next(it);
}

Result<void> Fib::join_group(std::uint16_t index, const Addr& group) {
  if (!is_multicast(group)) return err(EINVAL);
  return impl_->add_multi(index, group_entry(group));
}

Result<void> Fib::leave_group(std::uint16_t index, const Addr& group) {
  if (!is_multicast(group)) return err(EINVAL);
  return impl_->del_multi(index, group_entry(group), impl_->sem().multicast_leave_reported);
}

// SIOCADDMULTI/SIOCDELMULTI with an AF_LINK address: the group must be an
// Ethernet multicast address (ether_resolvemulti: EADDRNOTAVAIL otherwise).
Result<void> Fib::join_link_group(std::uint16_t index, std::span<const std::uint8_t> group) {
  if (group.size() != 6 || (group[0] & 1) == 0) return err(EADDRNOTAVAIL);
  return impl_->add_multi(index, link_entry({group.begin(), group.end()}));
}

Result<void> Fib::leave_link_group(std::uint16_t index, std::span<const std::uint8_t> group) {
  if (group.size() != 6 || (group[0] & 1) == 0) return err(EADDRNOTAVAIL);
  // FreeBSD if_delmulti: not "detaching", so no RTM_DELMADDR; Darwin
  // (if_delmulti_anon) and DragonFly (if_delmulti) report the last leave.
  const bool report =
      impl_->sem().kernel != Kernel::freebsd && impl_->sem().multicast_leave_reported;
  return impl_->del_multi(index, link_entry({group.begin(), group.end()}), report);
}

}  // namespace rtsock::fib
