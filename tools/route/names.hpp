// Address texts of netstat(1) and route(8) flush: network names with their
// masks ("10/8", "10.0.0.0/8", "fe80::%lo0/64"), interface names by index.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "session.hpp"

namespace rtsock::route {

// Interface index -> name, from NET_RT_IFLIST.
using IfNames = std::map<std::uint32_t, std::string>;
IfNames interface_names(Session& s);

// An inet/inet6 address as text, with an IPv6 zone as "%ifname".
std::string numeric(const codec::Sockaddr& sa, const IfNames& ifs);

// FreeBSD route(8)'s netname(): trailing zero octets dropped ("10",
// "192.168.1"), "default" for 0.0.0.0.
std::string netname_short(const Session& s, const codec::Sockaddr& sa, const IfNames& ifs);
// OpenBSD/NetBSD netname(): "10/8", "192.168.1/24", "default".
std::string netname_bits(const codec::Sockaddr& sa, const codec::Sockaddr* mask,
                         const IfNames& ifs);
// FreeBSD netstat's netname(): "10.0.0.0/8", "default", "fe80::%lo0/64".
std::string netname_full(const codec::Sockaddr& sa, const codec::Sockaddr* mask,
                         const IfNames& ifs);

}  // namespace rtsock::route
