// FreeBSD 13+ NET_RT_NHOP (6) and NET_RT_NHGRP (7): the nexthop objects and
// nexthop groups of one (FIB, family) as nhops_dump_sysctl/dump_nhop_entry
// (nhop_ctl.c) and nhgrp_dump_sysctl/dump_nhgrp_entry (nhgrp_ctl.c) write
// them, behind an RTM_GET rt_msghdr that lets readers skip the record.
// Facts and sources: docs/research/freebsd-nexthops.md.
#include <cerrno>

#include "impl.hpp"
#include "rtsock/codec/marshal.hpp"

namespace rtsock::kernel {

namespace {

// NHF_* (route.h): the dataplane flags of a nexthop.
constexpr std::uint16_t kNhfReject = 0x10, kNhfBlackhole = 0x20, kNhfRedirect = 0x40,
                        kNhfDefault = 0x80, kNhfBroadcast = 0x100, kNhfGateway = 0x200,
                        kNhfHost = 0x400;
// nhgrp_container types.
constexpr std::uint8_t kCnhops = 1, kDnhops = 2;

// convert_rt_to_nh_flags (nhop_ctl.c), plus NHF_DEFAULT of the prefix hook.
std::uint16_t nh_flags(const fib::NexthopInfo& n) {
  namespace rtf = fib::rtf;
  std::uint16_t f = 0;
  if (n.flags & rtf::reject) f |= kNhfReject;
  if (n.flags & rtf::host) f |= kNhfHost;
  if (n.flags & rtf::blackhole) f |= kNhfBlackhole;
  if (n.flags & (rtf::dynamic | rtf::modified)) f |= kNhfRedirect;
  if (n.flags & rtf::broadcast) f |= kNhfBroadcast;
  if (n.flags & rtf::gateway) f |= kNhfGateway;
  if (n.default_route) f |= kNhfDefault;
  return f;
}

}  // namespace

int Engine::Impl::sysctl_nexthops(const SockState& s, std::span<const int> mib, bool groups,
                                  SysctlOut& out) {
  // sysctl_rtsock: NHOP/NHGRP need the FIB element; RT_ALL_FIBS (-1) is
  // not taken here (fib < 0 is EINVAL), nor is af 0 (no table: EAFNOSUPPORT).
  (void)s;
  if (mib.size() > 7) return err(ENOTDIR);
  if (mib.size() < 7) return err(EINVAL);
  const int af = mib[3];
  const int fibnum = mib[6];
  if (fibnum < 0 || !table_exists(static_cast<std::uint32_t>(fibnum))) return err(EINVAL);
  if (af < 0 || af > 255) return err(EINVAL);
  if (af != p->af_inet && af != p->af_inet6) return err(EAFNOSUPPORT);
  const fib::Family fam = af == p->af_inet ? fib::Family::inet4 : fib::Family::inet6;
  const auto fibu = static_cast<std::uint32_t>(fibnum);

  std::vector<std::byte> rec;
  const auto put = [&](std::uint64_t v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t shift = 8 * (p->order == abi::ByteOrder::little ? i : n - 1 - i);
      rec.push_back(std::byte(static_cast<std::uint8_t>(v >> shift)));
    }
  };
  const auto pad_to = [&](std::size_t off) {
    while (rec.size() < off) rec.push_back(std::byte{0});
  };
  // The rt_msghdr: msglen the whole record, version, RTM_GET, rtm_flags.
  const auto header = [&](std::uint64_t flags) {
    rec.clear();
    auto m = codec::Message::make(*p, t.get);
    m.set(abi::Field::flags, static_cast<std::int64_t>(rtf_to_os(flags)));
    return codec::marshal(*p, m, rec).has_value();
  };
  const auto finish = [&] {
    const std::size_t len = rec.size();
    for (std::size_t i = 0; i < 2; ++i) {
      const std::size_t shift = 8 * (p->order == abi::ByteOrder::little ? i : 1 - i);
      rec[i] = std::byte(static_cast<std::uint8_t>(len >> shift));
    }
    out.append(rec);
  };
  // sockaddr_dl_short (nhop.h, fill_sdl_from_ifp): 16 bytes, index and type.
  const auto sdl_short = [&](std::uint16_t index, std::uint8_t type, std::vector<std::byte>& to) {
    to.assign(16, std::byte{0});
    to[0] = std::byte{16};
    to[1] = std::byte{p->af_link};
    const std::size_t lo = p->order == abi::ByteOrder::little ? 2 : 3;
    to[lo] = std::byte(static_cast<std::uint8_t>(index));
    to[5 - lo] = std::byte(static_cast<std::uint8_t>(index >> 8));
    to[4] = std::byte{type};
  };
  const auto ip_sa = [&](const codec::Sockaddr& sa, std::vector<std::byte>& to) {
    to.assign(codec::encoded_len(*p, sa, false), std::byte{0});
    codec::encode_sockaddr(*p, sa, false, to);
  };
  const auto iftype = [&](std::uint16_t index) -> std::uint8_t {
    const fib::Interface* ifp = fib->interface(index);
    return ifp != nullptr ? ifp->type : 0;
  };

  if (!groups) {
    std::vector<std::byte> gw, src;
    for (const fib::NexthopInfo& n : fib->nexthops(fibu, fam)) {
      if (!header(n.flags)) continue;
      // struct nhop_external: u64 members align to 8 on LP64, 4 on i386.
      const std::size_t base = rec.size();
      const std::size_t a8 = p->lp64 ? 8 : 4;
      const std::size_t pksent_off = (36 + a8 - 1) / a8 * a8;
      const std::size_t ext_len = pksent_off + 8 + 64 + 8;
      put(ext_len, 4);
      put(n.index, 4);
      put(fibu, 4);
      put(n.ifindex, 4);
      put(n.aifindex, 4);
      put(0, 1);  // prepend_len
      put(static_cast<std::uint8_t>(af), 1);
      // nh_type (rib4_augment_nh, rib6_preadd): ETHER_NHOP with a gateway,
      // ETHER_RSLV without.
      const bool gwf = (n.flags & fib::rtf::gateway) != 0;
      put(fam == fib::Family::inet4 ? (gwf ? 2 : 1) : (gwf ? 4 : 3), 2);
      put(n.mtu & 0xffff, 2);
      put(nh_flags(n), 2);
      put(0, 4);  // nh_addr: not filled by dump_nhop_entry
      put(0, 4);  // nh_src
      pad_to(base + pksent_off);
      put(n.pksent, 8);
      pad_to(base + pksent_off + 8 + 64);  // nh_prepend
      put(n.refcount, 8);
      // The gateway as the nexthop stores it (a link one shortened), then
      // the source address (an AF_LINK one shortened likewise), unpadded.
      if (n.gateway.is_link())
        sdl_short(n.gateway.ifindex, n.gateway.iftype, gw);
      else if (n.gateway.is_addr())
        ip_sa(sa_of(n.gateway), gw);
      else
        sdl_short(n.ifindex, iftype(n.ifindex), gw);
      if (n.ifa)
        ip_sa(sa_of(*n.ifa), src);
      else
        sdl_short(n.ifindex, iftype(n.ifindex), src);
      put(8 + gw.size() + src.size(), 4);  // nhop_addrs
      put(8, 2);
      put(8 + gw.size(), 2);
      rec.insert(rec.end(), gw.begin(), gw.end());
      rec.insert(rec.end(), src.begin(), src.end());
      finish();
    }
    return 0;
  }
  for (const fib::NexthopGroupInfo& g : fib->nexthop_groups(fibu, fam)) {
    if (!header(0)) continue;
    put(g.index, 4);  // nhgrp_external
    put(g.refcount, 4);
    put(8 + 8 * g.members.size(), 4);  // control-plane container
    put(g.members.size(), 2);
    put(kCnhops, 1);
    put(0, 1);
    for (const auto& [idx, weight] : g.members) {
      put(idx, 4);
      put(weight, 4);
    }
    put(8 + 8 * g.slots.size(), 4);  // dataplane container
    put(g.slots.size(), 2);
    put(kDnhops, 1);
    put(0, 1);
    for (std::uint32_t idx : g.slots) {
      put(idx, 4);
      put(0, 4);
    }
    finish();
  }
  return 0;
}

}  // namespace rtsock::kernel
