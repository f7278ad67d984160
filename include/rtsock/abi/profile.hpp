// rtsock/abi/profile.hpp — per-OS routing-socket ABIs as data.
//
// A Profile describes one kernel ABI completely: byte order, RTM_VERSION,
// sockaddr alignment, address-family numbers, message type numbering and the
// header each type uses, the byte layout of every header, and the names of
// flags, address slots and metrics. The codec is one engine driven by these
// tables; nothing in it tests for an OS by name except where a kernel's rule
// cannot be expressed as data (see the bool switches below).
//
// Profiles: "freebsd" (= freebsd14-amd64), "freebsd<N>-<arch>" for N = 7..15
// and arch amd64, i386, arm64, i386-on-amd64 (a 32-bit process on a 64-bit
// kernel sees the amd64 layout on the socket), "darwin", "openbsd", "netbsd"
// (8+), "netbsd7", "dragonfly" (5.8+), "dragonfly56", "hpux". Every name also
// takes a "-be" or "-le" suffix selecting that byte order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/abi/field.hpp"

namespace rtsock::abi {

enum class Os : std::uint8_t { freebsd, darwin, openbsd, netbsd, dragonfly, hpux };
enum class ByteOrder : std::uint8_t { little, big };

// The header a message type is carried in.
enum class HdrKind : std::uint8_t {
  none,        // unknown to the profile: kept as opaque bytes
  route,       // rt_msghdr
  route2,      // Darwin rt_msghdr2
  ifinfo,      // if_msghdr
  ifinfol,     // FreeBSD if_msghdrl (NET_RT_IFLISTL)
  ifinfo2,     // Darwin if_msghdr2
  ifaddr,      // ifa_msghdr
  ifaddrl,     // FreeBSD ifa_msghdrl (NET_RT_IFLISTL)
  ifaddr_old,  // NetBSD 6-7 ifa_msghdr, kept by NetBSD 8+ for RTM_O*ADDR
  ifmaddr,     // ifma_msghdr
  ifmaddr2,    // Darwin ifma_msghdr2
  announce,    // if_announcemsghdr
  count_
};
inline constexpr std::size_t kHdrKinds = static_cast<std::size_t>(HdrKind::count_);
std::string_view hdr_kind_name(HdrKind k);

// How a netmask taken from the routing table looks on the wire.
enum class MaskForm : std::uint8_t {
  compressed,  // radix key form: sa_len up to the last non-zero byte, family 0
  full,        // a complete sockaddr_in/in6 with the family set
};

// Address slots (RTAX_*). Their names differ beyond BRD; see Profile::rta.
inline constexpr int kMaxSlots = 16;
enum Slot : int { kDst = 0, kGateway, kNetmask, kGenmask, kIfp, kIfa, kAuthor, kBrd };

struct FieldLoc {
  Field field;
  std::uint16_t off;   // from the message start, or from if_data when in_data
  std::uint8_t size;   // 1, 2, 4 or 8 bytes
  bool is_signed;
  bool in_data;
};

struct Layout {
  HdrKind kind = HdrKind::none;
  std::uint16_t size = 0;       // sizeof the header; sockaddrs follow it
  std::uint16_t data_off = 0;   // where if_data starts, for in_data fields
  std::uint16_t data_size = 0;  // sizeof if_data (0: none)
  std::uint16_t name_off = 0;   // if_announcemsghdr name
  std::uint8_t name_len = 0;
  // The header says where sockaddrs start (OpenBSD rtm_hdrlen, FreeBSD
  // ifm_len); absent fields mean the fixed size applies.
  std::optional<Field> hdrlen_field;
  std::optional<Field> data_off_field;  // FreeBSD *l: where if_data starts
  std::vector<FieldLoc> fields;
  // fields' position + 1 per Field (0: absent), once index() has run: every
  // message read or built looks fields up, so find() must not scan.
  std::array<std::uint8_t, kFieldCount> at{};
  bool indexed = false;

  bool present() const { return size != 0; }
  // Builds `at`; a layout changed afterwards must be indexed again.
  void index();
  const FieldLoc* find(Field f) const;
  bool has(Field f) const { return find(f) != nullptr; }
};

struct TypeInfo {
  std::string_view name;         // "RTM_ADD"; empty when the number is unused
  std::string_view description;  // route(8) monitor text: "Add Route"
  HdrKind hdr = HdrKind::none;
};

// A bit name table: names[i] names bit (1 << i); empty = unnamed.
using BitNames = std::array<std::string_view, 32>;

enum class LinkStates : std::uint8_t { none, bsd, openbsd };

struct Profile {
  std::string name;
  std::string summary;
  Os os = Os::freebsd;
  int os_version = 0;  // FreeBSD major / DragonFly 56, 58 / NetBSD 7, 8; 0 = n/a
  bool lp64 = true;
  ByteOrder order = ByteOrder::little;
  std::uint8_t rtm_version = 5;
  std::uint8_t sa_align = 8;   // sockaddr rounding unit on the wire
  std::uint8_t rtax_max = 8;   // address slots the kernel knows
  std::uint8_t af_inet = 2;
  std::uint8_t af_inet6 = 28;
  std::uint8_t af_link = 18;
  std::uint8_t af_route = 17;
  int eopnotsupp = 45;
  std::uint8_t sdl_size = 54;  // sizeof(struct sockaddr_dl)
  // NetBSD's kernel writes sockaddr_dl at sockaddr_dl_measure(): sdl_len =
  // 8 + name + address, never padded up to sizeof(struct sockaddr_dl).
  bool sdl_compact = false;
  MaskForm mask_form = MaskForm::compressed;
  // Darwin rt_msg1: kernel-generated messages count the last sockaddr
  // unpadded in rtm_msglen.
  bool last_sa_unpadded = false;
  // sysctl dumps pad each message to this unit (FreeBSD/OpenBSD ALIGN); 0: none.
  std::uint8_t sysctl_align = 0;
  LinkStates link_states = LinkStates::bsd;
  bool assumed = false;  // constants not published by the vendor (HP-UX)

  std::array<TypeInfo, 256> types{};
  BitNames rtf{};    // RTF_* without prefix
  BitNames iff{};    // IFF_* without prefix
  BitNames rta{};    // RTA_* without prefix (slot names)
  BitNames rtv{};    // RTV_* without prefix
  std::array<Layout, kHdrKinds> layouts{};

  const Layout& layout(HdrKind k) const { return layouts[static_cast<std::size_t>(k)]; }
  const TypeInfo& type_info(std::uint8_t t) const { return types[t]; }
  // The header of a type; with long_if, FreeBSD's IFINFO/NEWADDR map to the
  // if_msghdrl/ifa_msghdrl forms of NET_RT_IFLISTL.
  HdrKind header_of(std::uint8_t type, bool long_if = false) const;
  // The type number of a name ("RTM_ADD" or "ADD"), if this OS has it.
  std::optional<std::uint8_t> type_number(std::string_view name) const;
  bool mask_slot(int slot) const;  // NETMASK, GENMASK, OpenBSD SRCMASK
};

// Every profile, base names first (no byte-order suffix variants).
const std::vector<Profile>& profiles();
// Looks a profile up by name; accepts the "-be"/"-le" suffix and "freebsd".
const Profile* find_profile(std::string_view name);
const Profile& default_profile();  // freebsd14-amd64

std::string_view os_name(Os os);

}  // namespace rtsock::abi
