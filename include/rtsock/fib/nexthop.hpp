// rtsock/fib/nexthop.hpp — FreeBSD 13+ nexthop objects and nexthop groups
// (nhop_ctl.c, nhgrp_ctl.c) as the table keeps them: what routes share,
// their indices and reference counts. No wire formats here.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "rtsock/fib/addr.hpp"
#include "rtsock/fib/route.hpp"

namespace rtsock::fib {

// One nexthop of a (FIB, family): shared by every route with the same
// gateway, interfaces, source address, MTU and nexthop flags.
struct NexthopInfo {
  std::uint32_t index = 0;  // nh_idx: lowest free index >= 1 at creation
  Gateway gateway;          // a link gateway keeps only index and type
  std::uint16_t ifindex = 0;   // nh_ifp: the transmit interface
  std::uint16_t aifindex = 0;  // nh_aifp: the source address's interface
  std::optional<Addr> ifa;     // nh_ifa's address
  std::uint32_t mtu = 0;
  std::uint64_t flags = 0;     // rt_flags of the nexthop (rtf::*, NHOP_RT_FLAG_MASK bits)
  bool default_route = false;  // NHF_DEFAULT: the nexthop of a /0 (not host) route
  std::uint32_t refcount = 0;  // single-path routes and groups holding it
  std::uint64_t pksent = 0;    // packets sent by the routes using it

  friend bool operator==(const NexthopInfo&, const NexthopInfo&) = default;
};

// One nexthop group (a multipath route's set of paths) of a (FIB, family).
struct NexthopGroupInfo {
  std::uint32_t index = 0;     // nhg_idx: its own index space, lowest free >= 1
  std::uint32_t refcount = 0;  // routes (prefixes) using it
  // (nexthop index, weight), by nexthop index: the control-plane list.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> members;
  // The compiled dataplane array: nexthop indices, each repeated by weight.
  std::vector<std::uint32_t> slots;

  friend bool operator==(const NexthopGroupInfo&, const NexthopGroupInfo&) = default;
};

// nhgrp_ctl.c calc_min_mpath_slots + compile_nhgrp: the dataplane array of
// a member list (at most 64 slots, RIB_MAX_MPATH_WIDTH).
std::vector<std::uint32_t> compile_group(
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& members);

}  // namespace rtsock::fib
