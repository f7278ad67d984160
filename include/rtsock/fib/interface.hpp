// rtsock/fib/interface.hpp — virtual interfaces and their addresses.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rtsock/fib/addr.hpp"

namespace rtsock::fib {

// One configured address (struct ifaddr): netmask as a prefix length, and
// either a broadcast address or, on a point-to-point link, the peer; flags
// are ia6::* (inet6) or ia4::* (inet4): a request's (anycast, autoconf...)
// plus what DAD sets.
struct IfAddress {
  Addr addr;
  std::uint8_t plen = 0;
  std::optional<Addr> broadcast;
  std::optional<Addr> peer;
  std::uint32_t flags = 0;

  friend bool operator==(const IfAddress&, const IfAddress&) = default;
};

// if_data counters.
struct IfCounters {
  std::uint64_t ipackets = 0, ierrors = 0, opackets = 0, oerrors = 0, collisions = 0;
  std::uint64_t ibytes = 0, obytes = 0, imcasts = 0, omcasts = 0, iqdrops = 0, noproto = 0;

  friend bool operator==(const IfCounters&, const IfCounters&) = default;
};

// A multicast group membership (struct ifmultiaddr). A protocol group
// (inet4, inet6 with a link- or interface-local zone KAME-style in bytes
// 2-3) carries the link-layer group it maps to, if the interface resolves
// one (Ethernet: 01:00:5e:… / 33:33:…); a link-layer group (link) is the
// entry those share, counted once per protocol group that maps to it.
struct Membership {
  bool link = false;                 // an AF_LINK group: lladdr is the group
  Addr group;                        // the protocol group (unused when link)
  std::vector<std::uint8_t> lladdr;  // link group, or the mapped link group (empty: none)
  std::uint32_t refcount = 1;

  friend bool operator==(const Membership&, const Membership&) = default;
};

// A neighbour (struct llentry) in an interface's ARP or ND table: FreeBSD 8+
// keeps these per interface and family (if_llatbl.c), not in the routing
// table. Made by RTM_ADD with RTF_LLDATA (lla_rt_output).
struct Neighbor {
  Addr addr;  // inet6 link-local: zone in bytes 2-3, as routes keep it
  std::array<std::uint8_t, 8> lladdr{};
  std::uint8_t lladdr_len = 0;
  bool is_static = true;     // LLE_STATIC: added with rmx_expire 0
  bool published = false;    // LLE_PUB: added with RTF_ANNOUNCE
  std::int64_t expire = 0;   // rmx_expire as the request gave it
  std::uint64_t serial = 0;  // creation order: a bucket lists the newest first

  friend bool operator==(const Neighbor&, const Neighbor&) = default;
};

// What add_neighbor did: the entry, and the one it replaced (lla_rt_output
// unlinks an existing entry for the address and links the new one).
struct NeighborAdd {
  Neighbor entry;
  std::optional<Neighbor> replaced;
};

enum class LinkState : std::uint8_t { unknown = 0, down = 1, up = 2 };

// What attach() needs; the rest of Interface is state.
struct IfSpec {
  std::string name;         // "em0"; at most 15 characters, unique
  std::uint8_t type = 0x6;  // ift::*
  std::uint32_t flags = 0;  // iff::*
  std::uint32_t mtu = 1500;
  std::vector<std::uint8_t> lladdr;  // MAC, empty for none
  std::uint32_t fib = 0;             // the interface's FIB (FreeBSD if_fib)
};

struct Interface {
  std::uint16_t index = 0;
  std::string name;
  std::uint8_t type = 0;
  std::uint32_t flags = 0;
  std::uint32_t mtu = 0;
  std::uint32_t metric = 0;
  std::uint64_t baudrate = 0;
  LinkState link = LinkState::unknown;
  std::vector<std::uint8_t> lladdr;
  std::uint32_t fib = 0;
  std::uint32_t nd6 = 0;  // FreeBSD/NetBSD nd6::* flags (nd_ifinfo); 0 elsewhere
  IfCounters counters;
  std::vector<IfAddress> addrs;  // in the order they were added
  std::vector<Membership> groups;  // newest first (if_multiaddrs, inserted at the head)
  std::vector<Neighbor> neighbors;  // ARP and ND entries (FreeBSD 8+ lltables)

  bool up() const { return (flags & 0x1) != 0; }
  friend bool operator==(const Interface&, const Interface&) = default;
};

}  // namespace rtsock::fib
