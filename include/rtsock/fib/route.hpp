// rtsock/fib/route.hpp — what a route is (RouteInfo, a snapshot of an
// rtentry) and what a request asks for (RouteRequest, the typed content of an
// rt_msghdr after the kernel layer has decoded it).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "rtsock/fib/addr.hpp"

namespace rtsock::fib {

// A route's gateway: a next-hop address, or a link (interface routes and
// "-interface"/"-link" routes: sockaddr_dl with an index, maybe a MAC).
struct Gateway {
  enum class Kind : std::uint8_t { none, addr, link };
  Kind kind = Kind::none;
  Addr addr;                  // Kind::addr
  std::uint16_t ifindex = 0;  // Kind::link: sdl_index (0 = name only)
  std::uint8_t iftype = 0;    // Kind::link: sdl_type
  std::uint8_t lladdr_len = 0;
  std::array<std::uint8_t, 8> lladdr{};
  std::string ifname;  // Kind::link: sdl_data name, when a request gave one

  static Gateway none() { return {}; }
  static Gateway address(const Addr& a) {
    Gateway g;
    g.kind = Kind::addr;
    g.addr = a;
    return g;
  }
  static Gateway link(std::uint16_t index, std::uint8_t type) {
    Gateway g;
    g.kind = Kind::link;
    g.ifindex = index;
    g.iftype = type;
    return g;
  }
  bool is_addr() const { return kind == Kind::addr; }
  bool is_link() const { return kind == Kind::link; }
  std::string str() const;  // "192.0.2.1", "link#3", "link#3 0:1:2:3:4:5"

  friend bool operator==(const Gateway&, const Gateway&) = default;
};

// rt_metrics, canonical widths. expire is in the caller's clock (seconds),
// 0 = never.
struct Metrics {
  std::uint32_t mtu = 0;
  std::uint32_t hopcount = 0;
  std::int64_t expire = 0;
  std::uint32_t recvpipe = 0;
  std::uint32_t sendpipe = 0;
  std::uint32_t ssthresh = 0;
  std::uint32_t rtt = 0;
  std::uint32_t rttvar = 0;
  std::uint64_t pksent = 0;
  std::uint32_t weight = 0;

  friend bool operator==(const Metrics&, const Metrics&) = default;
};

// A snapshot of one route (one path of a multipath prefix).
struct RouteInfo {
  std::uint32_t fib = 0;
  Prefix prefix;
  Gateway gateway;
  std::uint64_t flags = 0;    // rtf::*; RTF_UP clear once deleted
  std::uint16_t ifindex = 0;  // the interface packets leave through
  std::optional<Addr> ifa;    // the route's interface address (source)
  Metrics rmx;
  std::uint32_t locks = 0;    // rtv::* bits; 0 on kernels without locks
  std::uint32_t refcnt = 0;   // handles held (RouteRef), not counting the table
  std::uint8_t priority = 0;  // OpenBSD rtm_priority
  std::uint32_t nhidx = 0;    // nexthop index (FreeBSD 13+ rmx_nhidx)
  std::uint16_t ifscope = 0;  // Darwin RTF_IFSCOPE: the interface scope (0: unscoped)

  friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

// The typed content of RTM_ADD / DELETE / CHANGE / GET / LOCK.
struct RouteRequest {
  std::uint32_t fib = 0;
  Addr dst;
  std::optional<int> plen;  // RTA_NETMASK as a prefix length; nullopt = none
  Gateway gateway;          // RTA_GATEWAY
  std::uint64_t flags = 0;  // rtm_flags (rtf::*)
  std::uint64_t fmask = 0;  // rtm_fmask (FreeBSD 7+/OpenBSD)
  std::uint32_t inits = 0;  // rtm_inits (rtv::*): which rmx values apply
  std::uint32_t locks = 0;  // rmx_locks
  Metrics rmx;
  std::optional<std::uint16_t> ifp_index;  // RTA_IFP sdl_index
  std::string ifp_name;                    // RTA_IFP sdl_data name
  std::optional<Addr> ifa;                 // RTA_IFA
  std::uint8_t priority = 0;               // OpenBSD; 0 = default
  // Darwin: RTF_IFSCOPE with rtm_index. The route (ADD) or the lookup
  // (DELETE/GET/CHANGE/LOCK) is scoped to this interface; 0 = unscoped.
  std::uint16_t ifscope = 0;
};

}  // namespace rtsock::fib
