// rtsock/abi/field.hpp — the names of every header field any BSD puts in a
// routing message. A profile's layout says which of them a header has, where,
// and how wide; a decoded message stores them in one array indexed by Field.
#pragma once

#include <cstdint>
#include <string_view>

namespace rtsock::abi {

enum class Field : std::uint8_t {
  // Common header.
  msglen, version, type, hdrlen, index, tableid, priority, mpls, flags, xflags, addrs,
  pid, seq, err, fmask, use, inits,
  // Darwin rt_msghdr2 / ifma_msghdr2.
  refcnt, parentflags, reserved,
  // ifa_msghdr.
  metric, addrflags,
  // if_announcemsghdr (the name is stored apart).
  what,
  // FreeBSD if_msghdrl / ifa_msghdrl.
  data_off,
  // Darwin if_msghdr2.
  snd_len, snd_maxlen, snd_drops, timer,
  // struct rt_metrics.
  rmx_locks, rmx_mtu, rmx_hopcount, rmx_expire, rmx_recvpipe, rmx_sendpipe, rmx_ssthresh,
  rmx_rtt, rmx_rttvar, rmx_pksent, rmx_weight, rmx_nhidx, rmx_state, rmx_refcnt, rmx_mssopt,
  rmx_msl, rmx_iwmaxsegs, rmx_iwcapsegs,
  // struct if_data (offsets relative to the start of if_data).
  ifi_type, ifi_typelen, ifi_physical, ifi_addrlen, ifi_hdrlen, ifi_link_state, ifi_vhid,
  ifi_baudrate_pf, ifi_recvquota, ifi_xmitquota, ifi_datalen, ifi_mtu, ifi_metric, ifi_rdomain,
  ifi_baudrate, ifi_ipackets, ifi_ierrors, ifi_opackets, ifi_oerrors, ifi_collisions, ifi_ibytes,
  ifi_obytes, ifi_imcasts, ifi_omcasts, ifi_iqdrops, ifi_oqdrops, ifi_noproto, ifi_hwassist,
  ifi_capabilities, ifi_recvtiming, ifi_xmittiming, ifi_epoch, ifi_lastchange_sec,
  ifi_lastchange_usec, ifi_lastchange_nsec,
  count_
};

inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::count_);

constexpr std::size_t idx(Field f) { return static_cast<std::size_t>(f); }

// The C member name without its struct prefix: "pid", "rmx_mtu", "ifi_ipackets".
std::string_view field_name(Field f);

inline bool is_metric(Field f) { return f >= Field::rmx_locks && f <= Field::rmx_iwcapsegs; }
inline bool is_if_data(Field f) { return f >= Field::ifi_type && f <= Field::ifi_lastchange_nsec; }

}  // namespace rtsock::abi
