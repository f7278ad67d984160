// Kernel-originated messages: change records become RTM_ADD/DELETE/CHANGE,
// RTM_NEWADDR/DELADDR, RTM_IFINFO, RTM_IFANNOUNCE and RTM_NEWMADDR/DELMADDR
// (spec A.15, B.11); the
// emulated data path reports RTM_MISS, RTM_RESOLVE and RTM_REDIRECT.
#include <cerrno>

#include "impl.hpp"

namespace rtsock::kernel {

using abi::Field;

void Engine::Impl::notify(const fib::Change& c, std::vector<Delivery>& out) {
  using K = fib::ChangeKind;
  // Before FreeBSD 13 routes made by a redirect were reported only by the
  // RTM_REDIRECT itself; 13+ reports every rib change.
  if (c.cause == fib::Cause::redirect && !freebsd13()) return;
  // What the kernel changes silently (OpenBSD's link-state reordering,
  // in6_update_ifa's multicast routes) reaches no socket.
  if (c.cause == fib::Cause::unreported) return;
  const fib::Interface* live = fib->interface(c.ifindex);
  const fib::Interface* ifp = c.iface ? &*c.iface : live;
  switch (c.kind) {
    case K::route_add:
    case K::route_delete:
    case K::route_change: {
      const fib::RouteInfo& r = c.kind == K::route_delete ? *c.old_route : *c.new_route;
      const std::uint8_t type = c.kind == K::route_add      ? t.add
                                : c.kind == K::route_delete ? t.del
                                                            : t.change;
      const bool newaddr_route = (is(abi::Os::darwin) || is(abi::Os::dragonfly)) &&
                                 c.cause == fib::Cause::address && c.kind != K::route_change &&
                                 (r.prefix.family() == fib::Family::inet4 || r.prefix.host);
      // OpenBSD reports through rtm_report, which always names the
      // interface; DragonFly's rt_newaddrmsg through rt_rtmsg, which adds
      // IFP and IFA (xnu's does not).
      auto m = route_message(type, r,
                             is(abi::Os::openbsd) || (newaddr_route && is(abi::Os::dragonfly)));
      if (newaddr_route) {
        newaddr_route_message(m, r);
        // rt_rtmsg's IFP is the address's interface (ifa_ifp), lo0 being
        // only the loopback route's rt_ifp.
        if (m.has(abi::kIfp) && r.gateway.is_link() && r.gateway.ifindex != 0)
          if (const fib::Interface* own = fib->interface(r.gateway.ifindex))
            m.set_addr(abi::kIfp, ifp_sa(*own));
        deliver(pack(m), route_tag(m, r.fib), 0, out);
        return;
      }
      // NetBSD 8+ (route.c): rtinit's routes go through rt_newmsg, shaped
      // by rt_missmsg as KAME's nd6_rtmsg; a local route (RTF_LOCAL: only
      // rt_ifa_addlocal makes one) through rt_newaddrmsg when added and
      // rtdeletemsg when deleted.
      if (sem.rt_newmsg_addr_routes && c.cause == fib::Cause::address &&
          c.kind != K::route_change) {
        if ((r.flags & fib::rtf::local) == 0) {
          nd6_rtmsg(type, r, out);
          return;
        }
        newaddr_route_message(m, r);
        if (c.kind == K::route_delete) {
          // rtdeletemsg: rt_missmsg of the flags read before rtrequest1
          // cleared RTF_UP; no IFP/IFA, rtm_index 0.
          m.set(Field::index, 0);
          m.set(Field::flags, static_cast<std::int64_t>(
                                  static_cast<std::uint64_t>(m.get(Field::flags)) |
                                  rtf_to_os(fib::rtf::done | fib::rtf::up)));
        }
        deliver(pack(m), route_tag(m, r.fib), 0, out);
        return;
      }
      // NetBSD rt_ifa_remlocal re-pointing a loopback route: rt_newmsg goes
      // through rt_missmsg, the same shape as KAME's nd6_rtmsg.
      if (is(abi::Os::netbsd) && c.cause == fib::Cause::address && c.kind == K::route_change) {
        nd6_rtmsg(type, r, out);
        return;
      }
      if (sem.inet6_nd_prefix && c.cause == fib::Cause::address && c.kind != K::route_change &&
          r.prefix.family() == fib::Family::inet6 && !r.prefix.host) {
        nd6_rtmsg(type, r, out);
        return;
      }
      std::uint64_t flags =
          static_cast<std::uint64_t>(m.get(Field::flags)) | rtf_to_os(fib::rtf::done);
      if (freebsd13() && c.kind != K::route_delete) flags |= rtf_to_os(fib::rtf::up);
      m.set(Field::flags, static_cast<std::int64_t>(flags));
      deliver(pack(m), route_tag(m, r.fib), 0, out);
      return;
    }
    case K::addr_add:
    case K::addr_delete:
    case K::addr_flags: {
      // addr_flags (DAD's end, NetBSD's link changes): NetBSD
      // rt_addrmsg(RTM_NEWADDR) with the new ifam_addrflags, OpenBSD
      // rtm_addr(RTM_CHGADDRATTR); FreeBSD, DragonFly and xnu tell nobody.
      const std::uint8_t type = c.kind == K::addr_add      ? t.newaddr
                                : c.kind == K::addr_delete ? t.deladdr
                                : is(abi::Os::netbsd)      ? t.newaddr
                                                           : t.chgaddrattr;
      if (type == 0 || ifp == nullptr || !c.address) return;
      auto m = ifaddr_message(type, *ifp, *c.address);
      Tag tag;
      tag.family = af_of(c.address->addr.family);
      tag.type = m.type;
      tag.fib = ifp->fib;
      deliver(pack(m), tag, 0, out);
      return;
    }
    case K::if_arrival:
    case K::if_departure: {
      if (t.ifannounce == 0 || ifp == nullptr) return;  // Darwin, HP-UX: none
      auto m = announce_message(*ifp, c.kind == K::if_arrival);
      Tag tag;
      tag.type = m.type;
      tag.fib = rtable_any;
      deliver(pack(m), tag, 0, out);
      return;
    }
    case K::maddr_add:
    case K::maddr_delete: {
      const std::uint8_t type = c.kind == K::maddr_add ? t.newmaddr : t.delmaddr;
      if (type == 0 || ifp == nullptr || !c.group) return;  // OpenBSD, NetBSD, HP-UX: none
      auto m = maddr_message(type, *ifp, *c.group);
      Tag tag;
      tag.family = c.group->link ? p->af_link : af_of(c.group->group.family);
      tag.type = m.type;
      tag.fib = ifp->fib;
      deliver(pack(m), tag, 0, out);
      return;
    }
    case K::addr_lle: {
      // nd6_add_ifa_lle: the displaced entry expires (LLENTRY_EXPIRED), the
      // address's own resolves (LLENTRY_RESOLVED) with the interface's MAC;
      // only where ND keeps a cache (nd6_need_cache).
      if (live == nullptr || !c.address || !needs_nd_cache(*live)) return;
      if (c.neighbor) lle_event(t.del, *live, *c.neighbor, out);
      fib::Neighbor own;
      own.addr = c.address->addr;
      own.lladdr_len = static_cast<std::uint8_t>(std::min<std::size_t>(live->lladdr.size(), 8));
      std::copy_n(live->lladdr.begin(), own.lladdr_len, own.lladdr.begin());
      lle_event(t.add, *live, own, out);
      return;
    }
    case K::if_change: {
      if (ifp == nullptr) return;
      auto m = ifinfo_message(*ifp, t.ifinfo);
      Tag tag;
      tag.type = m.type;
      tag.fib = ifp->fib;
      tag.flags = static_cast<std::uint32_t>(m.get(Field::flags));
      deliver(pack(m), tag, 0, out);
      return;
    }
  }
}

void Engine::Impl::flush_changes(std::vector<Delivery>& out, bool skip_request) {
  // notify() may not add records, but take them out first all the same.
  std::vector<fib::Change> changes;
  changes.swap(pending);
  for (const auto& c : changes) {
    if (skip_request && c.cause == fib::Cause::request) continue;
    notify(c, out);
  }
}

fib::Forward Engine::forward(std::uint32_t fibnum, const fib::Addr& dst,
                             std::vector<Delivery>& out) {
  auto& im = *impl_;
  fib::Forward f = im.fib->forward(fibnum, dst);
  im.flush_changes(out, false);
  const bool miss = f.verdict == fib::Forward::Verdict::miss;
  // OpenBSD reports no lookup failure (only failed cloning, not modelled).
  std::uint8_t type = 0;
  if (miss && !im.is(abi::Os::openbsd)) type = im.t.miss;
  if (f.resolve) type = im.t.resolve;
  if (type != 0 && im.any_listener()) {
    auto m = codec::Message::make(*im.p, type);
    m.set_addr(abi::kDst, im.sa_of(dst));
    m.set(Field::flags, im.rtf_to_os(fib::rtf::done));
    m.set(Field::tableid, fibnum);
    im.deliver(im.pack(m), im.route_tag(m, fibnum), 0, out);
    if (type == im.t.miss)
      ++im.stats.misses;
    else
      ++im.stats.resolves;
  }
  return f;
}

int Engine::redirect(std::uint32_t fibnum, const fib::Addr& dst, const fib::Addr& gateway,
                     const fib::Addr& src, std::vector<Delivery>& out) {
  auto& im = *impl_;
  auto r = im.fib->redirect(fibnum, dst, gateway, src);
  im.flush_changes(out, false);
  const int error = r ? 0 : im.err(r.error().code().value());
  // FreeBSD 13+ reports successful redirects only; older kernels report every
  // one with its error.
  if (!r && im.freebsd13()) return error;
  auto m = codec::Message::make(*im.p, im.t.redirect);
  m.set_addr(abi::kDst, im.sa_of(dst));
  m.set_addr(abi::kGateway, im.sa_of(gateway));
  m.set_addr(abi::kAuthor, im.sa_of(src));
  // DragonFly's rtredirect reports icmp_input's own flags (GATEWAY|HOST),
  // and the per-CPU message handler drops the error: always 0, no netmask.
  const bool dragonfly = im.is(abi::Os::dragonfly);
  std::uint64_t flags = r && !dragonfly ? r->flags : (fib::rtf::gateway | fib::rtf::host);
  // xnu's rtredirect keeps its own flags too: GATEWAY|HOST plus DYNAMIC for
  // a new route or MODIFIED for a changed one, not the route's.
  if (r && im.is(abi::Os::darwin))
    flags = fib::rtf::gateway | fib::rtf::host |
            ((r->flags & fib::rtf::modified) != 0 ? fib::rtf::modified : fib::rtf::dynamic);
  if (im.freebsd13()) flags |= fib::rtf::up;
  flags |= fib::rtf::done;
  if (r && !r->prefix.host && !im.freebsd13() && !dragonfly && !im.is(abi::Os::darwin)) {
    const auto kind =
        dst.family == fib::Family::inet4 ? codec::SaKind::inet4 : codec::SaKind::inet6;
    m.set_addr(abi::kNetmask, codec::Sockaddr::mask(kind, r->prefix.plen));
  }
  m.set(Field::flags, im.rtf_to_os(flags));
  m.set(Field::err, dragonfly ? 0 : error);
  m.set(Field::tableid, fibnum);
  im.deliver(im.pack(m), im.route_tag(m, fibnum), 0, out);
  ++im.stats.redirects;
  return error;
}

std::size_t Engine::expire(std::vector<Delivery>& out) {
  auto& im = *impl_;
  const std::size_t n = im.fib->expire();
  im.flush_changes(out, false);
  im.stats.expired += n;
  return n;
}

std::optional<std::int64_t> Engine::next_expiry() const { return impl_->fib->next_expiry(); }

int Engine::table_fd() const { return impl_->fib->event_fd(); }

Engine::TableEvents Engine::table_events(std::vector<Delivery>& out) {
  auto& im = *impl_;
  TableEvents ev;
  auto r = im.fib->poll();
  if (r)
    ev.lost = *r;
  else
    ev.error = r.error().code().value();
  im.flush_changes(out, false);
  return ev;
}

}  // namespace rtsock::kernel
