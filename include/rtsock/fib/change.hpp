// rtsock/fib/change.hpp — change records: every change the database makes is
// reported as one of these, in the order the kernels report them, for the
// routing socket (and later netlink) to encode at the edge. FreeBSD's
// rib_cmd_info model.
#pragma once

#include <cstdint>
#include <optional>

#include "rtsock/fib/interface.hpp"
#include "rtsock/fib/route.hpp"

namespace rtsock::fib {

enum class ChangeKind : std::uint8_t {
  route_add,     // new_route
  route_delete,  // old_route (RTF_UP already cleared)
  route_change,  // old_route and new_route
  addr_add,      // ifindex, address   (RTM_NEWADDR)
  addr_delete,   // ifindex, address   (RTM_DELADDR)
  if_arrival,    // ifindex, iface     (RTM_IFANNOUNCE IFAN_ARRIVAL)
  if_departure,  // ifindex, iface     (RTM_IFANNOUNCE IFAN_DEPARTURE)
  if_change,     // ifindex, iface     (RTM_IFINFO: flags, mtu, link state)
  maddr_add,     // ifindex, group     (RTM_NEWMADDR: a group joined)
  maddr_delete,  // ifindex, group     (RTM_DELMADDR: a group left)
  addr_lle,      // ifindex, address, neighbor: a new IPv6 address's own
                 // neighbour entry (FreeBSD nd6_add_ifa_lle); neighbor is
                 // the entry of that address it displaced, if any
  addr_flags,    // ifindex, address: its flags changed by DAD or link state
                 // (NetBSD RTM_NEWADDR, OpenBSD RTM_CHGADDRATTR)
};

// Why the change happened: a request's own change is answered by its reply,
// the others become notifications.
// external: made outside the routing socket (a host kernel's table changed
// by other programs).
enum class Cause : std::uint8_t {
  request,
  address,
  interface,
  expiry,
  redirect,
  flush,
  external,
  resolve,     // a next-hop lookup cloned a route, or its parent took it along (OpenBSD)
  unreported,  // the kernel tells no routing socket (OpenBSD: link-state
               // reprioritisation, the multicast routes of in6_update_ifa)
};

struct Change {
  ChangeKind kind{};
  Cause cause{};
  std::uint32_t fib = 0;
  std::optional<RouteInfo> old_route;
  std::optional<RouteInfo> new_route;
  std::uint16_t ifindex = 0;
  std::optional<IfAddress> address;
  std::optional<Interface> iface;  // snapshot (without addrs for route changes)
  std::optional<Membership> group;
  std::optional<Neighbor> neighbor;
};

}  // namespace rtsock::fib
