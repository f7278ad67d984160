// FreeBSD 8+ lltables on the routing socket: RTM_ADD/RTM_DELETE with
// RTF_LLDATA (lla_rt_output), the ND entries' own RTM_ADD/RTM_DELETE
// (nd6_lle_event), and the ARP/ND dump of NET_RT_FLAGS (in_lltable_dump_entry,
// in6_lltable_dump_entry). Sources: docs/research/freebsd-lltable.md.
#include <algorithm>
#include <cerrno>

#include "impl.hpp"
#include "rtsock/codec/marshal.hpp"

namespace rtsock::kernel {

using abi::Field;

namespace {

// route.h: #define RTF_ANNOUNCE RTF_PROTO2 (arp -s ... pub).
constexpr std::uint64_t kAnnounce = fib::rtf::proto2;

// sizeof(struct sockaddr_dl): the kernel fills a whole one (sdl_data[46]).
constexpr std::int16_t kSdlFull = 54;

// IN_LLTBL_HASH / IN6_LLTBL_HASH over the address's last 32-bit word as
// the machine reads it, 32 buckets (IN_LLTBL_DEFAULT_HSIZE).
std::uint32_t bucket(const abi::Profile& p, const fib::Addr& a) {
  const std::size_t off = a.family == fib::Family::inet4 ? 0 : 12;
  std::uint32_t k = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::uint32_t b = a.bytes[off + i];
    k |= p.order == abi::ByteOrder::little ? b << (8 * i) : b << (8 * (3 - i));
  }
  return ((((((k >> 8) ^ k) >> 8) ^ k) >> 8) ^ k) & 31u;
}

}  // namespace

// Ethernet-like interfaces (ether_requestencap; nd6_need_cache's list
// as far as rtsock has the types: Ethernet, L2VLAN 0x87, bridge 0xd1).
bool needs_nd_cache(const fib::Interface& ifp) {
  return ifp.type == fib::ift::ether || ifp.type == 0x87 || ifp.type == 0xd1;
}

codec::Sockaddr Engine::Impl::lle_link(const fib::Interface& ifp,
                                       std::span<const std::uint8_t> mac) const {
  std::vector<std::uint8_t> ll(ifp.lladdr.size(), 0);
  std::copy_n(mac.begin(), std::min(mac.size(), ll.size()), ll.begin());
  auto s = codec::Sockaddr::link(ifp.index, ifp.type, "", ll);
  s.wire_len = kSdlFull;
  return s;
}

void Engine::Impl::lle_event(std::uint8_t type, const fib::Interface& ifp, const fib::Neighbor& n,
                             std::vector<Delivery>& out) {
  // nd6_lle_event -> rt_missmsg_fib: ND only (no ARP handler sends one),
  // DST and GATEWAY, the MAC only for a resolved entry; RTF_UP only on add.
  if (n.addr.family != fib::Family::inet6) return;
  auto m = codec::Message::make(*p, type);
  m.set_addr(abi::kDst, sa_of(n.addr));
  const bool add = type == t.add;
  m.set_addr(abi::kGateway,
             lle_link(ifp, add ? std::span<const std::uint8_t>(n.lladdr.data(), n.lladdr_len)
                               : std::span<const std::uint8_t>()));
  m.set(Field::flags, rtf_to_os(fib::rtf::host | fib::rtf::llinfo | fib::rtf::done |
                                (add ? fib::rtf::up : 0)));
  Tag tag = route_tag(m, ifp.fib);
  // RT_ALL_FIBS under net.add_addr_allfibs: no FIB filter.
  tag.route_msg = !opt.add_addr_allfibs;
  ++stats.messages;
  deliver(pack(m), tag, 0, out);
}

int Engine::Impl::lla_rt_output(std::uint8_t type, const fib::RouteRequest& rq,
                                std::vector<Delivery>& out) {
  // cleanup_xaddrs_lladdr: an AF_LINK gateway with an interface index.
  if (!rq.gateway.is_link() || rq.gateway.ifindex == 0) return EINVAL;
  const fib::Interface* ifp = fib->interface(rq.gateway.ifindex);
  if (ifp == nullptr) return EINVAL;  // ifnet_byindex
  if (type == t.add) {
    fib::Neighbor n;
    n.addr = rq.dst;
    n.lladdr = rq.gateway.lladdr;
    n.lladdr_len = static_cast<std::uint8_t>(std::min<std::size_t>(ifp->lladdr.size(), 8));
    n.is_static = rq.rmx.expire == 0;
    n.expire = rq.rmx.expire;
    n.published = (rq.flags & kAnnounce) != 0;
    auto r = fib->add_neighbor(ifp->index, n);
    if (!r) return r.error().code().value() == ENXIO ? EINVAL : r.error().code().value();
    const fib::Interface* now = fib->interface(ifp->index);
    // The replaced entry expires first (LLENTRY_EXPIRED), then the new one
    // resolves (LLENTRY_RESOLVED).
    if (r->replaced) lle_event(t.del, *now, *r->replaced, out);
    lle_event(t.add, *now, r->entry, out);
    return 0;
  }
  if (type == t.del) {
    // lltable_delete_addr: LLENTRY_DELETED, which no handler reports.
    auto r = fib->delete_neighbor(ifp->index, rq.dst);
    if (!r) return r.error().code().value() == ENXIO ? EINVAL : r.error().code().value();
    return 0;
  }
  return EINVAL;
}

int Engine::Impl::sysctl_lltable(int af, SysctlOut& out) {
  const fib::Family fam = af == p->af_inet ? fib::Family::inet4 : fib::Family::inet6;
  codec::MarshalOptions mo;
  mo.sysctl = true;
  std::vector<std::byte> one;
  auto ifs = fib->interfaces();
  // V_lltables: each interface's table is linked at the head when it
  // attaches, so the newest interface comes first.
  std::reverse(ifs.begin(), ifs.end());
  for (const fib::Interface* ifp : ifs) {
    if ((ifp->flags & fib::iff::loopback) != 0) continue;  // lltable_dump_af
    // The interface's own addresses have their permanent LLE_IFADDR entry
    // (arp_ifinit on Ethernet-like interfaces, nd6_add_ifa_lle where
    // nd6_need_cache): static, the interface's MAC, RTF_PINNED. They are
    // not stored; serial 0 puts them behind the bucket's neighbours.
    std::vector<fib::Neighbor> own;
    if (needs_nd_cache(*ifp))
      for (const auto& a : ifp->addrs) {
        if (a.addr.family != fam) continue;
        fib::Neighbor n;
        n.addr = a.addr;
        n.lladdr_len = static_cast<std::uint8_t>(std::min<std::size_t>(ifp->lladdr.size(), 8));
        std::copy_n(ifp->lladdr.begin(), n.lladdr_len, n.lladdr.begin());
        own.push_back(n);
      }
    std::vector<const fib::Neighbor*> v;
    for (const auto& n : own) v.push_back(&n);
    for (const auto& n : ifp->neighbors)
      if (n.addr.family == fam) v.push_back(&n);
    // Bucket by bucket; a bucket's list has the newest entry first.
    std::stable_sort(v.begin(), v.end(), [&](const fib::Neighbor* a, const fib::Neighbor* b) {
      const auto ba = bucket(*p, a->addr), bb = bucket(*p, b->addr);
      return ba != bb ? ba < bb : a->serial > b->serial;
    });
    for (const fib::Neighbor* n : v) {
      auto m = codec::Message::make(*p, t.get);
      std::uint64_t f = fib::rtf::up | fib::rtf::host | fib::rtf::llinfo;
      if (n->published) f |= kAnnounce;
      if (n->is_static) f |= fib::rtf::static_;
      if (n->serial == 0) f |= fib::rtf::pinned;  // LLE_IFADDR
      m.set(Field::flags, rtf_to_os(f));
      m.set(Field::index, ifp->index);
      m.set_addr(abi::kDst, sa_of(n->addr));
      m.set_addr(abi::kGateway,
                 lle_link(*ifp, std::span<const std::uint8_t>(n->lladdr.data(), n->lladdr_len)));
      if (fam == fib::Family::inet4) {
        m.set(Field::rmx_expire, n->is_static ? 0 : n->expire);
      } else {
        m.set(Field::rmx_expire, n->expire);
        // ln_state in rmx_weight: ND6_LLINFO_REACHABLE for a static entry,
        // ND6_LLINFO_NOSTATE (-2) for one that has not resolved yet.
        m.set(Field::rmx_weight, n->is_static ? 2 : -2);
      }
      one.clear();
      if (codec::marshal(*p, m, one, mo)) out.append(one);
    }
  }
  return 0;
}

}  // namespace rtsock::kernel
