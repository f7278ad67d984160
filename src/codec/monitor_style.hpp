// Private: route(8)'s own name tables and quirks per OS, used by monitor_text.
// route(8) spells some names differently from the kernel headers (PTP for
// IFF_POINTOPOINT) and lists bits in its own order; the tables keep both.
#pragma once

#include <string_view>
#include <vector>

#include "rtsock/abi/profile.hpp"

namespace rtsock::codec::detail {

struct NamedBit {
  int bit;  // 1-based bit number, as in printb's "\1UP\2GATEWAY" strings
  std::string_view name;
};

struct MonitorStyle {
  std::vector<NamedBit> routeflags, ifnetflags, addrnames, metricnames;
  bool openbsd = false;         // priority/table/fmask lines, mtu in IFINFO
  bool ifscope = false;         // macOS: "ifscope N, " for RTF_IFSCOPE routes
  bool announce_name = false;   // "name X, " in RTM_IFANNOUNCE lines
};

const MonitorStyle& monitor_style(const abi::Profile& p);

}  // namespace rtsock::codec::detail
