// rtsock/codec/message.hpp — a routing message as an owning value.
//
// Header fields live in one array indexed by abi::Field; which of them a
// message has is decided by the profile's layout for `kind`. Fields the layout
// does not have stay zero. Derived fields (msglen, addrs, hdrlen, data_off) are
// recomputed by marshal and ignored by operator==.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/sockaddr.hpp"

namespace rtsock::codec {

// Whether the last sockaddr is padded to the alignment unit in rtm_msglen.
enum class LastPad : std::uint8_t {
  automatic,  // the kernel's rule for this type (Darwin rt_msg1: unpadded)
  padded,
  unpadded,
};

struct Message {
  abi::HdrKind kind = abi::HdrKind::route;
  std::uint8_t type = 0;
  std::array<std::int64_t, abi::kFieldCount> f{};
  std::string name;              // if_announcemsghdr ifan_name
  std::uint32_t present = 0;     // bit i: slot i holds a sockaddr
  std::array<Sockaddr, abi::kMaxSlots> sa{};
  LastPad last_pad = LastPad::automatic;
  std::vector<std::uint8_t> hdr_extra;  // header bytes past the layout (OpenBSD hdrlen)
  std::vector<std::uint8_t> tail;       // bytes after the last sockaddr within msglen
  std::vector<std::uint8_t> body;       // kind none: everything after the first 4 bytes

  // A message of `type` with the header the profile uses for it and the
  // profile's RTM_VERSION filled in (long_if: FreeBSD *l headers).
  static Message make(const abi::Profile& p, std::uint8_t type, bool long_if = false);

  std::int64_t get(abi::Field x) const { return f[abi::idx(x)]; }
  void set(abi::Field x, std::int64_t v) { f[abi::idx(x)] = v; }
  bool has(int slot) const { return (present >> slot) & 1u; }
  const Sockaddr* addr(int slot) const { return has(slot) ? &sa[static_cast<std::size_t>(slot)] : nullptr; }
  void set_addr(int slot, const Sockaddr& s) {
    sa[static_cast<std::size_t>(slot)] = s;
    present |= 1u << slot;
  }
  void clear_addr(int slot) {
    sa[static_cast<std::size_t>(slot)] = Sockaddr{};
    present &= ~(1u << slot);
  }

  friend bool operator==(const Message& a, const Message& b);
};

bool is_derived(abi::Field f);

// The kernel's rule for the last sockaddr: Darwin's rt_msg1 (every message it
// generates but RTM_GET/RTM_GET2 replies and sysctl dumps) leaves it unpadded.
bool kernel_unpadded(const abi::Profile& p, std::uint8_t type, bool sysctl);

}  // namespace rtsock::codec
