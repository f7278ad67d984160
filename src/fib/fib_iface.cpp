// Interfaces: attach/detach, flags, FIB, mtu, link state and counters, with
// change records in the kernels' order. Their addresses: fib_address.cpp.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

bool valid_name(std::string_view n) {
  if (n.empty() || n.size() > 15) return false;
  return std::all_of(n.begin(), n.end(), [](char c) { return c > ' ' && c < 0x7f && c != '/'; });
}
}  // namespace

Interface* Fib::Impl::iface(std::uint16_t index) {
  if (index == 0 || index >= ifs.size() || !ifs[index]) return nullptr;
  return &*ifs[index];
}
const Interface* Fib::Impl::iface(std::uint16_t index) const {
  if (index == 0 || index >= ifs.size() || !ifs[index]) return nullptr;
  return &*ifs[index];
}
const Interface* Fib::Impl::iface_by_name(std::string_view name) const {
  for (const auto& i : ifs)
    if (i && i->name == name) return &*i;
  return nullptr;
}
const Interface* Fib::Impl::loopback() const {
  for (const auto& i : ifs)
    if (i && (i->flags & iff::loopback) != 0) return &*i;
  return nullptr;
}

const Interface* Fib::Impl::with_addr(const Addr& a, const IfAddress** out) const {
  for (const auto& i : ifs) {
    if (!i) continue;
    for (const auto& x : i->addrs)
      if (x.addr == a) {
        if (out) *out = &x;
        return &*i;
      }
  }
  return nullptr;
}

const Interface* Fib::Impl::with_dstaddr(const Addr& a, const IfAddress** out,
                                         std::optional<std::uint32_t> only_fib) const {
  for (const auto& i : ifs) {
    if (!i || (i->flags & iff::pointopoint) == 0 || (only_fib && i->fib != *only_fib)) continue;
    for (const auto& x : i->addrs)
      if (x.peer && *x.peer == a) {
        if (out) *out = &x;
        return &*i;
      }
  }
  return nullptr;
}

const Interface* Fib::Impl::with_net(const Addr& a, const IfAddress** out,
                                     std::optional<std::uint32_t> only_fib) const {
  // The most specific connected subnet wins (FreeBSD ifa_ifwithnet picks the
  // most specific mask); point-to-point addresses match their peer only.
  const Interface* best = nullptr;
  const IfAddress* besta = nullptr;
  for (const auto& i : ifs) {
    if (!i || (only_fib && i->fib != *only_fib)) continue;
    for (const auto& x : i->addrs) {
      if (x.addr.family != a.family) continue;
      if (x.peer) {
        if (*x.peer == a) {
          if (out) *out = &x;
          return &*i;
        }
        continue;
      }
      if (!a.within(x.addr, x.plen)) continue;
      if (besta == nullptr || x.plen > besta->plen) {
        best = &*i;
        besta = &x;
      }
    }
  }
  if (best && out) *out = besta;
  return best;
}

const IfAddress* Fib::Impl::addr_for(const Interface& ifp, const Addr& sa) const {
  const IfAddress* first = nullptr;
  for (const auto& x : ifp.addrs) {
    if (x.addr.family != sa.family) continue;
    if (first == nullptr) first = &x;
    if ((x.peer && *x.peer == sa) || sa.within(x.addr, x.plen)) return &x;
  }
  return first;
}

Interface Fib::Impl::snapshot(const Interface& i, bool with_addrs) const {
  Interface s = i;
  if (!with_addrs) {
    s.addrs.clear();
    s.groups.clear();
  }
  return s;
}

// ---- attach / detach / state ----

Result<std::uint16_t> Fib::attach_one(const IfSpec& spec) {
  auto& im = *impl_;
  if (!valid_name(spec.name) || spec.fib >= im.cfg.fibs || spec.lladdr.size() > 8)
    return err(EINVAL);
  if (im.iface_by_name(spec.name)) return err(EEXIST);
  std::size_t index = 1;
  while (index < im.ifs.size() && im.ifs[index]) ++index;
  if (index > 0xffff) return err(ENOSPC);
  if (index == im.ifs.size()) im.ifs.emplace_back();
  Interface i;
  i.index = static_cast<std::uint16_t>(index);
  i.name = spec.name;
  i.type = spec.type;
  i.flags = spec.flags;
  i.mtu = spec.mtu;
  i.lladdr = spec.lladdr;
  i.fib = spec.fib;
  i.link = (spec.flags & iff::up) != 0 ? LinkState::up : LinkState::unknown;
  // nd6_ifattach (FreeBSD, NetBSD): NUD, and a link-local address on coming
  // up (a bridge's members have theirs; a loopback always gets one).
  if (im.sem().ll_nd6_flags)
    i.nd6 =
        nd6::performnud |
        (spec.type != ift::bridge || (spec.flags & iff::loopback) != 0 ? nd6::auto_linklocal : 0);
  im.ifs[index] = i;
  if (im.listening()) {
    Change c;
    c.kind = ChangeKind::if_arrival;
    c.cause = Cause::interface;
    c.ifindex = i.index;
    c.iface = i;
    im.emit(std::move(c));
  }
  // Attached up (the boot configuration): as if brought up at once.
  if (im.sem().auto_linklocal && i.up()) in6_ifattach(i.index);
  return i.index;
}

Result<void> Fib::detach_one(std::uint16_t index) {
  auto& im = *impl_;
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  // Addresses first (each: its routes, then RTM_DELADDR), then every route
  // still through the interface, then the departure.
  while (!ifp->addrs.empty()) {
    if (auto r = delete_address(index, ifp->addrs.front().addr); !r) return r;
    ifp = im.iface(index);
  }
  // NetBSD if_delroute_matcher looks at rt_ifp only: a loopback route
  // rt_ifa_remlocal gave another holder keeps this interface's gateway.
  const bool by_gateway = !im.sem().local_route_alt_ifa;
  for (std::uint32_t fib = 0; fib < im.cfg.fibs; ++fib)
    im.remove_if(fib, std::nullopt, Cause::interface, [index, by_gateway](const RouteInfo& r) {
      return r.ifindex == index ||
             (by_gateway && r.gateway.is_link() && r.gateway.ifindex == index);
    });
  im.purge_groups(index);
  ifp = im.iface(index);
  const Interface gone = *ifp;
  im.ifs[index].reset();
  if (im.listening()) {
    Change c;
    c.kind = ChangeKind::if_departure;
    c.cause = Cause::interface;
    c.ifindex = index;
    c.iface = gone;
    im.emit(std::move(c));
  }
  return {};
}

namespace {
void emit_ifinfo(Fib::Impl& im, const Interface& i) {
  if (!im.listening()) return;
  Change c;
  c.kind = ChangeKind::if_change;
  c.cause = Cause::interface;
  c.ifindex = i.index;
  c.iface = im.snapshot(i, false);
  im.emit(std::move(c));
}

// rt_if_track after a change of IFF_UP or of the link state.
void track_if_changed(Fib::Impl& im, const Interface& ifp, bool was_usable) {
  if (im.sem().link_state_routes && im.if_usable(ifp) != was_usable) im.track_link(ifp);
}

// NetBSD's addresses are detached while IFF_UP is clear or the link down.
bool attached(const Interface& i) { return i.up() && i.link != LinkState::down; }

bool running_now(const Interface& i) {
  return (i.flags & (iff::up | iff::running)) == (iff::up | iff::running);
}

// NetBSD 8+: the down transition's RTM_NEWADDRs follow the RTM_IFINFO, each
// address marked detached first.
void detach_addrs_if_down(Fib::Impl& im, std::uint16_t index, bool was_attached) {
  const Interface* ifp = im.iface(index);
  if (ifp == nullptr || !was_attached || attached(*ifp)) return;
  if (im.sem().dad_detached) im.dad_if_down(index);
  if (im.sem().if_down_newaddr) im.if_detached_addrs(index);
}
}  // namespace

Result<void> Fib::set_flags(std::uint16_t index, std::uint32_t flags) {
  auto& im = *impl_;
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (ifp->flags == flags) return {};
  const bool was = im.if_usable(*ifp), was_up = ifp->up(), was_attached = attached(*ifp);
  const bool was_running = running_now(*ifp);
  ifp->flags = flags;
  const bool down = was_up && !ifp->up(), up = !was_up && ifp->up();
  // The protocols hear of it before rt_ifmsg (if_unroute/if_route:
  // pfctlinput; FreeBSD 14 if_down: the ifnet_event first), except FreeBSD
  // 14's if_up, which sends RTM_IFINFO and then the event.
  const bool up_late = im.sem().kernel == Kernel::freebsd && im.sem().version >= 14;
  if (down) im.if_down_scrub(index);
  if (up && !up_late) im.if_up_restore(index);
  emit_ifinfo(im, *im.iface(index));
  track_if_changed(im, *im.iface(index), was);
  if (up && up_late) im.if_up_restore(index);
  detach_addrs_if_down(im, index, was_attached);
  // if_up: rt_ifmsg, then in6_if_up (the link-local address, then DAD for
  // what is tentative; NetBSD: in6_if_link_up).
  if (im.sem().auto_linklocal && up) in6_ifattach(index);
  if (up || (running_now(*im.iface(index)) && !was_running)) im.dad_if_up(index);
  return {};
}

Result<void> Fib::set_interface_fib(std::uint16_t index, std::uint32_t fib) {
  auto& im = *impl_;
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (fib >= im.cfg.fibs) return err(EINVAL);
  if (ifp->fib == fib) return {};
  // SIOCSIFFIB sets if_fib and nothing else: no message, the addresses and
  // the routes they brought stay in the FIB they were added to.
  if (im.sem().iffib_keeps_addresses) {
    ifp->fib = fib;
    return {};
  }
  // if_setrdomain tears the interface down: its addresses go with their
  // routes, and it comes back up in the new domain.
  const std::uint32_t flags = ifp->flags;
  if ((flags & iff::up) != 0)
    if (auto r = set_flags(index, flags & ~(iff::up | iff::running)); !r) return r;
  while (!(ifp = im.iface(index))->addrs.empty())
    if (auto r = delete_address(index, ifp->addrs.front().addr); !r) return r;
  ifp->fib = fib;
  if ((flags & iff::up) != 0) return set_flags(index, flags);
  return {};
}

Result<void> Fib::set_mtu(std::uint16_t index, std::uint32_t mtu) {
  Interface* ifp = impl_->iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (mtu < 72 || mtu > 65535) return err(EINVAL);  // IF_MINMTU, IF_MAXMTU
  if (ifp->mtu == mtu) return {};
  ifp->mtu = mtu;
  // RTM_IFINFO first, then the routes (ifhwioctl: rt_ifmsg, then
  // rt_updatemtu; xnu ifioctl: rt_ifmsg, then if_rtmtu_update).
  if (impl_->sem().mtu_ifinfo) emit_ifinfo(*impl_, *ifp);
  impl_->update_route_mtus(*ifp);
  return {};
}

Result<void> Fib::set_link(std::uint16_t index, LinkState state) {
  Interface* ifp = impl_->iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (ifp->link == state) return {};
  const bool was = impl_->if_usable(*ifp), was_attached = attached(*ifp);
  ifp->link = state;
  emit_ifinfo(*impl_, *ifp);
  track_if_changed(*impl_, *ifp, was);
  detach_addrs_if_down(*impl_, index, was_attached);
  // NetBSD in6_if_link_up / in_if_link_up.
  if (impl_->sem().dad_detached && !was_attached && attached(*impl_->iface(index)))
    impl_->dad_if_up(index);
  return {};
}

// SIOCSIFLLADDR / SIOCSIFMETRIC: state only; like FreeBSD's if_setlladdr
// and ifioctl, neither sends a routing message.
Result<void> Fib::set_lladdr(std::uint16_t index, std::span<const std::uint8_t> lladdr) {
  Interface* ifp = impl_->iface(index);
  if (ifp == nullptr) return err(ENXIO);
  if (lladdr.size() > 8 || (!ifp->lladdr.empty() && lladdr.size() != ifp->lladdr.size()))
    return err(EINVAL);
  ifp->lladdr.assign(lladdr.begin(), lladdr.end());
  return {};
}

Result<void> Fib::set_metric(std::uint16_t index, std::uint32_t metric) {
  Interface* ifp = impl_->iface(index);
  if (ifp == nullptr) return err(ENXIO);
  ifp->metric = metric;
  return {};
}

Result<void> Fib::count(std::uint16_t index, const IfCounters& d) {
  Interface* ifp = impl_->iface(index);
  if (ifp == nullptr) return err(ENXIO);
  auto& c = ifp->counters;
  c.ipackets += d.ipackets;
  c.ierrors += d.ierrors;
  c.opackets += d.opackets;
  c.oerrors += d.oerrors;
  c.collisions += d.collisions;
  c.ibytes += d.ibytes;
  c.obytes += d.obytes;
  c.imcasts += d.imcasts;
  c.omcasts += d.omcasts;
  c.iqdrops += d.iqdrops;
  c.noproto += d.noproto;
  return {};
}

const Interface* Fib::interface(std::uint16_t index) const { return impl_->iface(index); }
const Interface* Fib::interface(std::string_view name) const { return impl_->iface_by_name(name); }
std::vector<const Interface*> Fib::interfaces() const {
  std::vector<const Interface*> out;
  for (const auto& i : impl_->ifs)
    if (i) out.push_back(&*i);
  return out;
}

}  // namespace rtsock::fib
