// The emulated kernel's interfaces as a BSD program sees them, read from
// rtsockd's NET_RT_IFLIST dump: what getifaddrs(), if_nametoindex() and the
// SIOCGIF* ioctls answer. Sockaddrs are kept as the kernel's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/codec/sockaddr.hpp"

namespace rtsock::compat {

using Bytes = std::vector<std::byte>;

struct IfAddr {
  int family = 0;  // OS AF number
  Bytes addr;      // the address as the kernel reports it
  Bytes mask;      // a full sockaddr of the family (never the radix short form)
  Bytes dst;       // broadcast or point-to-point peer; empty when none
  codec::Sockaddr a, m, d;  // the same, decoded
  std::uint32_t addrflags = 0;  // NetBSD 8+ ifam_addrflags (IN6_IFF_*, IN_IFF_*); 0 elsewhere
};

struct Iface {
  std::uint16_t index = 0;
  std::string name;
  std::uint32_t flags = 0;  // IFF_*, OS numbering
  std::uint32_t mtu = 0, metric = 0;
  std::uint8_t type = 0;    // IFT_*
  Bytes link;               // its sockaddr_dl
  Bytes if_data;            // the OS's struct if_data
  std::vector<IfAddr> addrs;
};

// The interfaces now (0) or a host errno (no daemon, ...).
int interfaces(std::vector<Iface>& out);
const Iface* find_iface(const std::vector<Iface>& all, std::string_view name);

// A multicast group an interface has joined, as the kernel's bytes.
struct GroupMembership {
  Bytes ifp, group, lladdr;
};
// Every interface's groups (NET_RT_IFMALIST; macOS: NET_RT_IFLIST2's
// RTM_NEWMADDR2), or a host errno; EOPNOTSUPP where the OS has neither.
int memberships(std::vector<GroupMembership>& out);

// A sockaddr in the personality's wire form (a mask as a full sockaddr).
Bytes bsd_sockaddr(const codec::Sockaddr& sa);

}  // namespace rtsock::compat
