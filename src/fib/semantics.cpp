// Per-kernel switches of the one engine (spec B.4–B.10).
#include "rtsock/fib/semantics.hpp"

#include <cerrno>
#include <charconv>
#include <string>

#include "rtsock/fib/flags.hpp"

namespace rtsock::fib {

Semantics semantics_for(Kernel k, int version) {
  Semantics s;
  s.kernel = k;
  s.version = version;
  const bool modern = k == Kernel::freebsd && version >= 13;
  s.normalize_host = modern || k == Kernel::openbsd;
  s.multipath = modern;
  s.priorities = k == Kernel::openbsd;
  s.reject_blackhole_einval = modern;
  s.reject_via_loopback = modern;
  // RTF_PINNED is "future use" in xnu's and DragonFly's route.h: never set.
  s.pinned = k == Kernel::freebsd;
  s.local_broadcast_einval = k == Kernel::openbsd;
  s.gateway_compat = k == Kernel::freebsd;
  s.any_gateway_selects_ifa = k == Kernel::freebsd && version <= 12;
  s.change_supported = k != Kernel::hpux;
  s.missing_errno = k == Kernel::hpux ? ENOENT : ESRCH;
  s.redirect_lifetime = modern ? 600 : 0;
  s.direct_gw_by_index = modern;
  s.nexthop_objects = modern;
  const bool netbsd8 = k == Kernel::netbsd && version >= 8;
  s.connected_flags = k == Kernel::openbsd || netbsd8 ? rtf::connected : 0;
  s.local_flags = k == Kernel::openbsd ? (rtf::local | rtf::llinfo)
                  : netbsd8            ? rtf::local
                                       : rtf::static_;
  s.loopback_addr_local = netbsd8;
  s.inet6_local_first = k == Kernel::freebsd || netbsd8;
  s.inet6_prefix_delete_first = netbsd8;
  s.inet4_prefix_delete_first = k == Kernel::netbsd;
  s.inet4_local_first = netbsd8;
  s.rt_newmsg_addr_routes = netbsd8;
  s.local_route_alt_ifa = k == Kernel::netbsd;
  s.readd_reinits = k == Kernel::netbsd;
  s.inet6_plen_change = netbsd8;
  // xnu and DragonFly's in_ifinit (as FreeBSD before 8) add no IPv4
  // loopback route for an address.
  s.inet4_local_route = k != Kernel::darwin && k != Kernel::dragonfly;
  s.multicast_groups = k == Kernel::freebsd || k == Kernel::darwin || k == Kernel::dragonfly;
  // Darwin if_delmulti_common and DragonFly if_delmulti report every group
  // whose last reference goes; FreeBSD only from 12 (inm_release).
  s.multicast_leave_reported =
      (k == Kernel::freebsd && version >= 12) || k == Kernel::darwin || k == Kernel::dragonfly;
  if (k == Kernel::dragonfly) {
    s.multicast_joins = McastJoins::kame;
    s.multicast_purge = McastPurge::inet6;
    s.multicast_link_after = true;
  }
  s.inet6_nd_prefix = k == Kernel::darwin || k == Kernel::dragonfly;
  s.mcast6_routes = k == Kernel::darwin      ? Mcast6Routes::xnu
                    : k == Kernel::dragonfly ? Mcast6Routes::dragonfly
                    : netbsd8                ? Mcast6Routes::netbsd
                                             : Mcast6Routes::none;
  s.addroute_marks =
      k == Kernel::darwin || k == Kernel::dragonfly || (k == Kernel::freebsd && version < 8);
  if (k == Kernel::darwin) s.multicast_purge = McastPurge::addresses;
  s.gateway_via_gateway = k != Kernel::netbsd;
  // in_scrubprefix: NetBSD and DragonFly look at every address (DragonFly's
  // heir's interface must be up), as FreeBSD does; xnu has no hand-over.
  s.prefix_takeover_any_iface =
      k == Kernel::freebsd || k == Kernel::netbsd || k == Kernel::dragonfly;
  s.prefix_takeover = k != Kernel::darwin;
  s.prefix_takeover_heir_up = k != Kernel::netbsd;
  s.rtinit_messages = k == Kernel::darwin || k == Kernel::dragonfly;
  s.second_holder_ok = k == Kernel::netbsd || k == Kernel::dragonfly || k == Kernel::darwin;
  s.shared_addresses = k == Kernel::freebsd;
  s.iffib_keeps_addresses = k == Kernel::freebsd;
  if (k == Kernel::freebsd)
    s.if_mtu_routes = version >= 13   ? IfMtuRoutes::nexthops
                      : version >= 11 ? IfMtuRoutes::rt_walk
                                      : IfMtuRoutes::none;
  else if (k == Kernel::darwin)
    s.if_mtu_routes = IfMtuRoutes::unlocked;
  s.forward_needs_link_up = k == Kernel::freebsd;
  s.epair_pairs = k == Kernel::freebsd;
  s.scoped_routing = k == Kernel::darwin;
  s.lltable = k == Kernel::freebsd && version >= 8;
  s.ifa_delete_purges_routes = k == Kernel::freebsd || k == Kernel::dragonfly;
  s.if_down_routes = k == Kernel::freebsd || k == Kernel::dragonfly ? IfDownRoutes::scrub
                     : k == Kernel::darwin                          ? IfDownRoutes::scrub_static
                                                                    : IfDownRoutes::none;
  s.if_down_newaddr = netbsd8;
  s.mtu_ifinfo = k != Kernel::netbsd;
  s.inet4_route_mtu_unset = k == Kernel::dragonfly;
  // DAD (docs/research/dad.md).
  s.dad6 = k != Kernel::hpux;
  s.dad6_when_down = k == Kernel::freebsd;
  s.dad6_restart_at_up = k == Kernel::freebsd || k == Kernel::dragonfly || k == Kernel::darwin;
  s.dad_detached = netbsd8;
  s.dad4 = netbsd8;
  // in6_ifattach (docs/research/kame-link-local.md).
  const bool kame_ll = k == Kernel::freebsd || k == Kernel::netbsd || k == Kernel::dragonfly;
  s.auto_linklocal = kame_ll;
  s.inet6_update_existing = kame_ll;
  s.ll_nd6_flags = k == Kernel::freebsd || k == Kernel::netbsd;
  s.ll_skips_bridge = k == Kernel::netbsd || k == Kernel::dragonfly;
  s.ll_marks_incapable = k == Kernel::netbsd;
  s.ll_min_mtu = k == Kernel::netbsd ? 1280 : 0;
  s.ll_stf_no_dad = k == Kernel::freebsd;
  s.ll_hw_ifid_bridge_vlan = k == Kernel::freebsd;
  s.ll_addr_clears_ifdisabled = k == Kernel::freebsd;
  s.loopback6_prefix_route = k == Kernel::freebsd || netbsd8;
  s.loopback6_prefix_via_addr = netbsd8;
  if (k == Kernel::openbsd) {
    s.route_model = RouteModel::rtable;
    s.address_routes = AddressRoutes::ifa;
    s.walk_order = WalkOrder::art;
    s.nexthop_cache = true;
    s.count_lookups = true;
    s.link_state_routes = true;
    s.inet6_attach = true;
    s.loopback_mtu = 32768;  // LOMTU
  }
  switch (k) {
    case Kernel::freebsd:
      s.lock = version >= 13 ? LockMode::unsupported : LockMode::noop;
      s.change_flags = ChangeFlags::fmask_const;
      s.change_lookup = version >= 13   ? ChangeLookup::exact
                        : version >= 11 ? ChangeLookup::exact_host
                                        : ChangeLookup::lpm;
      s.keeps_locks = false;
      s.stored_metrics = rtv::mtu | rtv::expire | rtv::weight;
      break;
    case Kernel::openbsd:
      s.lock = LockMode::unsupported;
      s.change_flags = ChangeFlags::fmask_request;
      s.change_lookup = ChangeLookup::exact;
      s.keeps_locks = true;
      s.stored_metrics = rtv::mtu | rtv::expire;
      break;
    case Kernel::netbsd:
      s.lock = LockMode::apply;
      // 8+: RTM_CHANGE applies -reject/-blackhole/-static (tests/net/route/t_change.sh).
      s.change_flags = version >= 8 ? ChangeFlags::fmask_const : ChangeFlags::keep;
      s.change_lookup = ChangeLookup::lpm_strict;
      s.keeps_locks = true;
      s.stored_metrics = rtv::all & ~rtv::weight;
      break;
    case Kernel::darwin:
      s.lock = LockMode::apply;
      s.change_flags = ChangeFlags::keep;
      s.change_lookup = ChangeLookup::lpm;
      s.keeps_locks = true;
      s.stored_metrics = rtv::all & ~rtv::weight;
      break;
    case Kernel::dragonfly:
      s.lock = LockMode::apply;
      s.change_flags = ChangeFlags::keep;
      s.change_lookup = ChangeLookup::exact_host;
      s.keeps_locks = true;
      s.stored_metrics = rtv::all & ~rtv::weight;
      break;
    case Kernel::hpux:
      s.lock = LockMode::unsupported;
      s.change_flags = ChangeFlags::keep;
      s.change_lookup = ChangeLookup::exact_host;
      s.keeps_locks = false;
      s.stored_metrics = rtv::mtu | rtv::rtt;  // route(7P): only rmx_mtu and rmx_rtt
      break;
  }
  return s;
}

std::optional<Semantics> semantics_for(std::string_view name) {
  // Accept abi profile names: "freebsd11-i386", "darwin-be", ...
  name = name.substr(0, name.find('-'));
  struct Entry {
    std::string_view prefix;
    Kernel kernel;
    int version;
  };
  static constexpr Entry entries[] = {
      {"freebsd", Kernel::freebsd, 14}, {"openbsd", Kernel::openbsd, 0},
      {"netbsd", Kernel::netbsd, 10},   {"darwin", Kernel::darwin, 0},
      {"macos", Kernel::darwin, 0},     {"dragonfly", Kernel::dragonfly, 58},
      {"hpux", Kernel::hpux, 11},
  };
  for (const auto& e : entries) {
    if (!name.starts_with(e.prefix)) continue;
    const auto digits = name.substr(e.prefix.size());
    int version = e.version;
    if (!digits.empty()) {
      const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
      if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
    }
    return semantics_for(e.kernel, version);
  }
  return std::nullopt;
}

}  // namespace rtsock::fib
