// rtsock/codec/nexthop.hpp — FreeBSD 13+ NET_RT_NHOP / NET_RT_NHGRP dump
// records (nhop_ctl.c dump_nhop_entry, nhgrp_ctl.c dump_nhgrp_entry): an
// RTM_GET rt_msghdr, then struct nhop_external + nhop_addrs + two unpadded
// sockaddrs, or struct nhgrp_external + two nhgrp_containers. Decoding only;
// no exceptions.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/sockaddr.hpp"
#include "rtsock/result.hpp"

namespace rtsock::codec {

struct NexthopRecord {
  std::uint32_t rtm_flags = 0;  // the nexthop's rt_flags, OS numbering
  std::uint32_t index = 0, fib = 0, ifindex = 0, aifindex = 0;
  std::uint8_t family = 0;  // nh_family: the upper family
  std::uint16_t type = 0;   // NH_TYPE_*
  std::uint16_t mtu = 0;
  std::uint16_t flags = 0;  // NHF_*
  std::uint64_t pksent = 0, refcount = 0;
  Sockaddr gateway, source;
};

struct NexthopGroupRecord {
  std::uint32_t index = 0, refcount = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> members;  // (nh index, weight)
  std::vector<std::uint32_t> slots;                             // dataplane nexthop indices
};

// Every record of a dump; records of another rtm_version are skipped, as
// netstat does. Errors: truncated, bad_length, sockaddr_overrun.
Result<std::vector<NexthopRecord>> parse_nexthops(const abi::Profile& p,
                                                  std::span<const std::byte> dump);
Result<std::vector<NexthopGroupRecord>> parse_nexthop_groups(const abi::Profile& p,
                                                             std::span<const std::byte> dump);

}  // namespace rtsock::codec
