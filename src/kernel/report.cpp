// Building messages from table state: rt_msg1/rtsock_msg_buffer and
// rtm_report (spec A.15, B.3).
#include <cerrno>

#include "impl.hpp"
#include "rtsock/codec/marshal.hpp"

namespace rtsock::kernel {

using abi::Field;

void Engine::Impl::set_metrics(codec::Message& m, const fib::RouteInfo& r) const {
  const auto& x = r.rmx;
  if (is(abi::Os::freebsd)) {
    // FreeBSD reports only the nexthop's MTU, weight, index and expiry.
    std::uint32_t mtu = x.mtu;
    if (mtu == 0)
      if (const fib::Interface* ifp = fib->interface(r.ifindex)) mtu = ifp->mtu;
    m.set(Field::rmx_mtu, mtu);
    m.set(Field::rmx_weight, x.weight != 0 ? x.weight : 1);
    m.set(Field::rmx_nhidx, r.nhidx);
    m.set(Field::rmx_expire, x.expire);
    return;
  }
  m.set(Field::rmx_locks, r.locks);
  m.set(Field::rmx_mtu, x.mtu);
  m.set(Field::rmx_expire, x.expire);
  m.set(Field::rmx_pksent, static_cast<std::int64_t>(x.pksent));
  if (is(abi::Os::openbsd)) return;
  m.set(Field::rmx_hopcount, x.hopcount);
  m.set(Field::rmx_recvpipe, x.recvpipe);
  m.set(Field::rmx_sendpipe, x.sendpipe);
  m.set(Field::rmx_ssthresh, x.ssthresh);
  m.set(Field::rmx_rtt, x.rtt);
  m.set(Field::rmx_rttvar, x.rttvar);
  m.set(Field::rmx_weight, x.weight);
}

codec::Message Engine::Impl::route_message(std::uint8_t type, const fib::RouteInfo& r,
                                           bool with_if) const {
  auto m = codec::Message::make(*p, type);
  fill_route_message(m, r, with_if);
  return m;
}

void Engine::Impl::fill_route_message(codec::Message& m, const fib::RouteInfo& r,
                                      bool with_if) const {
  // Every field below is set for every route; only the sockaddrs differ.
  m.present = 0;
  const auto kind =
      r.prefix.family() == fib::Family::inet4 ? codec::SaKind::inet4 : codec::SaKind::inet6;
  m.set_addr(abi::kDst, sa_of(r.prefix.addr));
  if (r.gateway.kind != fib::Gateway::Kind::none) m.set_addr(abi::kGateway, sa_of(r.gateway));
  // FreeBSD, Darwin and NetBSD leave a host route's netmask out; OpenBSD's
  // rt_plen2mask builds one from the prefix length for every route.
  if (!r.prefix.host || is(abi::Os::openbsd))
    m.set_addr(abi::kNetmask, codec::Sockaddr::mask(kind, r.prefix.plen));
  const fib::Interface* ifp = fib->interface(r.ifindex);
  if (with_if && ifp != nullptr) {
    m.set_addr(abi::kIfp, ifp_sa(*ifp));
    if (r.ifa) m.set_addr(abi::kIfa, sa_of(*r.ifa));
    if ((ifp->flags & fib::iff::pointopoint) != 0 && r.ifa)
      for (const auto& a : ifp->addrs)
        if (a.addr == *r.ifa && a.peer) m.set_addr(abi::kBrd, sa_of(*a.peer));
  }
  std::uint64_t flags = r.flags;
  // RTF_GWFLAG_COMPAT is FreeBSD's internal mark of a gateway resolved to a
  // loopback link; reports show RTF_GATEWAY in its place.
  if ((flags & fib::rtf::gwflag_compat) != 0)
    flags = (flags & ~fib::rtf::gwflag_compat) | fib::rtf::gateway;
  m.set(Field::flags, rtf_to_os(flags));
  m.set(Field::index, r.ifindex);
  m.set(Field::tableid, r.fib);
  m.set(Field::priority, r.priority);
  set_metrics(m, r);
  m.set(Field::use, static_cast<std::int64_t>(r.rmx.pksent));
}

void Engine::Impl::newaddr_route_message(codec::Message& m, const fib::RouteInfo& r) const {
  // xnu and DragonFly (rtinit, in6_ifloop_request) and NetBSD 8+
  // (rt_ifa_addlocal's local route) report an address's routes through
  // rt_newaddrmsg: rt_msg1 zeroes the header, so the route's flags
  // go out without RTF_DONE and with no metrics, and rtm_index is the
  // address's interface (ifa_ifp), not the route's (lo0 for a local route).
  for (Field x : {Field::rmx_locks, Field::rmx_mtu, Field::rmx_hopcount, Field::rmx_expire,
                  Field::rmx_recvpipe, Field::rmx_sendpipe, Field::rmx_ssthresh, Field::rmx_rtt,
                  Field::rmx_rttvar, Field::rmx_pksent, Field::rmx_weight, Field::use})
    m.set(x, 0);
  // An address route's gateway is its address's interface (link#N).
  if (r.gateway.is_link() && r.gateway.ifindex != 0) m.set(Field::index, r.gateway.ifindex);
}

void Engine::Impl::nd6_rtmsg(std::uint8_t type, const fib::RouteInfo& r,
                             std::vector<Delivery>& out) {
  // KAME nd6_rtmsg (xnu, DragonFly): an IPv6 prefix route that comes and
  // goes with its prefix, and NetBSD 8+ rtinit's routes (rt_newmsg), are
  // told through rt_missmsg: DST, GATEWAY, NETMASK, IFP (the route's
  // interface) and IFA, RTF_DONE with the route's flags, rtm_index 0 and
  // no metrics.
  auto m = route_message(type, r, true);
  m.clear_addr(abi::kBrd);
  newaddr_route_message(m, r);
  m.set(Field::index, 0);
  m.set(Field::flags, static_cast<std::int64_t>(static_cast<std::uint64_t>(m.get(Field::flags)) |
                                                rtf_to_os(fib::rtf::done)));
  deliver(pack(m), route_tag(m, r.fib), 0, out);
}

codec::Message Engine::Impl::ifinfo_message(const fib::Interface& ifp, std::uint8_t type) const {
  auto m = codec::Message::make(*p, type);
  m.set(Field::index, ifp.index);
  std::int64_t flags = iff_to_os(ifp.flags);
  // NetBSD copies the short if_flags into the int ifm_flags: sign-extended.
  if (is(abi::Os::netbsd)) flags = static_cast<std::int16_t>(flags & 0xffff);
  m.set(Field::flags, flags);
  // OpenBSD's if_msghdr carries the interface's link sockaddr.
  if (is(abi::Os::openbsd)) m.set_addr(abi::kIfp, ifp_sa(ifp));
  m.set(Field::tableid, ifp.fib);
  m.set(Field::ifi_type, ifp.type);
  m.set(Field::ifi_addrlen, static_cast<std::int64_t>(ifp.lladdr.size()));
  m.set(Field::ifi_hdrlen, ifp.type == fib::ift::ether ? 14 : 0);
  std::int64_t link = 0;
  if (p->link_states == abi::LinkStates::openbsd)
    link = ifp.link == fib::LinkState::up ? 4 : ifp.link == fib::LinkState::down ? 2 : 0;
  else
    link = static_cast<std::int64_t>(ifp.link);
  // NetBSD's lo(4) never reports a link state: LINK_STATE_UNKNOWN.
  if (is(abi::Os::netbsd) && (ifp.flags & fib::iff::loopback) != 0) link = 0;
  m.set(Field::ifi_link_state, link);
  m.set(Field::ifi_datalen, p->layout(m.kind).data_size);
  m.set(Field::ifi_mtu, ifp.mtu);
  m.set(Field::ifi_metric, ifp.metric);
  m.set(Field::ifi_rdomain, ifp.fib);
  m.set(Field::ifi_baudrate, static_cast<std::int64_t>(ifp.baudrate));
  const auto& c = ifp.counters;
  auto u = [](std::uint64_t v) { return static_cast<std::int64_t>(v); };
  m.set(Field::ifi_ipackets, u(c.ipackets));
  m.set(Field::ifi_ierrors, u(c.ierrors));
  m.set(Field::ifi_opackets, u(c.opackets));
  m.set(Field::ifi_oerrors, u(c.oerrors));
  m.set(Field::ifi_collisions, u(c.collisions));
  m.set(Field::ifi_ibytes, u(c.ibytes));
  m.set(Field::ifi_obytes, u(c.obytes));
  m.set(Field::ifi_imcasts, u(c.imcasts));
  m.set(Field::ifi_omcasts, u(c.omcasts));
  m.set(Field::ifi_iqdrops, u(c.iqdrops));
  m.set(Field::ifi_noproto, u(c.noproto));
  return m;
}

codec::Message Engine::Impl::ifaddr_message(std::uint8_t type, const fib::Interface& ifp,
                                            const fib::IfAddress& a, bool live) const {
  auto m = codec::Message::make(*p, type);
  m.set(Field::index, ifp.index);
  m.set(Field::metric, ifp.metric);
  // ifa_flags: IFA_ROUTE (= RTF_UP) while the prefix route is installed.
  std::int64_t flags = type == t.newaddr || (type != 0 && type == t.chgaddrattr) ? 1 : 0;
  // xnu and DragonFly announce an IPv4 address from inside rtinit, before
  // in_ifinit/in_addprefix sets IFA_ROUTE, and withdraw it from inside
  // in_ifscrub's rtinit, before it clears IFA_ROUTE.
  if (live && sem.rtinit_messages && a.addr.family == fib::Family::inet4)
    flags = type == t.deladdr ? 1 : 0;
  if (sem.inet6_nd_prefix) {
    // KAME: RTF_CLONING from arp_ifinit (IPv4 over ARP) and in6_ifinit (an
    // IPv6 prefix shorter than 128); an IPv6 address holds IFA_ROUTE only
    // for rtinit's destination route.
    const bool v6 = a.addr.family == fib::Family::inet6;
    if (v6 && !(a.plen == 128 && (a.peer || (ifp.flags & fib::iff::loopback) != 0))) flags = 0;
    if (v6 ? a.plen < 128 : needs_nd_cache(ifp)) flags |= rtf_to_os(fib::rtf::cloning);
  }
  m.set(Field::flags, flags);
  m.set(Field::tableid, ifp.fib);
  // NetBSD 8+ if_addrflags: ia6_flags / ia4_flags (DragonFly 5.8's field
  // stays 0: not seen filled in its source).
  if (is(abi::Os::netbsd)) m.set(Field::addrflags, a.flags);
  const auto kind =
      a.addr.family == fib::Family::inet4 ? codec::SaKind::inet4 : codec::SaKind::inet6;
  m.set_addr(abi::kIfa, sa_of(a.addr));
  m.set_addr(abi::kIfp, ifp_sa(ifp));
  m.set_addr(abi::kNetmask, codec::Sockaddr::mask(kind, a.plen));
  if (a.peer)
    m.set_addr(abi::kBrd, sa_of(*a.peer));
  else if (a.broadcast)
    m.set_addr(abi::kBrd, sa_of(*a.broadcast));
  return m;
}

codec::Message Engine::Impl::announce_message(const fib::Interface& ifp, bool arrival) const {
  auto m = codec::Message::make(*p, t.ifannounce);
  m.set(Field::index, ifp.index);
  m.set(Field::what, arrival ? 0 : 1);  // IFAN_ARRIVAL, IFAN_DEPARTURE
  m.name = ifp.name;
  return m;
}

codec::Sockaddr Engine::Impl::link_group_sa(const fib::Interface& ifp,
                                            const std::vector<std::uint8_t>& mac) const {
  // Darwin's copy_and_normalize keeps only the address: sdl_len 8 + alen,
  // no index, no type. FreeBSD (link_init_sdl) and DragonFly
  // (ether_resolvemulti) write a whole sockaddr_dl with the interface's
  // index and IFT_ETHER, no name.
  if (is(abi::Os::darwin)) {
    auto sa = codec::Sockaddr::link(0, 0, "", mac);
    sa.wire_len = static_cast<std::int16_t>(8 + mac.size());
    return sa;
  }
  return codec::Sockaddr::link(ifp.index, 6, "", mac);
}

codec::Message Engine::Impl::maddr_message(std::uint8_t type, const fib::Interface& ifp,
                                           const fib::Membership& g) const {
  auto m = codec::Message::make(*p, type);
  m.set(Field::index, ifp.index);
  m.set_addr(abi::kIfa, g.link ? link_group_sa(ifp, g.lladdr) : sa_of(g.group));
  m.set_addr(abi::kIfp, ifp_sa(ifp));
  if (!g.link && !g.lladdr.empty()) m.set_addr(abi::kGateway, link_group_sa(ifp, g.lladdr));
  return m;
}

std::optional<codec::Message> Engine::Impl::darwin_scrubbed(const codec::Message& m) const {
  // xnu rtm_scrub: an IPv6 netmask is trimmed, then given back the length of
  // a whole sockaddr_in6 in every message but RTM_GET/RTM_GET2 replies and
  // route dumps; an address's own (ia_prefixmask) also keeps AF_INET6.
  if (!is(abi::Os::darwin) || m.type == t.get || m.type == t.get2) return std::nullopt;
  const codec::Sockaddr* mask = m.addr(abi::kNetmask);
  if (mask == nullptr || mask->kind != codec::SaKind::inet6) return std::nullopt;
  codec::Sockaddr sa = *mask;
  sa.wire_len = 28;
  if (m.type == t.newaddr || m.type == t.deladdr) sa.wire_family = p->af_inet6;
  codec::Message out = m;
  out.set_addr(abi::kNetmask, sa);
  return out;
}

Packet Engine::Impl::pack(const codec::Message& m, bool sysctl) const {
  const auto scrubbed = darwin_scrubbed(m);
  auto bytes = std::make_shared<std::vector<std::byte>>();
  codec::MarshalOptions o;
  o.sysctl = sysctl;
  // Every message built here fits its profile; a failure would be a bug in
  // the builders, and an empty packet is dropped by the caller.
  if (!codec::marshal(*p, scrubbed ? *scrubbed : m, *bytes, o)) bytes->clear();
  return bytes;
}

Tag Engine::Impl::route_tag(const codec::Message& m, std::uint32_t fibnum) const {
  Tag tag;
  if (const codec::Sockaddr* d = m.addr(abi::kDst)) {
    if (d->kind == codec::SaKind::inet4)
      tag.family = p->af_inet;
    else if (d->kind == codec::SaKind::inet6)
      tag.family = p->af_inet6;
    else if (d->kind == codec::SaKind::link)
      tag.family = p->af_link;
    else if (d->kind == codec::SaKind::other)
      tag.family = d->family_num;
  }
  tag.fib = fibnum;
  tag.route_msg = true;
  tag.type = m.type;
  tag.flags = static_cast<std::uint32_t>(m.get(Field::flags));
  tag.priority = static_cast<std::uint8_t>(m.get(Field::priority));
  return tag;
}

}  // namespace rtsock::kernel
