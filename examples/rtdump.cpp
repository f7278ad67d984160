// rtdump: the routing table from sysctl NET_RT_DUMP, one route a line
// (netstat -rn's columns), or as `route decode -j` JSON.
//
//   rtdump [-s PATH | -k] [-4 | -6] [-F FIB] [-j]
#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/render.hpp"
#include "rtsock/codec/sockaddr.hpp"

namespace {

int usage() {
  fmt::print(stderr, "usage: rtdump [-s PATH | -k] [-4 | -6] [-F FIB] [-j]\n");
  return 2;
}

// Interface names by index, from NET_RT_IFLIST (an RTM_IFINFO's RTA_IFP).
std::map<std::int64_t, std::string> interface_names(rtsock::RoutingSocket& rs) {
  std::map<std::int64_t, std::string> names;
  auto dump = rs.fetch_rib_messages(0, rtsock::client::net_rt::iflist);
  if (!dump) return names;
  for (const auto& r : dump->view()) {
    // RTM_IFINFO and RTM_NEWADDR both name the interface of their index.
    if (!r || !r->has_addr(rtsock::abi::kIfp)) continue;
    const auto sa = r->addr(rtsock::abi::kIfp);
    if (sa.kind == rtsock::codec::SaKind::link && !sa.link_name().empty())
      names.emplace(r->get(rtsock::abi::Field::index), std::string(sa.link_name()));
  }
  return names;
}

std::string destination(const rtsock::abi::Profile& p, const rtsock::codec::MessageView& m) {
  using namespace rtsock;
  if (!m.has_addr(abi::kDst)) return "-";
  const auto dst = m.addr(abi::kDst);
  std::string text = codec::route_name(p, dst);
  if (m.has_addr(abi::kNetmask) && text != "default") {
    if (auto plen = codec::prefix_length(m.addr(abi::kNetmask))) text += fmt::format("/{}", *plen);
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rtsock;
  std::optional<std::string> path;
  bool kernel = false, json = false;
  char family = 0;
  std::optional<int> fib;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "-s" && i + 1 < argc) {
      path = argv[++i];
    } else if (a == "-k") {
      kernel = true;
    } else if (a == "-4" || a == "-6") {
      family = a[1];
    } else if (a == "-F" && i + 1 < argc) {
      fib = std::atoi(argv[++i]);
    } else if (a == "-j") {
      json = true;
    } else {
      return usage();
    }
  }

  auto rs = kernel ? RoutingSocket::open_kernel()
            : path ? RoutingSocket::connect(*path)
                   : RoutingSocket::connect();
  if (!rs) {
    fmt::print(stderr, "rtdump: cannot open a routing socket: {}\n", rs.error().message());
    return 1;
  }
  const abi::Profile& p = rs->profile();
  const int af = family == '4' ? p.af_inet : family == '6' ? p.af_inet6 : 0;
  auto dump = rs->fetch_rib_messages(af, client::net_rt::dump, 0, fib);
  if (!dump) {
    fmt::print(stderr, "rtdump: sysctl NET_RT_DUMP: {}\n", dump.error().message());
    return 1;
  }

  const auto ifnames = json ? std::map<std::int64_t, std::string>{} : interface_names(*rs);
  if (!json) fmt::print("{:<28} {:<28} {:<24} {}\n", "Destination", "Gateway", "Flags", "Netif");
  int status = 0;
  for (const auto& r : dump->view()) {
    if (!r) {
      fmt::print(stderr, "rtdump: message at offset {}: {}\n", r.error().offset(),
                 r.error().message());
      status = 1;
      continue;
    }
    if (json) {
      fmt::print("{}\n", codec::message_json(p, r->to_message()).dump());
      continue;
    }
    const std::string gateway =
        r->has_addr(abi::kGateway) ? codec::route_name(p, r->addr(abi::kGateway)) : "-";
    const auto flags = static_cast<std::uint64_t>(r->get(abi::Field::flags));
    const auto index = r->get(abi::Field::index);
    const auto name = ifnames.find(index);
    fmt::print("{:<28} {:<28} {:<24} {}\n", destination(p, *r), gateway,
               codec::flag_list(p.rtf, flags),
               name != ifnames.end() ? name->second : fmt::format("#{}", index));
  }
  return status;
}
