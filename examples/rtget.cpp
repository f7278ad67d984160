// rtget: the route to an address, as `route -n get` prints it.
//
//   rtget [-s PATH | -k] [-F FIB] ADDRESS
//
// One RTM_GET through RoutingSocket::request(), which matches the reply by
// pid and seq however many other messages the socket receives meanwhile.
#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "rtsock/client/routing_socket.hpp"
#include "rtsock/codec/render.hpp"
#include "rtsock/codec/sockaddr.hpp"

namespace {

int usage() {
  fmt::print(stderr, "usage: rtget [-s PATH | -k] [-F FIB] ADDRESS\n");
  return 2;
}

// The bit a profile names `name` (RTF_* without the prefix), or 0.
std::uint32_t flag_bit(const rtsock::abi::BitNames& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return 1u << i;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rtsock;
  std::optional<std::string> path;
  bool kernel = false;
  std::optional<std::uint32_t> fib;
  std::string_view address;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "-s" && i + 1 < argc) {
      path = argv[++i];
    } else if (a == "-k") {
      kernel = true;
    } else if (a == "-F" && i + 1 < argc) {
      fib = static_cast<std::uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (!a.empty() && a[0] != '-' && address.empty()) {
      address = a;
    } else {
      return usage();
    }
  }
  if (address.empty()) return usage();

  auto rs = kernel ? RoutingSocket::open_kernel()
            : path ? RoutingSocket::connect(*path)
                   : RoutingSocket::connect();
  if (!rs) {
    fmt::print(stderr, "rtget: cannot open a routing socket: {}\n", rs.error().message());
    return 1;
  }
  if (fib) {
    if (auto r = rs->set_fib(*fib); !r) {
      fmt::print(stderr, "rtget: fib {}: {}\n", *fib, r.error().message());
      return 1;
    }
  }
  const abi::Profile& p = rs->profile();
  auto dst = codec::Sockaddr::parse_ip(address);
  if (!dst) {
    fmt::print(stderr, "rtget: {}: not an IPv4 or IPv6 address\n", address);
    return 2;
  }

  auto get = codec::Message::make(p, *p.type_number("RTM_GET"));
  get.set(abi::Field::flags,
          flag_bit(p.rtf, "UP") | flag_bit(p.rtf, "HOST") | flag_bit(p.rtf, "STATIC"));
  get.set_addr(abi::kDst, *dst);
  // An empty link sockaddr asks the kernel for the interface (as route(8) does).
  get.set_addr(abi::kIfp, codec::Sockaddr::link(0, 0));
  auto reply = rs->request(get);
  if (!reply) {
    fmt::print(stderr, "rtget: {}: {}\n", address, reply.error().message());
    return 1;
  }

  fmt::print("   route to: {}\n", address);
  if (const auto* sa = reply->addr(abi::kDst))
    fmt::print("destination: {}\n", codec::route_name(p, *sa));
  if (const auto* sa = reply->addr(abi::kNetmask))
    fmt::print("       mask: {}\n", codec::route_name(p, *sa));
  if (const auto* sa = reply->addr(abi::kGateway))
    fmt::print("    gateway: {}\n", codec::route_name(p, *sa));
  if (fib) fmt::print("        fib: {}\n", *fib);
  if (const auto* sa = reply->addr(abi::kIfp); sa != nullptr && !sa->link_name().empty())
    fmt::print("  interface: {}\n", sa->link_name());
  const auto flags = static_cast<std::uint64_t>(reply->get(abi::Field::flags));
  fmt::print("      flags: <{}>\n", codec::flag_list(p.rtf, flags));
  fmt::print("        mtu: {}\n", reply->get(abi::Field::rmx_mtu));
  return 0;
}
