// rtsock/fib/interface.hpp — virtual interfaces and their addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rtsock/fib/addr.hpp"

namespace rtsock::fib {

// One configured address (struct ifaddr): netmask as a prefix length, and
// either a broadcast address or, on a point-to-point link, the peer.
struct IfAddress {
  Addr addr;
  std::uint8_t plen = 0;
  std::optional<Addr> broadcast;
  std::optional<Addr> peer;

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
  IfCounters counters;
  std::vector<IfAddress> addrs;  // in the order they were added
  std::vector<Membership> groups;  // newest first (if_multiaddrs, inserted at the head)

  bool up() const { return (flags & 0x1) != 0; }
  friend bool operator==(const Interface&, const Interface&) = default;
};

}  // namespace rtsock::fib
