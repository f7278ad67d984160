// Duplicate address detection: the tentative and detached marks of an
// address and the run that clears them (nd6_dad_start/nd6_dad_timer,
// NetBSD's arp_dad_start/arp_dad_timer). No other node answers here, so
// every run ends in success: dad_count seconds after it starts (one
// solicitation per RetransTimer, 1 s), NetBSD's ARP DAD ip_dad_count + 1
// (PROBE_MIN 1 s apart, then ANNOUNCE_WAIT 2 s). Sources and per-kernel
// differences: docs/research/dad.md.
#include <algorithm>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

bool running(const Interface& ifp) {
  return (ifp.flags & (iff::up | iff::running)) == (iff::up | iff::running);
}

bool is_v6(const IfAddress& x) { return x.addr.family == Family::inet6; }
std::uint32_t tentative_of(const IfAddress& x) { return is_v6(x) ? ia6::tentative : ia4::tentative; }
std::uint32_t detached_of(const IfAddress& x) { return is_v6(x) ? ia6::detached : ia4::detached; }
std::uint32_t duplicated_of(const IfAddress& x) {
  return is_v6(x) ? ia6::duplicated : ia4::duplicated;
}

IfAddress* find(Interface* ifp, const Addr& a) {
  if (ifp == nullptr) return nullptr;
  const auto it = std::find_if(ifp->addrs.begin(), ifp->addrs.end(),
                               [&](const IfAddress& y) { return y.addr == a; });
  return it == ifp->addrs.end() ? nullptr : &*it;
}

}  // namespace

bool Fib::Impl::dad_applies(const Interface& ifp, const IfAddress& x) const {
  const Semantics& s = sem();
  if (is_v6(x) ? !s.dad6 : !s.dad4) return false;
  if ((ifp.flags & iff::loopback) != 0) return false;  // if_do_dad / in6if_do_dad
  if (!is_v6(x)) return cfg.ip_dad_count > 0;          // NetBSD ip_dad_enabled
  if ((x.flags & ia6::anycast) != 0) return false;
  // FreeBSD's NODAD is obsolete: the address goes through DAD anyway.
  if ((x.flags & ia6::nodad) != 0 && s.kernel != Kernel::freebsd) return false;
  if ((ifp.nd6 & (nd6::ifdisabled | nd6::no_dad)) != 0) return false;
  // OpenBSD in6_ifattach_linklocal: no DAD on a point-to-point link.
  if (s.kernel == Kernel::openbsd && detail::is_linklocal(x.addr) &&
      (ifp.flags & iff::pointopoint) != 0)
    return false;
  return true;
}

void Fib::Impl::dad_mark(const Interface& ifp, IfAddress& x) const {
  // What a request may ask for (SIOCAIFADDR_IN6 ifra_flags); DAD's own
  // marks are the kernel's.
  x.flags &= is_v6(x) ? (ia6::anycast | ia6::nodad | ia6::deprecated | ia6::autoconf |
                         ia6::temporary | ia6::prefer_source)
                      : 0;
  if (sem().dad_detached && ifp.link == LinkState::down && (ifp.flags & iff::loopback) == 0) {
    x.flags |= detached_of(x);  // in6_update_ifa1 / in_ifinit: detached from the start
    return;
  }
  if (!dad_applies(ifp, x)) return;
  if (running(ifp) || (is_v6(x) && sem().dad6_when_down)) x.flags |= tentative_of(x);
}

void Fib::Impl::dad_start(std::uint16_t index, const Addr& a) {
  Interface* ifp = iface(index);
  IfAddress* x = find(ifp, a);
  if (x == nullptr || (x->flags & tentative_of(*x)) == 0) return;
  const std::uint32_t count = is_v6(*x) ? cfg.dad_count : cfg.ip_dad_count;
  if (count == 0) {  // nd6_dad_start: ready at once
    dad_done(index, a);
    return;
  }
  if (!running(*ifp)) return;  // FreeBSD: waits for in6_if_up
  const auto run = std::find_if(dad_runs.begin(), dad_runs.end(), [&](const DadRun& r) {
    return r.index == index && r.addr == a;
  });
  if (run != dad_runs.end()) return;
  dad_runs.push_back({index, a, now() + (is_v6(*x) ? count : count + 1)});
}

void Fib::Impl::dad_done(std::uint16_t index, const Addr& a) {
  Interface* ifp = iface(index);
  IfAddress* x = find(ifp, a);
  if (x == nullptr) return;
  x->flags &= ~(tentative_of(*x) | duplicated_of(*x));
  emit_address(*this, ChangeKind::addr_flags, *ifp, *x, Cause::address);
}

void Fib::Impl::dad_stop(std::uint16_t index, const Addr* a) {
  std::erase_if(dad_runs, [&](const DadRun& r) {
    return r.index == index && (a == nullptr || r.addr == *a);
  });
}

std::optional<std::int64_t> Fib::Impl::dad_next() const {
  std::optional<std::int64_t> next;
  for (const DadRun& r : dad_runs)
    if (!next || r.due < *next) next = r.due;
  return next;
}

void Fib::Impl::dad_expire() {
  const std::int64_t t = now();
  std::vector<DadRun> due;
  std::erase_if(dad_runs, [&](const DadRun& r) {
    if (r.due > t) return false;
    due.push_back(r);
    return true;
  });
  for (const DadRun& r : due) {
    // nd6_dad_timer on an interface gone down: the address stays
    // tentative (FreeBSD restarts at in6_if_up).
    const Interface* ifp = iface(r.index);
    if (ifp != nullptr && running(*ifp)) dad_done(r.index, r.addr);
  }
}

void Fib::Impl::dad_if_up(std::uint16_t index) {
  Interface* ifp = iface(index);
  if (ifp == nullptr || !running(*ifp)) return;
  const Semantics& s = sem();
  if (s.dad_detached && ifp->link == LinkState::down) return;
  std::vector<Addr> start;
  for (IfAddress& x : ifp->addrs) {
    if (s.dad_detached && (x.flags & detached_of(x)) != 0) {
      // in6_if_link_up / in_if_link_up: detached ones go through DAD again,
      // or are simply announced ready.
      x.flags &= ~detached_of(x);
      if (dad_applies(*ifp, x)) {
        x.flags |= tentative_of(x);
        start.push_back(x.addr);
      } else {
        emit_address(*this, ChangeKind::addr_flags, *ifp, x, Cause::interface);
      }
      continue;
    }
    const bool restart = is_v6(x) ? s.dad6_restart_at_up || s.dad_detached : s.dad_detached;
    if (restart && (x.flags & tentative_of(x)) != 0) start.push_back(x.addr);
  }
  for (const Addr& a : start) dad_start(index, a);
}

void Fib::Impl::dad_if_down(std::uint16_t index) {
  Interface* ifp = iface(index);
  if (ifp == nullptr) return;
  dad_stop(index, nullptr);
  // in_if_link_down / in6_if_link_down: detached, no longer tentative,
  // whether DAD is on or not.
  if ((ifp->flags & iff::loopback) != 0) return;
  for (IfAddress& x : ifp->addrs) {
    x.flags |= detached_of(x);
    x.flags &= ~(tentative_of(x) | duplicated_of(x));
  }
}

}  // namespace rtsock::fib
