// sysctl({CTL_NET, PF_ROUTE, 0, af, NET_RT_*, arg [, fib]}) (spec A.10, B.13, B.14).
#include <algorithm>
#include <cerrno>
#include <optional>

#include "dump_shapes.hpp"
#include "impl.hpp"
#include "rtsock/codec/marshal.hpp"

namespace rtsock::kernel {

using abi::Field;

namespace {

enum class Op : std::uint8_t {
  dump,
  flags,
  iflist,
  iflistl,
  iflist2,
  dump2,
  ifmalist,
  stats,    // OpenBSD NET_RT_STATS: struct rtstat
  table,    // OpenBSD NET_RT_TABLE: struct rt_tableinfo
  ifnames,  // OpenBSD NET_RT_IFNAMES: struct if_nameindex_msg per interface
  oiflist,  // NetBSD 8+ NET_RT_OIFLIST: addresses as 7.x ifa_msghdr (RTM_ONEWADDR)
  nhop,     // FreeBSD 13+ NET_RT_NHOP (sysctl_nhop.cpp)
  nhgrp,    // FreeBSD 13+ NET_RT_NHGRP
  unknown
};

Op op_of(const abi::Profile& p, int n) {
  if (n == 1) return Op::dump;
  if (n == 2) return Op::flags;
  switch (p.os) {
    case abi::Os::freebsd:
      if (p.os_version >= 13 && (n == 6 || n == 7)) return n == 6 ? Op::nhop : Op::nhgrp;
      return n == 3 ? Op::iflist : n == 4 ? Op::ifmalist : n == 5 ? Op::iflistl : Op::unknown;
    case abi::Os::darwin:
      return n == 3 ? Op::iflist : n == 6 ? Op::iflist2 : n == 7 ? Op::dump2 : Op::unknown;
    case abi::Os::netbsd:
      if (n == (p.os_version >= 8 ? 6 : 5)) return Op::iflist;
      return p.os_version >= 8 && n == 5 ? Op::oiflist : Op::unknown;
    case abi::Os::openbsd:
      return n == 3   ? Op::iflist
             : n == 4 ? Op::stats
             : n == 5 ? Op::table
             : n == 6 ? Op::ifnames
                      : Op::unknown;
    case abi::Os::dragonfly:
    case abi::Os::hpux:
      return n == 3 ? Op::iflist : Op::unknown;
  }
  return Op::unknown;
}

}  // namespace

// NetBSD's if_dl: the interface's link-level address is the first entry of
// its address list, with a mask of 0xff over the name (if_alloc_sadl).
codec::Message Engine::Impl::link_addr_message(std::uint8_t type, const fib::Interface& ifp) const {
  auto m = codec::Message::make(*p, type);
  m.set(Field::index, ifp.index);
  m.set(Field::metric, ifp.metric);
  m.set_addr(abi::kIfa, ifp_sa(ifp));
  std::vector<std::uint8_t> mask(6 + ifp.name.size(), 0);
  std::fill(mask.begin() + 6, mask.end(), std::uint8_t{0xff});
  m.set_addr(abi::kNetmask, codec::Sockaddr::raw(p->af_link, mask));
  return m;
}

std::size_t Engine::Impl::longest_route_message(std::uint8_t type, fib::Family f) const {
  const bool v4 = f == fib::Family::inet4;
  const auto kind = v4 ? codec::SaKind::inet4 : codec::SaKind::inet6;
  const codec::Sockaddr ip = v4 ? codec::Sockaddr::inet4({}) : codec::Sockaddr::inet6({});
  // Every slot route_message() may fill, each with the longest sockaddr it
  // can hold there: a gateway is an address of either family or a link
  // address named as a request named it; ifp is the longest interface's.
  const std::array<std::uint8_t, 8> ll{};
  const codec::Sockaddr gw_link =
      codec::Sockaddr::link(0xffff, 0xff, std::string(longest_gw_name, 'x'), ll);
  const codec::Sockaddr inet6 = codec::Sockaddr::inet6({});
  const auto len = [&](const codec::Sockaddr& sa) { return codec::encoded_len(*p, sa, false); };
  std::optional<codec::Sockaddr> longest_ifp;
  for (const fib::Interface* ifp : fib->interfaces())
    if (auto sa = ifp_sa(*ifp); !longest_ifp || len(sa) > len(*longest_ifp)) longest_ifp = sa;
  const codec::Sockaddr ifp_longest = longest_ifp.value_or(gw_link);
  const codec::Sockaddr* gw = &gw_link;
  for (const codec::Sockaddr* c : {&ifp_longest, &inet6})
    if (len(*c) > len(*gw)) gw = c;
  auto m = codec::Message::make(*p, type);
  m.set_addr(abi::kDst, ip);
  m.set_addr(abi::kGateway, *gw);
  m.set_addr(abi::kNetmask, codec::Sockaddr::mask(kind, v4 ? 32 : 128));
  m.set_addr(abi::kIfp, ifp_longest);
  m.set_addr(abi::kIfa, ip);
  m.set_addr(abi::kBrd, ip);
  codec::MarshalOptions mo;
  mo.sysctl = true;
  std::vector<std::byte> one;
  auto n = codec::marshal(*p, m, one, mo);
  return n ? *n : 0xffff;
}

int Engine::Impl::sysctl(const SockState& s, std::span<const int> mib, SysctlOut& out,
                         std::optional<std::size_t>* size_bound) {
  if (mib.size() < 6 || mib[0] != 4 || mib[1] != p->af_route || mib[2] != 0) return err(EINVAL);
  const int af = mib[3];
  const Op op = op_of(*p, mib[4]);
  const int arg = mib[5];
  // DragonFly's and xnu's sysctl_rtsock answer an operation they lack
  // (NET_RT_IFMALIST among them) with the EINVAL they start from; xnu's
  // NET_RT_STAT, TRASH, DUMPX, DUMPX_FLAGS and FLAGS_PRIV (4, 5, 8-10)
  // exist but are not modelled: EOPNOTSUPP.
  const bool darwin = is(abi::Os::darwin);
  const bool xnu_unmodelled =
      darwin && (mib[4] == 4 || mib[4] == 5 || (mib[4] >= 8 && mib[4] <= 10));
  if (op == Op::unknown)
    return err((is(abi::Os::dragonfly) || darwin) && !xnu_unmodelled ? EINVAL : EOPNOTSUPP);
  if (op == Op::nhop || op == Op::nhgrp) return sysctl_nexthops(s, mib, op == Op::nhgrp, out);
  if (af < 0 || af > 255) return err(EINVAL);
  // sysctl_ifmalist takes any family as a filter (AF_LINK included), as
  // does Darwin's sysctl_iflist2 for the memberships it lists.
  // xnu: sysctl_iflist/sysctl_iflist2 filter by any family; a dump of
  // another family walks no table and keeps the EINVAL it starts from.
  const bool any_af_filter =
      op == Op::ifmalist || (op == Op::iflist2 && af == p->af_link) ||
      (darwin && (op == Op::iflist || op == Op::iflist2));
  if (af != 0 && af != p->af_inet && af != p->af_inet6 && !any_af_filter)
    return err(darwin ? EINVAL : EAFNOSUPPORT);
  std::uint32_t fibnum = s.fib;
  if (mib.size() >= 7 && mib[6] != -1) {
    if (mib[6] < 0 || !table_exists(static_cast<std::uint32_t>(mib[6])))
      return err(is(abi::Os::openbsd) ? ENOENT : EINVAL);
    fibnum = static_cast<std::uint32_t>(mib[6]);
  }
  // Plain structs in the machine's byte order.
  const auto put = [&](std::uint64_t v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t shift = 8 * (p->order == abi::ByteOrder::little ? i : n - 1 - i);
      out.push_back(std::byte(static_cast<std::uint8_t>(v >> shift)));
    }
  };
  if (op == Op::stats) {
    const fib::Stats& st = fib->stats();
    for (std::uint64_t v : {st.badredirect, st.dynamic, st.newgateway, st.unreach, st.wildcard})
      put(static_cast<std::uint32_t>(v), 4);
    return 0;
  }
  if (op == Op::table) {
    if (arg < 0 || !table_exists(static_cast<std::uint32_t>(arg))) return err(ENOENT);
    put(static_cast<std::uint32_t>(arg), 2);
    put(fib->rdomain(static_cast<std::uint32_t>(arg)), 2);
    return 0;
  }
  if (op == Op::ifnames) {
    for (const fib::Interface* ifp : fib->interfaces()) {
      if (arg != 0 && ifp->index != arg) continue;
      put(ifp->index, 4);
      for (std::size_t i = 0; i < 16; ++i)
        out.push_back(std::byte(i < ifp->name.size() && i < 15
                                    ? static_cast<std::uint8_t>(ifp->name[i])
                                    : std::uint8_t{0}));
    }
    return 0;
  }
  std::vector<fib::Family> fams;
  if (af == 0 || af == p->af_inet) fams.push_back(fib::Family::inet4);
  if (af == 0 || af == p->af_inet6) fams.push_back(fib::Family::inet6);
  codec::MarshalOptions mo;
  mo.sysctl = true;
  std::vector<std::byte> one;  // each message is written here, then appended
  auto emit = [&](const codec::Message& m) {
    one.clear();
    const auto scrubbed = darwin_scrubbed(m);
    if (codec::marshal(*p, scrubbed ? *scrubbed : m, one, mo)) out.append(one);
  };

  // FreeBSD 8+: NET_RT_FLAGS with RTF_LLINFO (or 0) dumps the lltables of
  // one family instead of routes (sysctl_rtsock -> lltable_sysctl_dumparp).
  if (sem.lltable && op == Op::flags &&
      (arg == 0 || (rtf_from_os(static_cast<std::uint32_t>(arg)) & fib::rtf::llinfo) != 0))
    return af == 0 ? err(EINVAL) : sysctl_lltable(af, out);
  if (op == Op::dump || op == Op::flags || op == Op::dump2) {
    const std::uint64_t mask = op == Op::flags ? rtf_from_os(static_cast<std::uint32_t>(arg)) : 0;
    if (op == Op::flags && mask == 0) return 0;
    const std::uint8_t type = op == Op::dump2 ? t.get2 : t.get;
    if (size_bound != nullptr) {
      std::size_t n = 0;
      for (fib::Family f : fams) n += fib->routes(fibnum, f) * longest_route_message(type, f);
      *size_bound = n;
      return 0;
    }
    auto m = codec::Message::make(*p, type);
    auto encode = [&](const fib::RouteInfo& r, std::vector<std::byte>& to) {
      fill_route_message(m, r, true);
      // xnu sysctl_dumpentry names the route's address (RTAX_IFA) but not
      // its interface: no RTAX_IFP, no RTAX_BRD.
      if (is(abi::Os::darwin)) {
        m.clear_addr(abi::kIfp);
        m.clear_addr(abi::kBrd);
      }
      std::uint64_t fl = static_cast<std::uint64_t>(m.get(Field::flags));
      if (freebsd13()) fl |= rtf_to_os(fib::rtf::up);
      if (is(abi::Os::openbsd)) fl |= rtf_to_os(fib::rtf::done);
      m.set(Field::flags, static_cast<std::int64_t>(fl));
      m.set(Field::refcnt, r.refcnt);
      m.set(Field::rmx_refcnt, r.refcnt);
      to.clear();
      return codec::marshal(*p, m, to, mo).has_value();
    };
    detail::DumpShapes shapes;
    std::vector<std::byte> flipped;
    for (fib::Family f : fams) {
      fib->walk(fibnum, f, mask, [&](const fib::RouteInfo& r) {
        // OpenBSD: arg filters by priority (negative excludes one).
        if (is(abi::Os::openbsd) && op == Op::dump && arg != 0) {
          if (arg < 0 && r.priority == -arg) return true;
          if (arg > 0 && arg != fib::rtp::any && r.priority != arg) return true;
        }
        if (auto same = shapes.reuse(r); !same.empty()) {
          out.append(same);
          return true;
        }
        if (!encode(r, one)) return true;
        out.append(one);
        if (detail::DumpShapes::eligible(r)) {
          fib::RouteInfo inverse = r;
          const std::size_t n = f == fib::Family::inet4 ? 4 : 16;
          for (std::size_t i = 0; i < n; ++i)
            inverse.prefix.addr.bytes[i] = static_cast<std::uint8_t>(~r.prefix.addr.bytes[i]);
          if (encode(inverse, flipped)) shapes.learn(r, one, flipped);
        }
        return true;
      });
    }
    return 0;
  }
  if (op == Op::ifmalist) {
    // sysctl_ifmalist: per interface, its groups from the list's head; the
    // gateway only for protocol groups; ifmam_flags 0.
    for (const fib::Interface* ifp : fib->interfaces()) {
      if (arg != 0 && ifp->index != arg) continue;
      for (const fib::Membership& g : ifp->groups) {
        const int gaf = g.link ? p->af_link : af_of(g.group.family);
        if (af != 0 && af != gaf) continue;
        emit(maddr_message(t.newmaddr, *ifp, g));
      }
    }
    return 0;
  }

  const bool long_if = op == Op::iflistl;
  // Darwin's sysctl_iflist2 lists each interface's memberships after its
  // addresses (RTM_NEWMADDR2). Its rt_addrinfo is cleared per membership
  // but after them only of IFA, NETMASK and BRD: the last listed
  // membership's GATEWAY rides on the next interface's if_msghdr2 and
  // ifa_msghdrs, and from the sizing pass on into the first interface.
  const auto group_listed = [&](const fib::Membership& g) {
    return af == 0 || af == (g.link ? p->af_link : af_of(g.group.family));
  };
  std::optional<codec::Sockaddr> carried;
  const auto carry = [&](const fib::Interface& ifp) {
    for (const fib::Membership& g : ifp.groups)
      if (group_listed(g))
        carried = !g.link && !g.lladdr.empty()
                      ? std::optional<codec::Sockaddr>(link_group_sa(ifp, g.lladdr))
                      : std::nullopt;
  };
  if (op == Op::iflist2)
    for (const fib::Interface* ifp : fib->interfaces())
      if (arg == 0 || ifp->index == arg) carry(*ifp);
  for (const fib::Interface* ifp : fib->interfaces()) {
    if (arg != 0 && ifp->index != arg) continue;
    const std::uint8_t ift = op == Op::iflist2 ? t.ifinfo2 : t.ifinfo;
    auto im = ifinfo_message(*ifp, ift);
    if (op == Op::iflist2 && carried) im.set_addr(abi::kGateway, *carried);
    if (long_if) {
      auto l = codec::Message::make(*p, ift, true);
      l.f = im.f;
      im = l;
    }
    im.set_addr(abi::kIfp, ifp_sa(*ifp));
    emit(im);
    const std::uint8_t addr_type = op == Op::oiflist ? 12 : t.newaddr;  // RTM_ONEWADDR
    if (is(abi::Os::netbsd) && af == 0) emit(link_addr_message(addr_type, *ifp));
    for (const fib::IfAddress& a : ifp->addrs) {
      if (af != 0 && af != af_of(a.addr.family)) continue;
      auto am = ifaddr_message(addr_type, *ifp, a, false);
      // FreeBSD (7 to 13 read), NetBSD, Darwin and DragonFly
      // (sysctl_iflist/sysctl_iflist2 clear RTAX_IFP after the interface's
      // message) list addresses with IFA, NETMASK and BRD.
      if (is(abi::Os::freebsd) || is(abi::Os::netbsd) || is(abi::Os::darwin) ||
          is(abi::Os::dragonfly))
        am.clear_addr(abi::kIfp);
      if (op == Op::oiflist) am.set(Field::flags, 1);  // IFA_ROUTE, as in RTM_NEWADDR
      if (long_if) {
        auto l = codec::Message::make(*p, t.newaddr, true);
        l.f = am.f;
        l.present = am.present;
        l.sa = am.sa;
        am = l;
      }
      if (op == Op::iflist2 && carried) am.set_addr(abi::kGateway, *carried);
      emit(am);
    }
    if (op != Op::iflist2 || t.newmaddr2 == 0) continue;
    for (const fib::Membership& g : ifp->groups) {
      if (!group_listed(g)) continue;
      auto mm = maddr_message(t.newmaddr2, *ifp, g);
      // ifmam_refcount is ifma_reqcnt: a protocol group's record is
      // requested once (its in_multi/in6_multi counts the rest); a
      // link-layer group once per protocol group using it and per direct join.
      mm.set(Field::refcnt, g.link ? static_cast<std::int64_t>(g.refcount) : 1);
      emit(mm);
    }
    carry(*ifp);
  }
  return 0;
}

}  // namespace rtsock::kernel
