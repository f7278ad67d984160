// rtnetlink messages as plain values: what the Linux backend reads from the
// kernel (RTM_NEWLINK/DELLINK, RTM_NEWADDR/DELADDR, RTM_NEWROUTE/DELROUTE,
// RTM_NEWNEXTHOP/DELNEXTHOP, NLMSG_ERROR, NLMSG_DONE). Parsing is defensive, in two passes as OpenBSD
// decodes: every length is checked against its container before a field is
// read, and a malformed message is counted and skipped, never trusted.
// No I/O and no BSD face here (face.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "rtsock/fib/addr.hpp"

namespace rtsock::backend::rtnl {

// NLMSG_ALIGN / RTNH_ALIGN / MNL_ALIGN, without the macros' sign games.
constexpr std::size_t align4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

// struct rtnl_link_stats64, the fields if_data has.
struct LinkStats {
  std::uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0, rx_errors = 0,
                tx_errors = 0, rx_dropped = 0, tx_dropped = 0, multicast = 0, collisions = 0;
};

struct Link {
  std::uint8_t family = 0;  // ifi_family: AF_UNSPEC for links; AF_BRIDGE port notices
  int index = 0;
  std::uint16_t arphrd = 0;  // ifi_type
  std::uint32_t flags = 0;   // ifi_flags (Linux IFF_*)
  std::string name;          // IFLA_IFNAME
  std::uint32_t mtu = 0;
  std::vector<std::uint8_t> lladdr;  // IFLA_ADDRESS
  std::uint8_t operstate = 0;        // IF_OPER_*
  std::optional<LinkStats> stats;
  std::string kind;  // IFLA_LINKINFO/IFLA_INFO_KIND ("veth", "bridge", ...)
};

struct Address {
  fib::Family family = fib::Family::inet4;
  std::uint8_t plen = 0;
  std::uint8_t scope = 0;
  std::uint32_t flags = 0;  // IFA_F_*, IFA_FLAGS when present
  int index = 0;
  std::optional<fib::Addr> local;      // IFA_LOCAL
  std::optional<fib::Addr> address;    // IFA_ADDRESS (the peer on point-to-point links)
  std::optional<fib::Addr> broadcast;  // IFA_BROADCAST
};

struct Nexthop {
  std::optional<fib::Addr> gateway;  // RTA_GATEWAY, or RTA_VIA (IPv4 over IPv6)
  int oif = 0;
  std::uint8_t hops = 0;  // rtnh_hops: weight - 1
  std::uint8_t flags = 0;  // RTNH_F_*
};

struct Route {
  fib::Family family = fib::Family::inet4;
  std::uint8_t dst_len = 0;
  std::uint8_t src_len = 0;
  std::uint8_t tos = 0;
  std::uint8_t protocol = 0;  // RTPROT_*
  std::uint8_t scope = 0;     // RT_SCOPE_*
  std::uint8_t type = 0;      // RTN_*
  std::uint32_t flags = 0;    // rtm_flags (RTM_F_*)
  std::uint32_t table = 0;    // RTA_TABLE, else rtm_table
  fib::Addr dst;              // RTA_DST, zero when absent (default route)
  std::optional<fib::Addr> prefsrc;
  std::uint32_t priority = 0;  // RTA_PRIORITY (the metric)
  std::uint32_t nh_id = 0;     // RTA_NH_ID: a nexthop object
  std::uint32_t mtu = 0;       // RTA_METRICS/RTAX_MTU
  std::uint32_t locks = 0;     // RTA_METRICS/RTAX_LOCK (1 << RTAX_*)
  std::int64_t expires = 0;    // RTA_CACHEINFO rta_expires, clock ticks (USER_HZ)
  std::vector<Nexthop> paths;  // one, or RTA_MULTIPATH's; empty for blackhole & co.
};

// One message. body holds Link, Address or Route for the rtnetlink types
// (nothing for RTM_NEWNEXTHOP/DELNEXTHOP);
// error is NLMSG_ERROR's (0 = an acknowledgement), done marks NLMSG_DONE.
struct Message {
  std::uint16_t type = 0;
  std::uint16_t flags = 0;
  std::uint32_t seq = 0;
  std::uint32_t pid = 0;
  int error = 0;  // positive errno
  bool done = false;
  std::variant<std::monostate, Link, Address, Route> body;
};

// Every message of one datagram. Malformed messages (and everything after a
// broken header, which ends the walk) are counted in `malformed`; types this
// backend does not read are skipped silently.
std::vector<Message> parse(std::span<const std::byte> datagram, std::size_t& malformed);

}  // namespace rtsock::backend::rtnl
