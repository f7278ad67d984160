// The BSD face of Linux links, addresses and routes (docs/linux-backend.md).
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <unistd.h>

#include "mirror.hpp"
#include "rtsock/fib/fib.hpp"
#include "rtsock/fib/flags.hpp"

namespace rtsock::backend::rtnl {
namespace {

bool link_local(const fib::Addr& a) {
  return a.family == fib::Family::inet6 && a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80;
}

std::uint8_t iftype_of(std::uint16_t arphrd) {
  switch (arphrd) {
    case ARPHRD_ETHER:
      return fib::ift::ether;
    case ARPHRD_LOOPBACK:
      return fib::ift::loop;
    case ARPHRD_PPP:
      return fib::ift::ppp;
    case ARPHRD_TUNNEL:
    case ARPHRD_TUNNEL6:
    case ARPHRD_SIT:
    case ARPHRD_IPGRE:
    case ARPHRD_IP6GRE:
      return fib::ift::gif;
    case ARPHRD_NONE:
      return fib::ift::tunnel;
    default:
      return fib::ift::other;
  }
}

// Linux IFF_* bits that mean what the BSD bit of the same name means.
constexpr struct {
  std::uint32_t linux_bit, bsd_bit;
} kIffMap[] = {
    {IFF_UP, fib::iff::up},           {IFF_BROADCAST, fib::iff::broadcast},
    {IFF_DEBUG, fib::iff::debug},     {IFF_LOOPBACK, fib::iff::loopback},
    {IFF_POINTOPOINT, fib::iff::pointopoint}, {IFF_RUNNING, fib::iff::running},
    {IFF_NOARP, fib::iff::noarp},     {IFF_PROMISC, fib::iff::promisc},
    {IFF_ALLMULTI, fib::iff::allmulti}, {IFF_MULTICAST, fib::iff::multicast},
};

// Route protocols that stand for a route someone configured (RTF_STATIC);
// kernel, redirect, router-advertisement and unspecified ones are not.
bool configured(std::uint8_t protocol) {
  return protocol != RTPROT_UNSPEC && protocol != RTPROT_KERNEL && protocol != RTPROT_REDIRECT &&
         protocol != RTPROT_RA;
}

std::int64_t clock_ticks() {
  static const long hz = ::sysconf(_SC_CLK_TCK);
  return hz > 0 ? hz : 100;
}

}  // namespace

std::uint32_t bsd_iff(std::uint32_t linux_flags) {
  std::uint32_t f = 0;
  for (const auto& m : kIffMap)
    if ((linux_flags & m.linux_bit) != 0) f |= m.bsd_bit;
  // BSD Ethernet-like interfaces do not hear their own broadcasts.
  if ((f & fib::iff::broadcast) != 0) f |= fib::iff::simplex;
  return f;
}

std::uint32_t linux_iff(std::uint32_t bsd_flags) {
  std::uint32_t f = 0;
  for (const auto& m : kIffMap)
    if ((bsd_flags & m.bsd_bit) != 0) f |= m.linux_bit;
  return f;
}

fib::Addr Mirror::zoned(fib::Addr a, int ifindex) {
  if (link_local(a) && ifindex > 0 && ifindex <= 0xffff) {
    a.bytes[2] = static_cast<std::uint8_t>(ifindex >> 8);
    a.bytes[3] = static_cast<std::uint8_t>(ifindex);
  }
  return a;
}

fib::Interface Mirror::face(const Link& l, const fib::Interface* before) const {
  fib::Interface i;
  if (before != nullptr) {
    i.metric = before->metric;
    i.addrs = before->addrs;
    i.counters = before->counters;
  }
  i.index = static_cast<std::uint16_t>(l.index);
  i.name = names_->bsd_of(l.name);
  i.type = iftype_of(l.arphrd);
  i.flags = bsd_iff(l.flags);
  i.mtu = l.mtu;
  // Loopback's all-zero "address" is no link-layer address on a BSD.
  bool zero = true;
  for (auto b : l.lladdr) zero = zero && b == 0;
  if (!zero && l.lladdr.size() <= 8) i.lladdr = l.lladdr;
  switch (l.operstate) {
    case IF_OPER_UP:
      i.link = fib::LinkState::up;
      break;
    case IF_OPER_DOWN:
    case IF_OPER_LOWERLAYERDOWN:
    case IF_OPER_NOTPRESENT:
    case IF_OPER_DORMANT:
      i.link = fib::LinkState::down;
      break;
    default:
      i.link = fib::LinkState::unknown;
  }
  if (l.stats) {
    const LinkStats& s = *l.stats;
    i.counters.ipackets = s.rx_packets;
    i.counters.opackets = s.tx_packets;
    i.counters.ibytes = s.rx_bytes;
    i.counters.obytes = s.tx_bytes;
    i.counters.ierrors = s.rx_errors;
    i.counters.oerrors = s.tx_errors;
    i.counters.iqdrops = s.rx_dropped;
    i.counters.imcasts = s.multicast;
    i.counters.collisions = s.collisions;
  }
  return i;
}

fib::IfAddress Mirror::face(const Address& a) const {
  fib::IfAddress x;
  // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the same
  // address, or the peer on a point-to-point link.
  const fib::Addr own = a.local ? *a.local : *a.address;
  x.addr = zoned(own, a.index);
  x.plen = a.plen;
  if (a.local && a.address && !(*a.address == *a.local)) x.peer = zoned(*a.address, a.index);
  if (a.broadcast) x.broadcast = *a.broadcast;
  return x;
}

// The address a BSD kernel would give a route toward `toward` through ifp:
// one whose prefix holds it, else the first of the family and scope.
std::optional<fib::Addr> Mirror::source_for(const fib::Interface& ifp,
                                            const fib::Addr& toward) const {
  const fib::IfAddress* fallback = nullptr;
  for (const auto& a : ifp.addrs) {
    if (a.addr.family != toward.family) continue;
    if (toward.within(a.addr, a.plen) || (a.peer && *a.peer == toward)) return a.addr;
    if (fallback == nullptr && link_local(a.addr) == link_local(toward)) fallback = &a;
  }
  if (fallback != nullptr) return fallback->addr;
  for (const auto& a : ifp.addrs)
    if (a.addr.family == toward.family) return a.addr;
  return std::nullopt;
}

std::vector<std::pair<PathKey, Path>> Mirror::faces(const Route& r) const {
  std::vector<std::pair<PathKey, Path>> out;
  if ((r.flags & RTM_F_CLONED) != 0 || r.src_len != 0) return out;
  std::uint32_t fibnum = 0;
  if (r.table != RT_TABLE_MAIN && r.table != RT_TABLE_LOCAL) {
    if (r.table == 0 || r.table >= fibs_ || r.table >= RT_TABLE_COMPAT) return out;
    fibnum = r.table;
  }
  const bool openbsd = sem_.kernel == fib::Kernel::openbsd;
  switch (r.type) {
    case RTN_UNICAST:
    case RTN_LOCAL:
    case RTN_BLACKHOLE:
    case RTN_UNREACHABLE:
    case RTN_PROHIBIT:
      break;
    case RTN_BROADCAST:
      if (openbsd) break;
      return out;
    default:  // anycast, multicast, throw, nat: nothing a BSD table holds
      return out;
  }
  // A route naming a nexthop object that the kernel did not expand
  // (nexthop_compat_mode 0) says nothing of where it leads.
  if (r.paths.empty() && (r.type == RTN_UNICAST || r.type == RTN_LOCAL || r.type == RTN_BROADCAST))
    return out;
  const int max = fib::max_plen(r.family);
  const std::uint16_t lo = loopback();
  const std::size_t n = std::max<std::size_t>(r.paths.size(), 1);
  for (std::size_t k = 0; k < n; ++k) {
    const Nexthop nh = r.paths.empty() ? Nexthop{} : r.paths[k];
    if (nh.oif < 0 || nh.oif > 0xffff) continue;
    const auto oif = static_cast<std::uint16_t>(nh.oif);
    const fib::Interface* ifp = link(oif);
    Path p;
    p.route = r;
    p.nexthop = k;
    fib::RouteInfo& i = p.info;
    i.fib = fibnum;
    i.prefix = fib::Prefix::net(zoned(r.dst, nh.oif), r.dst_len);
    i.prefix.host = r.dst_len == max;
    i.flags = fib::rtf::up | (i.prefix.host ? fib::rtf::host : 0);
    const std::uint64_t pinned = sem_.pinned ? fib::rtf::pinned : 0;
    const auto link_gw = [&](std::uint16_t index) {
      const fib::Interface* x = link(index);
      return fib::Gateway::link(index, x != nullptr ? x->type : fib::ift::other);
    };
    switch (r.type) {
      case RTN_UNICAST:
        i.ifindex = oif;
        if (nh.gateway) {
          i.gateway = fib::Gateway::address(zoned(*nh.gateway, nh.oif));
          i.flags |= fib::rtf::gateway;
        } else {
          i.gateway = link_gw(oif);
        }
        if (r.protocol == RTPROT_KERNEL) i.flags |= pinned | sem_.connected_flags;
        if (r.protocol == RTPROT_REDIRECT) i.flags |= fib::rtf::dynamic;
        if (configured(r.protocol)) i.flags |= fib::rtf::static_;
        break;
      case RTN_LOCAL:  // an address's own route, through loopback
        i.ifindex = lo != 0 ? lo : oif;
        i.gateway = link_gw(oif);
        if (sem_.loopback_addr_local && ifp != nullptr && (ifp->flags & fib::iff::loopback) != 0) {
          // NetBSD: ::1 is lo0's plain host route (in6_ifattach_loopback
          // gives it a destination, so rtinit adds RTF_HOST and
          // rt_ifa_addlocal adds nothing); lo0's other addresses are local
          // routes whose gateway names the interface (if_sadl).
          if (i.prefix.addr == fib::Addr::v6({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})) {
            i.flags |= pinned;
            break;
          }
          i.gateway.ifname = ifp->name;
        }
        i.flags |= pinned | sem_.local_flags;
        break;
      case RTN_BROADCAST:
        i.ifindex = oif;
        i.gateway = link_gw(oif);
        i.flags |= fib::rtf::broadcast | pinned;
        break;
      default:  // blackhole, unreachable, prohibit: dropped on loopback
        i.ifindex = lo;
        if (lo != 0) i.gateway = link_gw(lo);
        i.flags |= r.type == RTN_BLACKHOLE ? fib::rtf::blackhole : fib::rtf::reject;
        if (r.protocol != RTPROT_KERNEL) i.flags |= fib::rtf::static_;
    }
    if (r.prefsrc)
      i.ifa = zoned(*r.prefsrc, nh.oif);
    else if (ifp != nullptr)
      i.ifa = source_for(*ifp, nh.gateway ? zoned(*nh.gateway, nh.oif) : i.prefix.addr);
    // The marks a KAME-era kernel's table gives a route (in_addroute,
    // arp_ifinit's RTF_CLONING on an IPv4 interface route), as the fib does.
    // The IPv6 prefix route of nd6_prefix_onlink clones where ND caches.
    if (sem_.addroute_marks && r.type == RTN_UNICAST && r.protocol == RTPROT_KERNEL &&
        !nh.gateway && !i.prefix.host && ifp != nullptr &&
        (i.prefix.family() == fib::Family::inet4 ? fib::arp_clones(*ifp)
                                                 : fib::nd6_need_cache(sem_, *ifp)))
      i.flags |= fib::rtf::cloning;
    i.flags = fib::addroute_marks(sem_, i.prefix, i.flags, ifp, i.ifa);
    i.rmx.mtu = r.mtu;
    i.locks = (r.locks & (1u << RTAX_MTU)) != 0 ? fib::rtv::mtu : 0;
    i.rmx.hopcount = r.priority;
    if (r.expires > 0) i.rmx.expire = clock_() + (r.expires + clock_ticks() - 1) / clock_ticks();
    if (r.paths.size() > 1) i.rmx.weight = nh.hops + 1u;
    i.nhidx = r.nh_id;
    if (sem_.priorities) {
      if (r.priority >= 1 && r.priority <= fib::rtp::max)
        i.priority = static_cast<std::uint8_t>(r.priority);
      else if (r.type == RTN_LOCAL || r.type == RTN_BROADCAST)
        i.priority = fib::rtp::local;
      else if (r.protocol == RTPROT_KERNEL)
        i.priority = fib::rtp::connected;
      else
        i.priority = fib::rtp::static_;
    }
    PathKey key;
    key.fib = fibnum;
    key.addr = i.prefix.addr;
    key.plen = r.dst_len;
    key.rank = r.table == RT_TABLE_LOCAL ? 0 : r.table == RT_TABLE_MAIN ? 1 : r.table + 2;
    key.tos = r.tos;
    key.priority = r.priority;
    key.type = r.type;
    key.oif = nh.oif;
    if (nh.gateway) key.gateway = *nh.gateway;
    out.emplace_back(key, std::move(p));
  }
  return out;
}

}  // namespace rtsock::backend::rtnl
