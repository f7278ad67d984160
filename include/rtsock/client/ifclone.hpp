// rtsock/client/ifclone.hpp — what a BSD kernel makes of a cloned
// interface's name ("ifconfig gif0 create", SIOCIFCREATE): rtsockd's
// ifconfig create request with the type the name implies, and the locally
// administered link address an Ethernet-like clone gets.
#pragma once

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace rtsock::client {

// {"op":"create","name":…,"type":…}; no "type" for Ethernet-like clones
// (bridge, vlan, tap, epair, …), which the daemon creates as ether.
inline nlohmann::json clone_create_request(std::string_view name) {
  nlohmann::json req = {{"op", "create"}, {"name", std::string(name)}};
  auto starts = [&](std::string_view p) {
    return name.substr(0, p.size()) == p && name.size() > p.size() && name[p.size()] >= '0' &&
           name[p.size()] <= '9';
  };
  if (starts("lo"))
    req["type"] = "loop";
  else if (starts("gif"))
    req["type"] = "gif";
  else if (starts("tun") || starts("gre") || starts("ipsec") || starts("wg"))
    req["type"] = "tunnel";
  else if (starts("ppp") || starts("pppoe"))
    req["type"] = "ppp";
  return req;
}

// A BSD picks a random address for an Ethernet-like clone; rtsock derives
// one from the interface index so that outputs are reproducible.
inline std::string clone_lladdr(std::uint32_t index) {
  char text[18];
  std::snprintf(text, sizeof text, "02:00:00:00:%02x:%02x", (index >> 8) & 0xffu, index & 0xffu);
  return text;
}

}  // namespace rtsock::client
