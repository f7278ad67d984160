// The KAME kernels' automatic IPv6 addresses: in6_if_up/in6_ifattach (an
// interface coming up gets its link-local address, a loopback ::1) and, on
// FreeBSD and NetBSD, the nd6 flags that govern them (nd6_ioctl
// SIOCSIFINFO_FLAGS). The kernels differ in Semantics::ll_* fields. Facts
// and sources: docs/research/freebsd-link-local.md (FreeBSD),
// docs/research/kame-link-local.md (NetBSD, DragonFly).
#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>

#include "impl.hpp"

namespace rtsock::fib {

namespace {

using Ifid = std::array<std::uint8_t, 8>;

constexpr std::uint8_t kUbit = 0x02;  // EUI64_UBIT
constexpr std::uint8_t kGbit = 0x01;  // EUI64_GBIT

const Addr kLoopback6 = detail::loopback6();


// in6_get_hw_ifid: the modified EUI-64 of an IEEE 802 address, for the
// interface types that have one.
std::optional<Ifid> hw_ifid(const Semantics& s, const Interface& ifp) {
  const bool bridge_vlan = ifp.type == ift::bridge || ifp.type == 0x87;  // IFT_L2VLAN
  if (ifp.type != ift::ether && !(bridge_vlan && s.ll_hw_ifid_bridge_vlan)) return std::nullopt;
  const auto& m = ifp.lladdr;
  if (m.size() != 6 && m.size() != 8) return std::nullopt;
  if (std::all_of(m.begin(), m.end(), [](std::uint8_t b) { return b == 0; }) ||
      std::all_of(m.begin(), m.end(), [](std::uint8_t b) { return b == 0xff; }))
    return std::nullopt;
  Ifid id{};
  if (m.size() == 8)
    std::copy(m.begin(), m.end(), id.begin());
  else
    id = {m[0], m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]};
  if ((id[0] & kGbit) != 0) return std::nullopt;  // a group address
  id[0] ^= kUbit;                                 // EUI64_TO_IFID
  // All zero but the u/g bits would be the subnet-router anycast.
  if ((id[0] & ~(kGbit | kUbit)) == 0 &&
      std::all_of(id.begin() + 1, id.end(), [](std::uint8_t b) { return b == 0; }))
    return std::nullopt;
  return id;
}

// get_ifid (the same in the three kernels): the interface's own, else
// another interface's if globally unique (the u bit set after the flip),
// else get_rand_ifid's MD5 of the hostname. rtsockd has no hostname, so that
// is MD5("") = d41d8cd98f00b204… with the g bit cleared and the u bit set,
// then flipped.
Ifid get_ifid(const Fib::Impl& im, const Interface& ifp) {
  const Semantics& s = im.sem();
  if (auto id = hw_ifid(s, ifp)) return *id;
  for (const auto& other : im.ifs) {
    if (!other || other->index == ifp.index) continue;
    if (auto id = hw_ifid(s, *other); id && ((*id)[0] & kUbit) != 0) return *id;
  }
  Ifid id = {0xd4, 0x1d, 0x8c, 0xd9, 0x8f, 0x00, 0xb2, 0x04};
  id[0] = static_cast<std::uint8_t>(((id[0] & ~kGbit) | kUbit) ^ kUbit);
  return id;
}

}  // namespace

void Fib::in6_ifattach(std::uint16_t index) {
  auto& im = *impl_;
  const Semantics& s = im.sem();
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return;
  // Not IPv6 capable: FreeBSD attaches no inet6 data to pflog, pfsync and
  // carp; DragonFly and NetBSD return for those and for a bridge, NetBSD
  // marking pflog, pfsync and bridge ifdisabled, -auto_linklocal.
  const bool bridge = ifp->type == ift::bridge && s.ll_skips_bridge;
  if (ifp->type == ift::pflog || ifp->type == ift::pfsync || bridge) {
    if (s.ll_marks_incapable) ifp->nd6 = (ifp->nd6 & ~nd6::auto_linklocal) | nd6::ifdisabled;
    return;
  }
  if (ifp->type == ift::carp) return;
  if (ifp->mtu < s.ll_min_mtu) return;  // NetBSD: below IPV6_MMTU
  if (ifp->type == ift::stf) {
    // 6to4: no link-local address (FreeBSD: and no DAD).
    if (s.ll_nd6_flags) ifp->nd6 &= ~nd6::auto_linklocal;
    if (s.ll_stf_no_dad) ifp->nd6 |= nd6::no_dad;
    return;
  }
  if ((ifp->flags & iff::multicast) == 0) return;
  // The loopback address: FreeBSD asks whether any interface has it,
  // NetBSD and DragonFly whether this one has; a second holder is EEXIST
  // here either way (addresses are not shared), and the failure is ignored.
  if ((ifp->flags & iff::loopback) != 0 && im.with_addr(kLoopback6) == nullptr)
    (void)add_address(index, IfAddress{kLoopback6, 128, {}, {}});
  ifp = im.iface(index);
  if (s.ll_nd6_flags &&
      ((ifp->nd6 & nd6::ifdisabled) != 0 || (ifp->nd6 & nd6::auto_linklocal) == 0))
    return;
  if (std::any_of(ifp->addrs.begin(), ifp->addrs.end(),
                  [](const IfAddress& a) { return detail::is_linklocal(a.addr); }))
    return;
  std::array<std::uint8_t, 16> b{};
  b[0] = 0xfe;
  b[1] = 0x80;
  b[2] = static_cast<std::uint8_t>(index >> 8);  // the zone, KAME style
  b[3] = static_cast<std::uint8_t>(index);
  if ((ifp->flags & iff::loopback) != 0) {
    b[15] = 1;
  } else {
    const Ifid id = get_ifid(im, *ifp);
    std::copy(id.begin(), id.end(), b.begin() + 8);
  }
  // in6_ifattach_linklocal only logs a failure.
  (void)add_address(index, IfAddress{Addr::v6(b), 64, {}, {}});
}

Result<void> Fib::set_nd6(std::uint16_t index, std::uint32_t flags) {
  auto& im = *impl_;
  if (!im.sem().ll_nd6_flags) return err(EOPNOTSUPP);
  Interface* ifp = im.iface(index);
  if (ifp == nullptr) return err(ENXIO);
  const std::uint32_t old = ifp->nd6;
  ifp->nd6 = flags;
  // FreeBSD's and NetBSD's nd6_ioctl alike: ifdisabled 1->0 on an interface
  // that is up runs in6_if_up; auto_linklocal 0->1 runs in6_ifattach, up or
  // not; auto_linklocal kept on an interface that is up and not disabled
  // runs it too when there is no link-local address (in6_ifattach checks).
  const bool enabled = (old & nd6::ifdisabled) != 0 && (flags & nd6::ifdisabled) == 0;
  const bool auto_on = (old & nd6::auto_linklocal) == 0 && (flags & nd6::auto_linklocal) != 0;
  const bool auto_kept =
      (old & flags & nd6::auto_linklocal) != 0 && (flags & nd6::ifdisabled) == 0 && ifp->up();
  if ((enabled && ifp->up()) || auto_on || auto_kept) in6_ifattach(index);
  return {};
}

}  // namespace rtsock::fib
