// rtsock/fib/flags.hpp — the table's own flag sets.
//
// RTF_* numbering differs per OS (abi profiles hold each OS's bits), so the
// table keeps one canonical 64-bit set: FreeBSD's values where FreeBSD has the
// flag, and bits above 31 for flags only other kernels have. The kernel layer
// maps an OS's bits to these by name (`rtf_names`). IFF_* and RTV_* use
// FreeBSD's values in the same way.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace rtsock::fib {

namespace rtf {
inline constexpr std::uint64_t up = 0x1;
inline constexpr std::uint64_t gateway = 0x2;
inline constexpr std::uint64_t host = 0x4;
inline constexpr std::uint64_t reject = 0x8;
inline constexpr std::uint64_t dynamic = 0x10;
inline constexpr std::uint64_t modified = 0x20;
inline constexpr std::uint64_t done = 0x40;
inline constexpr std::uint64_t xresolve = 0x200;
inline constexpr std::uint64_t llinfo = 0x400;
inline constexpr std::uint64_t static_ = 0x800;
inline constexpr std::uint64_t blackhole = 0x1000;
inline constexpr std::uint64_t proto2 = 0x4000;
inline constexpr std::uint64_t proto1 = 0x8000;
inline constexpr std::uint64_t proto3 = 0x40000;
inline constexpr std::uint64_t fixedmtu = 0x80000;
inline constexpr std::uint64_t pinned = 0x100000;
inline constexpr std::uint64_t local = 0x200000;
inline constexpr std::uint64_t broadcast = 0x400000;
inline constexpr std::uint64_t multicast = 0x800000;
inline constexpr std::uint64_t sticky = 0x10000000;
inline constexpr std::uint64_t gwflag_compat = 0x80000000;
// Not in FreeBSD 8+.
inline constexpr std::uint64_t cloning = 1ULL << 32;
inline constexpr std::uint64_t mpath = 1ULL << 33;      // OpenBSD
inline constexpr std::uint64_t connected = 1ULL << 34;  // OpenBSD, NetBSD
inline constexpr std::uint64_t mpls = 1ULL << 35;
inline constexpr std::uint64_t bfd = 1ULL << 36;
inline constexpr std::uint64_t ifscope = 1ULL << 37;  // Darwin
inline constexpr std::uint64_t cloned = 1ULL << 38;
inline constexpr std::uint64_t cached = 1ULL << 39;
inline constexpr std::uint64_t prcloning = 1ULL << 40;
inline constexpr std::uint64_t wascloned = 1ULL << 41;
inline constexpr std::uint64_t delclone = 1ULL << 42;
inline constexpr std::uint64_t noifref = 1ULL << 43;
inline constexpr std::uint64_t condemned = 1ULL << 44;
inline constexpr std::uint64_t ifref = 1ULL << 45;
inline constexpr std::uint64_t proxy = 1ULL << 46;
inline constexpr std::uint64_t router = 1ULL << 47;
inline constexpr std::uint64_t dead = 1ULL << 48;
inline constexpr std::uint64_t global = 1ULL << 49;
inline constexpr std::uint64_t announce = 1ULL << 50;
inline constexpr std::uint64_t src = 1ULL << 51;
inline constexpr std::uint64_t mask = 1ULL << 52;
inline constexpr std::uint64_t updating = 1ULL << 53;
inline constexpr std::uint64_t mplsops = 1ULL << 54;

// Flags RTM_CHANGE may toggle (RTF_FMASK) on FreeBSD and on OpenBSD.
inline constexpr std::uint64_t freebsd_fmask =
    proto1 | proto2 | proto3 | blackhole | reject | static_ | sticky;
inline constexpr std::uint64_t openbsd_fmask =
    llinfo | proto1 | proto2 | proto3 | blackhole | reject | static_ | mpls | bfd;
}  // namespace rtf

namespace iff {
inline constexpr std::uint32_t up = 0x1;
inline constexpr std::uint32_t broadcast = 0x2;
inline constexpr std::uint32_t debug = 0x4;
inline constexpr std::uint32_t loopback = 0x8;
inline constexpr std::uint32_t pointopoint = 0x10;
inline constexpr std::uint32_t running = 0x40;
inline constexpr std::uint32_t noarp = 0x80;
inline constexpr std::uint32_t promisc = 0x100;
inline constexpr std::uint32_t allmulti = 0x200;
inline constexpr std::uint32_t simplex = 0x800;
inline constexpr std::uint32_t link0 = 0x1000;
inline constexpr std::uint32_t link1 = 0x2000;
inline constexpr std::uint32_t link2 = 0x4000;
inline constexpr std::uint32_t multicast = 0x8000;
}  // namespace iff

// rtm_inits / rmx_locks bits (identical on every BSD for 0x1..0x80).
namespace rtv {
inline constexpr std::uint32_t mtu = 0x1;
inline constexpr std::uint32_t hopcount = 0x2;
inline constexpr std::uint32_t expire = 0x4;
inline constexpr std::uint32_t recvpipe = 0x8;
inline constexpr std::uint32_t sendpipe = 0x10;
inline constexpr std::uint32_t ssthresh = 0x20;
inline constexpr std::uint32_t rtt = 0x40;
inline constexpr std::uint32_t rttvar = 0x80;
inline constexpr std::uint32_t weight = 0x100;  // FreeBSD 8+
inline constexpr std::uint32_t all = 0x1ff;
}  // namespace rtv

// OpenBSD route priorities (lower wins).
namespace rtp {
inline constexpr std::uint8_t none = 0;
inline constexpr std::uint8_t local = 1;
inline constexpr std::uint8_t connected = 4;
inline constexpr std::uint8_t static_ = 8;
inline constexpr std::uint8_t default_ = 56;
inline constexpr std::uint8_t max = 63;
inline constexpr std::uint8_t any = 64;
inline constexpr std::uint8_t mask = 0x7f;
inline constexpr std::uint8_t down = 0x80;  // added while the interface is down (rt_if_track)
}  // namespace rtp

// Interface types (IFT_*) the table itself cares about.
namespace ift {
inline constexpr std::uint8_t other = 0x1;
inline constexpr std::uint8_t ether = 0x6;
inline constexpr std::uint8_t ppp = 0x17;
inline constexpr std::uint8_t loop = 0x18;
inline constexpr std::uint8_t gif = 0x37;
inline constexpr std::uint8_t tunnel = 0x83;
inline constexpr std::uint8_t bridge = 0xd1;
inline constexpr std::uint8_t stf = 0xd7;
inline constexpr std::uint8_t pflog = 0xf6;
inline constexpr std::uint8_t pfsync = 0xf7;
inline constexpr std::uint8_t carp = 0xf8;
}  // namespace ift

// FreeBSD's per-interface IPv6 flags (struct nd_ifinfo, ND6_IFF_*), the
// numbers `ifconfig IF inet6 [-]auto_linklocal ...` and SIOCSIFINFO_FLAGS use.
// NetBSD's nd6.h has the same values for 0x1-0x8 and 0x20 (its 0x10 is
// ND6_IFF_OVERRIDE_RTADV; it has none of 0x40-0x100).
namespace nd6 {
inline constexpr std::uint32_t performnud = 0x1;
inline constexpr std::uint32_t accept_rtadv = 0x2;
inline constexpr std::uint32_t prefer_source = 0x4;
inline constexpr std::uint32_t ifdisabled = 0x8;
inline constexpr std::uint32_t dont_set_ifroute = 0x10;
inline constexpr std::uint32_t auto_linklocal = 0x20;
inline constexpr std::uint32_t no_radr = 0x40;
inline constexpr std::uint32_t no_prefer_iface = 0x80;
inline constexpr std::uint32_t no_dad = 0x100;
}  // namespace nd6

// An address's own flags (IfAddress::flags). inet6: the KAME IN6_IFF_*
// every kernel shares (ia6_flags; FreeBSD adds prefer_source); inet4:
// NetBSD 7+'s IN_IFF_* (ia4_flags, for its ARP DAD).
namespace ia6 {
inline constexpr std::uint32_t anycast = 0x1;
inline constexpr std::uint32_t tentative = 0x2;
inline constexpr std::uint32_t duplicated = 0x4;
inline constexpr std::uint32_t detached = 0x8;
inline constexpr std::uint32_t deprecated = 0x10;
inline constexpr std::uint32_t nodad = 0x20;
inline constexpr std::uint32_t autoconf = 0x40;
inline constexpr std::uint32_t temporary = 0x80;
inline constexpr std::uint32_t prefer_source = 0x100;
}  // namespace ia6
namespace ia4 {
inline constexpr std::uint32_t tentative = 0x1;
inline constexpr std::uint32_t duplicated = 0x2;
inline constexpr std::uint32_t detached = 0x4;
}  // namespace ia4

struct FlagName {
  std::uint64_t bit;
  std::string_view name;  // without the RTF_/IFF_/RTV_ prefix, as in the headers
};

// Canonical name of every bit above, for mapping an OS's bits by name.
std::span<const FlagName> rtf_names();
std::span<const FlagName> iff_names();

}  // namespace rtsock::fib
