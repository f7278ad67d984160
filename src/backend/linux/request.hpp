// rtnetlink requests, built with libmnl: routes (described as the kernel
// reports them, message.hpp's Route), links and addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"

struct nlmsghdr;

namespace rtsock::backend::rtnl {

// One request under construction, in 4-byte-aligned memory.
class Request {
 public:
  Request();
  nlmsghdr* header() { return nlh_; }

 private:
  std::vector<std::uint32_t> buf_;
  nlmsghdr* nlh_;
};

// RTM_NEWROUTE / RTM_DELROUTE for route r (zones stripped; oif carries
// them). expires: seconds (IPv6's RTA_EXPIRES), 0 for none.
Request route_request(std::uint16_t type, std::uint16_t flags, const Route& r,
                      std::uint32_t expires);

// RTM_NEWLINK (create or set) and RTM_DELLINK.
struct LinkSpec {
  int index = 0;      // 0 when creating
  std::string name;   // IFLA_IFNAME
  std::string kind;   // IFLA_INFO_KIND when creating
  std::string peer;   // veth: the peer's name (empty: the kernel's choice)
  std::uint32_t flags = 0, change = 0;  // ifi_flags / ifi_change (Linux IFF_*)
  std::optional<std::uint32_t> mtu;
  std::optional<std::vector<std::uint8_t>> lladdr;
  std::optional<bool> carrier;
};
Request link_request(std::uint16_t type, std::uint16_t flags, const LinkSpec& l);

// RTM_NEWADDR / RTM_DELADDR (zones stripped).
Request addr_request(std::uint16_t type, std::uint16_t flags, const Address& a);

}  // namespace rtsock::backend::rtnl
