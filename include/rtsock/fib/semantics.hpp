// rtsock/fib/semantics.hpp — one engine, switched per kernel. FreeBSD 14 is
// the default; every difference of another kernel (spec sections B.4–B.10)
// is a field here, not a copy of the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rtsock::fib {

enum class Kernel : std::uint8_t { freebsd, openbsd, netbsd, darwin, dragonfly, hpux };

enum class LockMode : std::uint8_t {
  apply,        // RTM_LOCK updates rmx_locks (Darwin, NetBSD, DragonFly)
  noop,         // accepted, changes nothing (FreeBSD 8–12)
  unsupported,  // EOPNOTSUPP (FreeBSD 13+, OpenBSD, HP-UX)
};

enum class ChangeFlags : std::uint8_t {
  fmask_const,    // flags = (flags & ~RTF_FMASK) | (req & RTF_FMASK)   FreeBSD
  fmask_request,  // flags = (flags & ~fmask) | (req & fmask), fmask &= RTF_FMASK  OpenBSD
  keep,           // flags are not changed                             Darwin, NetBSD, DragonFly
};

// How RTM_CHANGE/RTM_LOCK find their route.
enum class ChangeLookup : std::uint8_t {
  exact,       // exact prefix after normalisation (FreeBSD 13+, OpenBSD)
  exact_host,  // mask ⇒ exact; none ⇒ host entry only (FreeBSD 11–12, DragonFly)
  lpm,         // mask ⇒ exact; none ⇒ longest match (Darwin, FreeBSD ≤10)
  lpm_strict,  // longest match, key must equal dst, mask required if the route has one
               // (ETOOMANYREFS)  NetBSD
};

// How requests meet the table: the radix lineage (4.4BSD rtrequest: FreeBSD,
// NetBSD, Darwin, DragonFly, HP-UX) or OpenBSD's rtable (rtm_output over ART:
// rtable_lookup with priority and gateway, rtable_insert's RTF_MPATH rules,
// rtrequest_delete, the RTM_CHANGE gateway retry).
enum class RouteModel : std::uint8_t { radix, rtable };

// The routes an interface address brings.
enum class AddressRoutes : std::uint8_t {
  link,  // rtinit/ifa_maintain_loopback_route: the prefix through the link
         // (gateway sockaddr_dl), the address itself through the loopback
  ifa,   // OpenBSD rt_ifa_add/rt_ifa_addlocal: each address its own connected
         // route (gateway: the address), local route on its own interface,
         // broadcast route; same prefixes share a multipath list
};

// The order of a table walk (sysctl dumps, route show, flush).
enum class WalkOrder : std::uint8_t {
  radix,  // by key, a more specific prefix before a less specific one
  art,    // OpenBSD's ART iterator: per stride table, inner nodes first
};

// What a new interface MTU (SIOCSIFMTU) does to the routes through that
// interface. No kernel sends a routing message for it: listeners see the
// interface's RTM_IFINFO only. Sources: docs/research/interface-mtu-link.md.
enum class IfMtuRoutes : std::uint8_t {
  none,      // routes keep the MTU they have (nothing found in the sources read)
  rt_walk,   // FreeBSD 11-12 rt_updatemtu: a route's MTU at or above the new one
             // drops to it; a smaller one rises only on an interface route
             // (no RTF_GATEWAY, RTF_HOST or RTF_FIXEDMTU)
  nexthops,  // FreeBSD 13+ nhops_update_ifmtu: every nexthop without
             // RTF_FIXEDMTU takes the new MTU; a fixed one only drops to it
  unlocked,  // Darwin if_rtmtu: every route whose MTU is not locked
             // (RTV_MTU) and not 0 takes the new MTU
};

// The multicast memberships a kernel makes by itself for its addresses
// (docs/research/multicast-memberships.md).
// The multicast routes in6_update_ifa adds for an interface's first IPv6
// address, none of them reported: xnu's ff02::%if/32, ff01::%if/32 and
// ff00::/8 scoped to the interface (RTF_CLONING, `UmCI`); DragonFly's
// ff02::%if/32 (RTF_CLONING) and, on a loopback, an unscoped ff01::/32;
// NetBSD's ff02::%if/32 and ff01::%if/32 (RTF_CONNECTED) after the
// address's prefix route (in6_join_mcastgroups).
enum class Mcast6Routes : std::uint8_t { none, xnu, dragonfly, netbsd };

enum class McastJoins : std::uint8_t {
  // FreeBSD (in_aifaddr_ioctl, in6_update_ifa_join_mc) and Darwin
  // (in_ifinit, in6_ifaupdate_aux): 224.0.0.1 with the first IPv4 address,
  // left with the last; per IPv6 address its solicited-node group, ff02::1
  // and ff01::1, held by the address and left with it.
  per_address,
  // DragonFly (in_ifinit, in6_update_ifa, in6_purgeaddr): every IPv4
  // address takes a reference to 224.0.0.1 that its removal never drops;
  // ff02::1 is joined once per interface, ff01::1 only on a loopback that
  // has ::1, neither left with an address; only the solicited-node group
  // is per address.
  kame,
};

// What an interface's detach reports of the groups left on it.
enum class McastPurge : std::uint8_t {
  all,        // FreeBSD if_purgemaddrs
  inet6,      // DragonFly: only in6_ifdetach leaves groups (inet6 ones)
  addresses,  // Darwin: nothing beyond what the addresses' purge leaves
              // (ifnet_detach keeps if_multiaddrs for a reattach)
};

// What clearing IFF_UP does to the IPv4 routes of the interface's addresses
// (pfctlinput(PRC_IFDOWN) -> rip_ctlinput; FreeBSD 14: in_ifnet_event).
// Setting it again (PRC_IFUP) re-adds the prefix routes taken.
enum class IfDownRoutes : std::uint8_t {
  none,          // NetBSD (rip_ctlinput ignores PRC_IFDOWN); HP-UX unverified
  scrub,         // FreeBSD, DragonFly: in_scrubprefix/in_ifscrub takes the
                 // prefix route, in_ifadown(ifa, 0) the non-static routes
                 // whose ifa is the address
  scrub_static,  // xnu: in_ifadown(ifa, 1), static ones too
};

struct Semantics {
  Kernel kernel = Kernel::freebsd;
  int version = 14;

  // FreeBSD 13+/OpenBSD: no mask ⇒ host; a full-length mask ⇒ host with
  // RTF_HOST; shorter ⇒ RTF_HOST cleared. Otherwise RTF_HOST alone decides
  // and an all-ones mask makes a distinct network entry.
  bool normalize_host = true;
  bool multipath = true;                // FreeBSD 13+ net.route.multipath
  bool priorities = false;              // OpenBSD rtm_priority
  bool reject_blackhole_einval = true;  // FreeBSD 13+
  bool reject_via_loopback = true;      // FreeBSD 13+: REJECT/BLACKHOLE routes go to lo0
  bool pinned = true;                   // RTF_PINNED protects interface routes (EADDRINUSE)
  bool local_broadcast_einval = false;  // OpenBSD: RTF_LOCAL/RTF_BROADCAST from userland
  bool gateway_compat = true;  // FreeBSD: gateway on a loopback route ⇒ RTF_GWFLAG_COMPAT
  bool any_gateway_selects_ifa =
      false;  // FreeBSD ≤12: GATEWAY picks the ifa even without RTF_GATEWAY
  LockMode lock = LockMode::unsupported;
  ChangeFlags change_flags = ChangeFlags::fmask_const;
  ChangeLookup change_lookup = ChangeLookup::exact;
  bool change_supported = true;          // HP-UX: EOPNOTSUPP
  bool keeps_locks = false;              // FreeBSD 8+ keeps no locks
  std::uint32_t stored_metrics = 0x105;  // rtv bits a route keeps (FreeBSD: MTU, EXPIRE, WEIGHT)
  int missing_errno = 3;                 // ESRCH; HP-UX ENOENT
  std::int64_t redirect_lifetime = 0;    // FreeBSD 13+: redirect routes expire (seconds)
  std::uint64_t connected_flags = 0;     // extra flags of interface routes (OpenBSD RTF_CONNECTED)
  std::uint64_t local_flags = 0x800;     // extra flags of local address routes (FreeBSD RTF_STATIC)

  // ---- OpenBSD's route model (docs/research/openbsd-route-model.md) ----
  RouteModel route_model = RouteModel::radix;
  AddressRoutes address_routes = AddressRoutes::link;
  WalkOrder walk_order = WalkOrder::radix;
  // rt_gwroute: a gateway route holds its next-hop route (RTF_CACHED, a
  // reference); a lookup for a next hop clones a host route from an
  // RTF_CLONING route (RTF_CLONED, priority one better than its parent).
  bool nexthop_cache = false;
  // rt_use counts every rtalloc of the kernel (next hops, local addresses),
  // not only forwarded packets.
  bool count_lookups = false;
  // rt_if_track: routes through a down interface lose RTF_UP and move behind
  // the live ones (RTP_DOWN); local routes stay up; uncached clones go.
  bool link_state_routes = false;
  // in6_ifattach: the first inet6 address of an interface brings its
  // link-local address and the ff01::/32 and ff02::/32 routes.
  bool inet6_attach = false;
  // KAME in6_if_up/in6_ifattach (FreeBSD, NetBSD, DragonFly): an interface
  // coming up gets its link-local address (and a loopback ::1) unless the
  // fields below say otherwise. Sources: docs/research/freebsd-link-local.md,
  // docs/research/kame-link-local.md.
  bool auto_linklocal = false;
  // Per-interface nd6 flags (ND6_IFF_AUTO_LINKLOCAL, ND6_IFF_IFDISABLED,
  // SIOCSIFINFO_FLAGS) govern it: FreeBSD, NetBSD. DragonFly has only the
  // global ip6_auto_linklocal (on): no flags are kept, set_nd6 is EOPNOTSUPP.
  bool ll_nd6_flags = false;
  // NetBSD, DragonFly: in6_ifattach passes over a bridge (FreeBSD leaves it
  // to the bridge's nd6 flags, which start without auto_linklocal).
  bool ll_skips_bridge = false;
  // NetBSD: an interface that cannot do IPv6 (bridge, pflog, pfsync) is
  // marked ifdisabled and -auto_linklocal when it comes up.
  bool ll_marks_incapable = false;
  // NetBSD: no IPv6 on a link whose MTU is below this (IPV6_MMTU, 1280).
  std::uint32_t ll_min_mtu = 0;
  // FreeBSD: stf gets ND6_IFF_NO_DAD (NetBSD has no such nd6 flag).
  bool ll_stf_no_dad = false;
  // FreeBSD in6_get_hw_ifid also reads the MAC of a bridge and an L2VLAN;
  // NetBSD's and DragonFly's take Ethernet (and types rtsock lacks) only.
  bool ll_hw_ifid_bridge_vlan = false;
  // FreeBSD in6_control: a new inet6 address clears ifdisabled.
  bool ll_addr_clears_ifdisabled = false;
  // KAME in6_update_ifa: SIOCAIFADDR_IN6 of an address the interface has
  // updates it (same prefix length; another is EINVAL) instead of EEXIST.
  bool inet6_update_existing = false;
  // An inet6 address shorter than /128 on a loopback gets its prefix route
  // beside its local route (FreeBSD nd6_prelist_add: link#N; NetBSD 8+
  // in6_ifaddprefix: the gateway is the address, flags U only).
  bool loopback6_prefix_route = false;
  bool loopback6_prefix_via_addr = false;
  // Non-zero: a route's MTU stays unset (0) unless given, except this value
  // on routes through a loopback (OpenBSD lortrequest, LOMTU). Zero: a route
  // takes its interface's MTU.
  std::uint32_t loopback_mtu = 0;
  // NetBSD 8+: an address on a loopback interface gets its local route
  // (RTF_LOCAL, gateway = the interface's named sockaddr_dl), not an
  // interface route (rt_ifa_addlocal).
  bool loopback_addr_local = false;
  // An IPv6 address announces its /128 loopback route before the prefix
  // route: FreeBSD (in6_update_ifa, then nd6_prelist_add; its groups and ND
  // entry even before RTM_NEWADDR, in6_broadcast_ifa), NetBSD 8+
  // (in6_ifinit: in6_ifaddlocal, then in6_ifaddprefix; its groups, not
  // modelled there, come after).
  bool inet6_local_first = false;
  // NetBSD 8+ in6_purgeaddr: an IPv6 address's prefix route goes before its
  // local route (in6_ifremprefix, then in6_ifremlocal); elsewhere the local
  // route goes first.
  bool inet6_prefix_delete_first = false;
  // The same for IPv4: NetBSD in_purgeaddr/in_scrubaddr run in_scrubprefix
  // (the prefix route and its hand-over) before in_ifremlocal.
  bool inet4_prefix_delete_first = false;
  // NetBSD 8+ in_ifinit adds an IPv4 address's local route (in_ifaddlocal,
  // whose rt_ifa_addlocal also says RTM_NEWADDR) before its prefix route
  // (in_addprefix); elsewhere the prefix route comes first.
  bool inet4_local_first = false;
  // NetBSD rt_ifa_remlocal (in_ifremlocal, in6_ifremlocal): when an address
  // goes while another interface holds the same one, its loopback route is
  // kept and given that holder's ifaddr (rt_replace_ifa: gateway and lo0
  // stay), told by one RTM_CHANGE and no RTM_DELADDR. The route is found as
  // rtalloc1 does (a host route through the loopback), and interface detach
  // deletes the routes through the interface only (if_delroute_matcher).
  bool local_route_alt_ifa = false;
  // NetBSD SIOCAIFADDR of an address the interface has re-initialises it
  // (in_control: in_scrubprefix, then in_ifinit: RTM_NEWADDR with the new
  // mask, in_addprefix) instead of EEXIST; NetBSD 8+ in6_update_ifa1 lets a
  // manual IPv6 address change its prefix length (in6_ifremprefix, then
  // in6_ifinit) where other KAME kernels answer EINVAL.
  bool readd_reinits = false;
  bool inet6_plen_change = false;
  // An IPv4 address gets a loopback host route when it is added. Darwin's
  // in_ifinit installs only the prefix (or peer) route; xnu's route to an
  // own address is cloned later, by ARP.
  bool inet4_local_route = true;
  // A gateway reachable only through another gateway route resolves
  // (FreeBSD); NetBSD's ifa_ifwithroute refuses it (ENETUNREACH).
  bool gateway_via_gateway = true;
  // FreeBSD 13+ nexthops (set_nhop_gw_from_info, fill_sdl_from_ifp): an
  // interface route (no RTF_GATEWAY) given an AF_LINK gateway keeps only
  // the interface's index and type (a sockaddr_dl_short: netstat's
  // "link#N"), not the name and address the request carried; an index that
  // names no interface is EINVAL. FreeBSD <= 12 (rt_setgate) stores the
  // sockaddr as given.
  bool direct_gw_by_index = false;
  // Multicast memberships (FreeBSD, Darwin, DragonFly): the groups the
  // kernel joins for its addresses (multicast_joins), each mapped to an
  // Ethernet group on an Ethernet interface; RTM_NEWMADDR for each new
  // group (if_addmulti).
  bool multicast_groups = false;
  // Leaving a group reports RTM_DELMADDR: FreeBSD 12+ (the deferred
  // inm_release/in6m_release detach the ifma), Darwin, DragonFly; FreeBSD
  // before 12 only at an interface's detach (if_purgemaddrs).
  bool multicast_leave_reported = false;
  McastJoins multicast_joins = McastJoins::per_address;
  McastPurge multicast_purge = McastPurge::all;
  // DragonFly if_addmulti (the FreeBSD 4 one): a new link-layer group goes
  // to the list's head after the protocol group that brought it, so it
  // precedes it; FreeBSD and Darwin insert it first (it follows).
  bool multicast_link_after = false;
  // The KAME nd6 address sequence (xnu, DragonFly; in6_update_ifa,
  // in6ctl_aifaddr): an IPv6 address's loopback route is in6_ifaddloop's
  // (RTF_LLINFO, the interface's MAC as gateway, announced with the
  // address), then come its groups and silent multicast routes, and only
  // then nd6_prefix_onlink's prefix route, announced by nd6_rtmsg. On
  // delete the loopback route and the address go first (in6_purgeaddr),
  // the prefix route later with its last address (the nd6 timer).
  bool inet6_nd_prefix = false;
  Mcast6Routes mcast6_routes = Mcast6Routes::none;
  // in_addroute/in6_addroute (xnu, DragonFly, FreeBSD < 8) mark a route as
  // it enters the tree: RTF_MULTICAST for a multicast key, RTF_PRCLONING
  // for one neither host, cloning nor multicast, RTF_LOCAL (or, IPv4,
  // RTF_BROADCAST) for a host route to its own address (broadcast address).
  bool addroute_marks = false;
  // xnu, DragonFly (in_ifinit/in_ifscrub → rtinit): an IPv4 address's
  // RTM_NEWADDR/RTM_DELADDR come from rtinit's rt_newaddrmsg, so an address
  // whose prefix route exists already (another of the prefix, the same
  // address on a second interface) is added and removed in silence, and an
  // heir that takes a prefix route over announces itself first.
  bool rtinit_messages = false;
  // NetBSD 8+ tells an address's routes as route.c does: the prefix (or
  // destination) route through rtinit's rt_newmsg (rt_missmsg: IFP and IFA,
  // RTF_DONE, rtm_index 0), the local route on add through rt_ifa_addlocal's
  // rt_newaddrmsg (no RTF_DONE, rtm_index the address's interface) and on
  // delete through rt_ifa_remlocal's rtdeletemsg (rt_missmsg of the flags
  // before the delete, without IFP and IFA); no metrics in any of them.
  bool rt_newmsg_addr_routes = false;
  // NetBSD, DragonFly, xnu: a second interface may hold an address (no
  // duplicate check in in_control/in6_update_ifa; the routes stay with the
  // first holder). FreeBSD's own rules: shared_addresses.
  bool second_holder_ok = false;
  // in_scrubprefix hands a prefix route to another address of the prefix;
  // xnu's in_ifscrub only deletes it.
  bool prefix_takeover = true;
  // FreeBSD (in_scrubprefix, nd6_prefix_offlink): when the address holding
  // an interface prefix route goes, an address of the same prefix on
  // another interface that is up takes the route over (we look in the same
  // FIB only: FreeBSD's loop ignores FIBs, which would move a route across
  // them); elsewhere only an address on the same interface does.
  bool prefix_takeover_any_iface = false;
  // ...and only to an interface that is up (FreeBSD, DragonFly); NetBSD's
  // in_scrubprefix and in6_ifremprefix ask nothing of the heir's interface.
  bool prefix_takeover_heir_up = true;
  // FreeBSD (in_aifaddr_ioctl, in6_update_ifa): an address is looked for on
  // the interface being configured only, so another interface may hold the
  // same one (also in another FIB). The IPv4 loopback route stays with the
  // first holder of its FIB and, when that one goes, switches to the next
  // (in_localip_more, ifa_switch_loopback_route); IPv6's stays with its
  // creator (IFA_RTSELF). Elsewhere a second holder is EEXIST here.
  bool shared_addresses = false;
  // FreeBSD SIOCSIFFIB: moving an interface to another FIB only changes
  // where its future address routes go; its addresses and their routes
  // stay. Elsewhere (OpenBSD if_setrdomain) the interface is torn down.
  bool iffib_keeps_addresses = false;
  IfMtuRoutes if_mtu_routes = IfMtuRoutes::none;
  // FreeBSD's data-path lookups (fib4_lookup/fib6_lookup, RT_LINK_IS_UP):
  // the longest match is refused, with no fallback to a shorter prefix, when
  // its interface's link is down. RTM_GET and the table are not affected,
  // and IFF_UP plays no part.
  bool forward_needs_link_up = false;
  // FreeBSD's epair(4) cloner (if_epair.c): creating "epairN" attaches the
  // pair epairNa and epairNb (EEXIST when either exists), Ethernet
  // addresses that differ in the last octet (0a, 0b), then brings both links
  // up; destroying either half takes both down and detaches both.
  bool epair_pairs = false;
  // Darwin scoped routing (route.c "Scoped Routing", rtsock.c route_output):
  // RTF_IFSCOPE with rtm_index adds, deletes and looks up a route of one
  // interface's scope; scoped and unscoped routes of one prefix coexist, and
  // lookups follow rt_lookup_common. Elsewhere RouteRequest::ifscope is
  // ignored. Sources: docs/research/darwin-scoped-routing.md.
  bool scoped_routing = false;
  // FreeBSD 13+ nexthops (nhop_ctl.c, nhgrp_ctl.c): routes of a (FIB,
  // family) share indexed, reference-counted nexthop objects; a multipath
  // prefix holds a nexthop group. rmx_nhidx is the object's index.
  // Elsewhere rmx_nhidx is a plain pool number and no objects are listed.
  bool nexthop_objects = false;
  // FreeBSD 8+ (if_llatbl.c): ARP and ND entries live in per-interface
  // lltables. RTM_ADD/RTM_DELETE with RTF_LLDATA go to lla_rt_output and
  // never touch the routing table; NET_RT_FLAGS with RTF_LLINFO (or 0) dumps
  // them. FreeBSD 7 and the others keep RTF_LLINFO host routes.
  bool lltable = false;

  // ---- interface down and address loss (docs/research/interface-mtu-link.md) ----
  // SIOCDIFADDR of an IPv4 address also deletes, in every FIB and without a
  // message, every other route whose ifa it is, static ones too
  // (in_ifadown(ifa, 1): FreeBSD in_difaddr_ioctl/in_control, DragonFly
  // in_control). Elsewhere such gateway routes stay.
  bool ifa_delete_purges_routes = false;
  IfDownRoutes if_down_routes = IfDownRoutes::none;
  // NetBSD 8+: the link or IFF_UP going down marks every address detached
  // and announces each (in_if_link_down, in6_if_link_down: RTM_NEWADDR after
  // the RTM_IFINFO), IPv4 first.
  bool if_down_newaddr = false;
  // SIOCSIFMTU sends RTM_IFINFO (FreeBSD ifhwioctl, xnu ifioctl, DragonFly
  // ifioctl: rt_ifmsg). NetBSD's ifioctl_common sets if_mtu, calls
  // nd6_setmtu and returns ENETRESET: no message.
  bool mtu_ifinfo = true;
  // DragonFly in_addroute: its test for an unset rmx_mtu is inverted, so an
  // IPv4 route added without an MTU keeps 0 instead of the interface's.
  bool inet4_route_mtu_unset = false;

  // ---- duplicate address detection (docs/research/dad.md) ----
  // in6if_do_dad/nd6_dad_start: a new inet6 address of an interface that is
  // up and running (not a loopback; not anycast, not NODAD but on FreeBSD,
  // where NODAD is obsolete) is IN6_IFF_TENTATIVE until its DAD ends,
  // Config::dad_count seconds later. HP-UX: none.
  bool dad6 = false;
  // FreeBSD: an address added while the interface is down is tentative as
  // well; DAD waits for in6_if_up.
  bool dad6_when_down = false;
  // in6_if_up starts DAD again for the tentative addresses (FreeBSD,
  // DragonFly, xnu); OpenBSD's stay tentative.
  bool dad6_restart_at_up = false;
  // NetBSD 8+: IN6_IFF_DETACHED / IN_IFF_DETACHED while the link is down
  // (an address added then too); link up makes them tentative and runs
  // DAD. Its IPv4 ARP DAD (arp_dad_start, Config::ip_dad_count probes,
  // ANNOUNCE_WAIT 2 s) marks IN_IFF_TENTATIVE the same way.
  bool dad_detached = false;
  bool dad4 = false;
};

// The semantics of a kernel release: "freebsd" (= 14), "freebsd12",
// "openbsd", "netbsd", "darwin", "dragonfly", "hpux"; an abi profile name
// such as "freebsd11-i386" works too. nullopt for an unknown name.
std::optional<Semantics> semantics_for(std::string_view name);
Semantics semantics_for(Kernel k, int version);

}  // namespace rtsock::fib
