// Private: route(8)'s own tables and quirks per OS, used by monitor_text.
//
// route(8) spells some names differently from the kernel headers (PTP for
// IFF_POINTOPOINT), lists bits in its own order and has its own message-type
// strings; the tables here are route(8)'s, not the profile's. Which route(8)
// applies is decided by the profile's OS (and FreeBSD/NetBSD version); the
// facts are in docs/research/route-monitor.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/abi/profile.hpp"

namespace rtsock::codec::detail {

struct NamedBit {
  int bit;  // 1-based bit number, as in printb's "\1UP\2GATEWAY" strings
  std::string name;
};
using BitTable = std::vector<NamedBit>;  // in route(8)'s string order

// Which print_rtmsg() the OS's route(8) runs.
enum class Printer : std::uint8_t {
  freebsd,     // FreeBSD rtsock monitor (also HP-UX, with the profile's tables)
  openbsd,
  darwin,
  netbsd,      // route.c 1.165: snprintb flags, pid/addrflags in address messages
  netbsd_old,  // route.c 1.151 (NetBSD 6-7): bprintf flags, "none" for 0
  dragonfly,
};

// Which routename() it runs.
enum class Names : std::uint8_t {
  freebsd_old,  // FreeBSD <= 9: "default" substitutions, KAME scopes, link_ntoa only
  freebsd,      // FreeBSD >= 10: getnameinfo, no "default" with -n, link#N
  openbsd,
  darwin,
  netbsd,
  dragonfly,
};

struct MonitorStyle {
  Printer printer = Printer::freebsd;
  Names names = Names::freebsd;
  // msgtypes[] indexed by rtm_type; nullopt is a NULL entry. Types past the
  // end are handled as route(8) does for that OS.
  std::vector<std::optional<std::string>> msgtypes;
  BitTable routeflags, ifnetflags, addrnames, metricnames;
  BitTable in_ifflags, in6_ifflags;          // NetBSD addrflags
  BitTable ieee80211flags, ieee80211xflags;  // OpenBSD RTM_80211INFO
  // FreeBSD lineage.
  bool resolve_check = true;   // >= 11: only types <= RTM_RESOLVE are route messages
  bool walk_all_bits = false;  // <= 9: pmsg_addrs walks all 32 bits
  bool kind_dispatch = false;  // HP-UX: branches follow the profile's header kinds
  bool atalk = false;          // AF_APPLETALK (16) printed as "atalk net.node"
  bool link_ff_none = false;   // sdl lengths of 0xff count as 0 for "link#N"
  std::uint8_t ift_carp = 0;   // IFT_CARP for ether_ntoa (0: no ether_ntoa)
};

const MonitorStyle& monitor_style(const abi::Profile& p);

// A sockaddr inside a message: its bytes up to the end of the message. Reads
// past the end give 0, as they would from a zeroed read buffer.
struct SaRef {
  std::span<const std::uint8_t> b;
  int family = -1;  // overrides sa_family (OpenBSD's netmask fix-up)

  std::uint8_t at(std::size_t i) const { return i < b.size() ? b[i] : 0; }
  std::uint8_t len() const { return at(0); }
  std::uint8_t fam() const { return family >= 0 ? static_cast<std::uint8_t>(family) : at(1); }
};

// route(8)'s routename() with -n, for the style's OS.
std::string routename(const MonitorStyle& st, const abi::Profile& p, const SaRef& sa);
// NetBSD netmask_string(mask, -1, family).
std::string netbsd_netmask(const SaRef& mask, int family, const abi::Profile& p);
// getnameinfo(NI_NUMERICHOST) of a whole sockaddr_in6, without KAME fix-ups.
std::string sin6_numeric(const SaRef& sa, const abi::Profile& p);
// "%02x:%02x:%02x:%02x:%02x:%02x" of six bytes from `off`.
std::string ether_text(const SaRef& sa, std::size_t off);

}  // namespace rtsock::codec::detail
