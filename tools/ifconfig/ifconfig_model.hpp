// ifconfig_model.hpp — the interfaces of rtsockd as ifconfig(8) sees them:
// read from a NET_RT_IFLIST dump (RTM_IFINFO, then RTM_NEWADDR per address),
// with the facts every printer needs (flags, link state, addresses in the
// kernel's order, IPv6 zones as interface names).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/sockaddr.hpp"

namespace ifconfig {

inline constexpr std::uint32_t kIffUp = 0x1;
inline constexpr std::uint32_t kIffBroadcast = 0x2;
inline constexpr std::uint32_t kIffLoopback = 0x8;
inline constexpr std::uint32_t kIffPointopoint = 0x10;
inline constexpr int kIftEther = 0x6;
inline constexpr int kIftL2vlan = 0x87;

enum class Link : std::uint8_t { unknown, down, up };

struct Address {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // network order; bytes[0..3] for IPv4
  std::string text;                      // numeric form, without a zone
  std::uint32_t zone = 0;                // IPv6 scope (interface index), 0 none
  int plen = 0;
  std::optional<std::string> broadcast;  // IPv4 broadcast (broadcast interfaces)
  std::optional<std::string> peer;       // destination (point-to-point interfaces)
  std::uint32_t flags = 0;               // IN6_IFF_* (NetBSD: IN_IFF_* for inet too)
};

struct Interface {
  std::uint16_t index = 0;
  std::string name;
  std::uint32_t flags = 0;
  std::uint32_t mtu = 0;
  std::uint32_t metric = 0;
  int type = 0;
  int link_raw = 0;  // ifi_link_state as the OS numbers it
  Link link = Link::unknown;
  std::vector<std::uint8_t> lladdr;
  std::vector<Address> addrs;  // in the order the kernel keeps them
  std::optional<std::uint32_t> nd6;  // FreeBSD ND6_IFF_* (SIOCGIFINFO_IN6)
};

// ifi_link_state in the personality's numbering, as up/down/unknown.
inline Link link_of(const rtsock::abi::Profile& p, std::int64_t v) {
  using rtsock::abi::LinkStates;
  switch (p.link_states) {
    case LinkStates::none:
      return Link::unknown;
    case LinkStates::openbsd:  // UNKNOWN 0, INVALID 1, DOWN 2, KALIVE_DOWN 3, UP 4, HALF 5, FULL 6
      if (v >= 4 && v <= 6) return Link::up;
      if (v == 2 || v == 3) return Link::down;
      return Link::unknown;
    case LinkStates::bsd:  // UNKNOWN 0, DOWN 1, UP 2
      break;
  }
  if (v == 2) return Link::up;
  if (v == 1) return Link::down;
  return Link::unknown;
}

inline Address address_of(const rtsock::codec::Sockaddr& sa) {
  using rtsock::codec::SaKind;
  Address a;
  a.v6 = sa.kind == SaKind::inet6;
  a.bytes = sa.addr;
  a.zone = a.v6 ? sa.zone() : 0;
  rtsock::codec::Sockaddr plain = sa;
  if (a.v6) {
    plain.scope_id = 0;
    if (plain.kame_zone != 0 || (plain.addr[0] == 0xfe && (plain.addr[1] & 0xc0) == 0x80)) {
      plain.addr[2] = 0;
      plain.addr[3] = 0;
      a.bytes[2] = 0;
      a.bytes[3] = 0;
    }
    plain.kame_zone = 0;
  }
  a.text = rtsock::codec::ip_string(plain);
  return a;
}

// The interfaces in the dump, by index order, or the error of the sysctl.
inline rtsock::Result<std::vector<Interface>> load_interfaces(rtsock::RoutingSocket& rs) {
  using namespace rtsock;
  const abi::Profile& p = rs.profile();
  auto dump = rs.fetch_rib_messages(0, client::net_rt::iflist_of(p));
  if (!dump) return tl::unexpected(dump.error());
  const auto ifinfo = p.type_number("RTM_IFINFO");
  const auto newaddr = p.type_number("RTM_NEWADDR");
  std::vector<Interface> out;
  for (const auto& r : dump->view()) {
    if (!r) continue;
    if (ifinfo && r->type() == *ifinfo) {
      Interface i;
      i.index = static_cast<std::uint16_t>(r->get(abi::Field::index));
      i.flags = static_cast<std::uint32_t>(r->get(abi::Field::flags));
      // NetBSD's ifm_flags is the short if_flags, sign-extended.
      if (p.os == abi::Os::netbsd) i.flags &= 0xffff;
      i.mtu = static_cast<std::uint32_t>(r->get(abi::Field::ifi_mtu));
      i.metric = static_cast<std::uint32_t>(r->get(abi::Field::ifi_metric));
      i.type = static_cast<int>(r->get(abi::Field::ifi_type));
      i.link_raw = static_cast<int>(r->get(abi::Field::ifi_link_state));
      i.link = link_of(p, r->get(abi::Field::ifi_link_state));
      if (r->has_addr(abi::kIfp)) {
        const auto sdl = r->addr(abi::kIfp);
        if (sdl.kind == codec::SaKind::link) {
          i.name = std::string(sdl.link_name());
          const auto ll = sdl.link_addr();
          i.lladdr.assign(ll.begin(), ll.end());
          if (i.type == 0) i.type = sdl.link_type;
        }
      }
      // FreeBSD's ifconfig asks each interface for its nd6 flags.
      if (p.os == abi::Os::freebsd) {
        const auto q = rs.ifconfig({{"op", "nd6_flags"}, {"name", i.name}});
        if (q) i.nd6 = q->value("flags", 0u);
      }
      out.push_back(std::move(i));
      continue;
    }
    if (newaddr && r->type() == *newaddr && !out.empty() && r->has_addr(abi::kIfa)) {
      Interface& i = out.back();
      const auto ifa = r->addr(abi::kIfa);
      if (ifa.kind != codec::SaKind::inet4 && ifa.kind != codec::SaKind::inet6) continue;
      Address a = address_of(ifa);
      a.plen = a.v6 ? 128 : 32;
      if (r->has_addr(abi::kNetmask))
        if (auto pl = codec::prefix_length(r->addr(abi::kNetmask))) a.plen = *pl;
      if (r->has_addr(abi::kBrd)) {
        const auto brd = r->addr(abi::kBrd);
        if (brd.kind == ifa.kind) {
          const Address b = address_of(brd);
          if ((i.flags & kIffPointopoint) != 0)
            a.peer = b.text;
          else
            a.broadcast = b.text;
        }
      }
      // NetBSD's dump carries the address flags (ifam_addrflags); the others'
      // ifconfig asks for each inet6 address (SIOCGIFAFLAG_IN6).
      if (p.os == abi::Os::netbsd) {
        a.flags = static_cast<std::uint32_t>(r->get(abi::Field::addrflags));
      } else if (a.v6) {
        const auto q = rs.ifconfig({{"op", "addr_flags"}, {"name", i.name}, {"addr", a.text}});
        if (q) a.flags = q->value("flags", 0u);
      }
      i.addrs.push_back(std::move(a));
    }
  }
  return out;
}

inline std::string name_of_index(const std::vector<Interface>& ifs, std::uint32_t index) {
  for (const auto& i : ifs)
    if (i.index == index) return i.name;
  return std::to_string(index);
}

inline const Interface* find_interface(const std::vector<Interface>& ifs, std::string_view name) {
  for (const auto& i : ifs)
    if (i.name == name) return &i;
  return nullptr;
}

}  // namespace ifconfig
