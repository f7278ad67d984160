// Multicast memberships (struct ifmultiaddr): per-interface group lists with
// reference counts, the link-layer groups the protocol groups map to, and
// the memberships FreeBSD's kernel makes by itself for an address. Facts
// and sources: docs/research/multicast-memberships.md.
//
// FreeBSD's if_addmulti puts a new group at the head of if_multiaddrs, after
// finding or adding (also at the head, silently) the link-layer group it
// resolves to, and reports RTM_NEWMADDR for the protocol group only.
// if_delmulti_locked reports RTM_DELMADDR only when called "detaching":
// if_purgemaddrs at interface detach, and (FreeBSD 12+) the deferred
// inm_release/in6m_release that ends an inet or inet6 membership. The
// link-layer group goes silently with the last protocol group using it.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

tl::unexpected<Error> err(int e) { return tl::unexpected<Error>(Error::from_errno(e)); }

bool is_multicast(const Addr& a) {
  return a.family == Family::inet4 ? (a.bytes[0] & 0xf0) == 0xe0 : a.bytes[0] == 0xff;
}

// ether_resolvemulti: the Ethernet group of an inet or inet6 group (RFC 1112
// 01:00:5e + the low 23 bits; RFC 2464 33:33 + the low 32 bits). Interfaces
// without an Ethernet address (loopback, tunnels) resolve none.
std::vector<std::uint8_t> link_group_of(const Interface& ifp, const Addr& g) {
  if ((ifp.flags & iff::loopback) != 0 || ifp.lladdr.size() != 6) return {};
  if (g.family == Family::inet4)
    return {0x01, 0x00, 0x5e, static_cast<std::uint8_t>(g.bytes[1] & 0x7f), g.bytes[2],
            g.bytes[3]};
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

// A group of the interface's zone: ff0X::… with the index in bytes 2-3.
Addr scoped_group(std::array<std::uint8_t, 16> b, std::uint16_t index) {
  b[2] = static_cast<std::uint8_t>(index >> 8);
  b[3] = static_cast<std::uint8_t>(index);
  return Addr::v6(b);
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
  if (auto it = std::find_if(gs.begin(), gs.end(), [&](const Membership& m) { return same(m, want); });
      it != gs.end()) {
    ++it->refcount;
    return {};
  }
  Membership m = want;
  m.refcount = 1;
  if (!m.link) {
    m.lladdr = link_group_of(*ifp, m.group);
    if (!m.lladdr.empty()) {
      const Membership ll = link_entry(m.lladdr);
      auto it = std::find_if(gs.begin(), gs.end(), [&](const Membership& y) { return same(y, ll); });
      if (it != gs.end())
        ++it->refcount;
      else
        gs.insert(gs.begin(), ll);
    }
  }
  gs.insert(gs.begin(), m);
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
  if (a.addr.family == Family::inet4) {
    // in_aifaddr_ioctl: the interface's first IPv4 address joins 224.0.0.1.
    const auto inet4 = std::count_if(ifp->addrs.begin(), ifp->addrs.end(), [](const IfAddress& y) {
      return y.addr.family == Family::inet4;
    });
    if (inet4 != 1 || allhosts[index]) return;
    if (add_multi(index, group_entry(Addr::v4(0xe0000001)))) allhosts[index] = true;
    return;
  }
  // in6_update_ifa_join_mc: solicited-node, link-local all-nodes, (the node
  // information group, which needs a hostname: none here) and
  // interface-local all-nodes, each held by the address.
  std::array<std::uint8_t, 16> sol{0xff, 0x02};
  sol[11] = 1;
  sol[12] = 0xff;
  sol[13] = a.addr.bytes[13];
  sol[14] = a.addr.bytes[14];
  sol[15] = a.addr.bytes[15];
  std::array<std::uint8_t, 16> ll_all{0xff, 0x02}, if_all{0xff, 0x01};
  ll_all[15] = if_all[15] = 1;
  auto& held = addr_groups[{index, a.addr}];
  for (const auto& b : {sol, ll_all, if_all}) {
    const Addr g = scoped_group(b, index);
    if (add_multi(index, group_entry(g))) held.push_back(g);
  }
}

void Fib::Impl::leave_address_groups(std::uint16_t index, const IfAddress& a) {
  const Interface* ifp = iface(index);
  if (!sem().multicast_groups || ifp == nullptr) return;
  const bool report = sem().multicast_leave_reported;
  if (a.addr.family == Family::inet4) {
    // in_difaddr_ioctl: the last IPv4 address leaves 224.0.0.1.
    const bool last = std::none_of(ifp->addrs.begin(), ifp->addrs.end(), [](const IfAddress& y) {
      return y.addr.family == Family::inet4;
    });
    if (!last || !allhosts[index]) return;
    allhosts.erase(index);
    (void)del_multi(index, group_entry(Addr::v4(0xe0000001)), report);
    return;
  }
  // in6_purgeaddr: ia6_memberships from its head, the last joined first.
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
  // if_purgemaddrs: each entry from the head, reported while it still names
  // the interface; a protocol group's last reference takes the interface
  // from its link-layer group, which then goes unreported.
  std::vector<std::vector<std::uint8_t>> silenced;
  const std::vector<Membership> gs = ifp->groups;
  for (const Membership& m : gs) {
    const bool quiet =
        m.link && std::find(silenced.begin(), silenced.end(), m.lladdr) != silenced.end();
    if (!m.link && m.refcount == 1 && !m.lladdr.empty()) silenced.push_back(m.lladdr);
    if (quiet || !listening()) continue;
    emit_membership(ChangeKind::maddr_delete, Cause::interface, *ifp, m);
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
  // if_delmulti: not "detaching", so no RTM_DELMADDR.
  return impl_->del_multi(index, link_entry({group.begin(), group.end()}), false);
}

}  // namespace rtsock::fib
