// The 2015 RouteViews table shipped by Debian's python3-pyasn (606,138 IPv4 +
// 27,693 IPv6 prefixes), as prefixes and as the NET_RT_DUMP a FreeBSD 14
// amd64 kernel would return for it.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/codec/marshal.hpp"
#include "rtsock/codec/message.hpp"

namespace rtsock::bench {

inline constexpr const char* kPyasnTable = "/usr/lib/python3/dist-packages/data/ipasn6_20151101.dat.gz";

struct Prefix {
  codec::Sockaddr addr;
  int plen;
};

// Reads the table through gzip; nullopt when the package is not installed.
inline std::optional<std::vector<Prefix>> load_pyasn(const char* path = kPyasnTable) {
  if (std::FILE* f = std::fopen(path, "rb")) std::fclose(f);
  else return std::nullopt;
  const std::string cmd = std::string("gzip -dc ") + path;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return std::nullopt;
  std::vector<Prefix> out;
  char line[256];
  while (std::fgets(line, sizeof line, p)) {
    if (line[0] == ';') continue;
    std::string s(line);
    const auto slash = s.find('/');
    const auto tab = s.find('\t');
    if (slash == std::string::npos || tab == std::string::npos || tab < slash) continue;
    auto a = codec::Sockaddr::parse_ip(s.substr(0, slash));
    if (!a) continue;
    out.push_back({*a, std::stoi(s.substr(slash + 1, tab - slash - 1))});
  }
  ::pclose(p);
  return out;
}

// One RTM_GET per route, as sysctl NET_RT_DUMP lays them out on FreeBSD 14:
// DST, GATEWAY, NETMASK (none for host routes), IFP, IFA.
inline std::vector<std::byte> build_dump(const abi::Profile& p, const std::vector<Prefix>& table) {
  using codec::SaKind;
  using codec::Sockaddr;
  std::vector<std::byte> buf;
  buf.reserve(table.size() * 300);
  const std::array<std::uint8_t, 6> mac{0x58, 0x9c, 0xfc, 0x00, 0x12, 0x34};
  Sockaddr ifp = Sockaddr::link(1, 6, "vtnet0", mac);
  ifp.wire_len = 56;  // if_attach rounds the interface's sockaddr_dl to 56
  const Sockaddr gw4 = *Sockaddr::parse_ip("192.0.2.1"), ifa4 = *Sockaddr::parse_ip("192.0.2.10");
  const Sockaddr gw6 = *Sockaddr::parse_ip("2001:db8::1"), ifa6 = *Sockaddr::parse_ip("2001:db8::10");
  for (const auto& r : table) {
    const bool v6 = r.addr.kind == SaKind::inet6;
    auto m = codec::Message::make(p, 4);
    const bool host = r.plen == (v6 ? 128 : 32);
    m.set(abi::Field::flags, 0x1 | 0x2 | 0x40 | 0x800 | (host ? 0x4 : 0));
    m.set(abi::Field::index, 1);
    m.set(abi::Field::rmx_mtu, 1500);
    m.set(abi::Field::rmx_weight, 1);
    m.set_addr(abi::kDst, r.addr);
    m.set_addr(abi::kGateway, v6 ? gw6 : gw4);
    if (!host) m.set_addr(abi::kNetmask, Sockaddr::mask(r.addr.kind, r.plen));
    m.set_addr(abi::kIfp, ifp);
    m.set_addr(abi::kIfa, v6 ? ifa6 : ifa4);
    (void)codec::marshal(p, m, buf, {.sysctl = true});
  }
  return buf;
}

}  // namespace rtsock::bench
