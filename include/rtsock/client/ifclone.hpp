// rtsock/client/ifclone.hpp — what a BSD kernel makes of a cloned
// interface's name ("ifconfig gif0 create", SIOCIFCREATE): rtsockd's
// ifconfig create request with the type the name implies, and the locally
// administered link address an Ethernet-like clone gets.
#pragma once

#include <cstdint>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace rtsock::client {

// Whose cloners: FreeBSD's tun(4) is IFT_PPP (if_tuntap.c tuncreate); the
// others' tun is IFT_TUNNEL.
enum class CloneOs : std::uint8_t { freebsd, other };

// {"op":"create","name":…,"type":…}; no "type" for Ethernet-like clones
// (bridge, vlan, tap, epair, …), which the daemon creates as ether.
inline nlohmann::json clone_create_request(std::string_view name,
                                           CloneOs os = CloneOs::other) {
  nlohmann::json req = {{"op", "create"}, {"name", std::string(name)}};
  auto starts = [&](std::string_view p) {
    return name.substr(0, p.size()) == p && name.size() > p.size() && name[p.size()] >= '0' &&
           name[p.size()] <= '9';
  };
  if (starts("lo"))
    req["type"] = "loop";
  else if (starts("gif"))
    req["type"] = "gif";
  else if (os == CloneOs::freebsd && starts("tun"))
    req["type"] = "ppp";
  else if (starts("tun") || starts("gre") || starts("ipsec") || starts("wg"))
    req["type"] = "tunnel";
  else if (starts("ppp") || starts("pppoe"))
    req["type"] = "ppp";
  return req;
}

// The name SIOCIFCREATE makes of `name`, as the kernels' cloner lookup
// reads it (docs/research/ifconfig.md, "create"): a driver name of letters,
// then a unit of digits without leading zeros. Without a unit, FreeBSD,
// DragonFly and xnu take the first free one (`wildcard`); OpenBSD and
// NetBSD refuse it. FreeBSD's vlan names (em0.5) are kept whole. The result
// is the name to create, or an errno: EINVAL for a bad name, EEXIST.
struct CloneName {
  std::string name;
  int error = 0;
};
inline CloneName clone_name(std::string_view name, bool wildcard,
                            const std::function<bool(std::string_view)>& exists) {
  constexpr std::size_t kMaxName = 15;  // IFNAMSIZ - 1
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t d = 0;
  while (d < name.size() && letter(name[d])) ++d;
  if (d == 0 || name.size() > kMaxName) return {{}, EINVAL};
  std::string_view unit = name.substr(d), tag;
  if (const auto dot = unit.find('.'); dot != std::string_view::npos && wildcard) {
    tag = unit.substr(dot + 1);
    unit = unit.substr(0, dot);
    if (unit.empty() || tag.empty()) return {{}, EINVAL};
    for (char c : tag)
      if (!digit(c)) return {{}, EINVAL};
  }
  for (char c : unit)
    if (!digit(c)) return {{}, EINVAL};
  if (unit.size() > 1 && unit[0] == '0') return {{}, EINVAL};
  if (!unit.empty()) {
    if (exists(name)) return {{}, EEXIST};
    return {std::string(name), 0};
  }
  if (!wildcard) return {{}, EINVAL};
  for (unsigned u = 0;; ++u) {
    std::string n = std::string(name) + std::to_string(u);
    if (n.size() > kMaxName) return {{}, EINVAL};
    if (!exists(n)) return {std::move(n), 0};
  }
}

// FreeBSD's epair cloner name: "epair" or "epair<unit>" (if_epair.c
// epair_clone_match), which makes the pair epair<unit>a and epair<unit>b.
inline bool is_epair_cloner(std::string_view name) {
  constexpr std::string_view kBase = "epair";
  if (name.substr(0, kBase.size()) != kBase) return false;
  for (char c : name.substr(kBase.size()))
    if (c < '0' || c > '9') return false;
  return true;
}

// A BSD picks a random address for an Ethernet-like clone; rtsock derives
// one from the interface index so that outputs are reproducible.
inline std::string clone_lladdr(std::uint32_t index) {
  char text[18];
  std::snprintf(text, sizeof text, "02:00:00:00:%02x:%02x", (index >> 8) & 0xffu, index & 0xffu);
  return text;
}

}  // namespace rtsock::client
