// RoutingSocket: socket options, sysctl dumps and rtsockd's own requests.
// On the kernel each is the system call; on rtsockd a control exchange.
#include <sys/socket.h>

#include <cerrno>

#include "host_socket.hpp"
#include "json_fields.hpp"
#include "rtsock/client/routing_socket.hpp"

namespace rtsock::client {
namespace {

namespace jf = json_fields;

tl::unexpected<Error> errno_error(int e) { return tl::unexpected(Error::from_errno(e)); }

// An int / u_int option value as the OS stores it.
std::vector<std::byte> uint_bytes(abi::ByteOrder order, std::uint32_t v) {
  std::vector<std::byte> out(4);
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t shift = order == abi::ByteOrder::little ? 8 * i : 8 * (3 - i);
    out[i] = std::byte(static_cast<std::uint8_t>((v >> shift) & 0xff));
  }
  return out;
}

constexpr int kNetRtIflistl = 5;  // FreeBSD NET_RT_IFLISTL: if_msghdrl / ifa_msghdrl
constexpr int kCtlNet = 4;        // CTL_NET, the same on every BSD

}  // namespace

Result<void> RoutingSocket::setsockopt(int level, int name, std::span<const std::byte> value) {
  if (backend_ == Backend::kernel) return host::set_option(fd_, level, name, value);
  const nlohmann::json req = {{"level", level}, {"name", name}, {"value", proto::to_hex(value)}};
  auto r = control(proto::Op::setsockopt, jf::dump(req));
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<std::vector<std::byte>> RoutingSocket::getsockopt(int level, int name) {
  if (backend_ == Backend::kernel) return host::get_option(fd_, level, name);
  const nlohmann::json req = {{"level", level}, {"name", name}};
  auto payload = control(proto::Op::getsockopt, jf::dump(req));
  if (!payload) return tl::unexpected(payload.error());
  auto j = jf::parse_object(*payload);
  if (!j) return tl::unexpected(j.error());
  auto hex = jf::string(*j, "value");
  if (!hex) return errno_error(EPROTO);
  auto value = proto::from_hex(*hex);
  if (!value) return errno_error(EPROTO);
  return std::move(*value);
}

Result<void> RoutingSocket::set_uint_option(int level, int name, std::uint32_t value) {
  return setsockopt(level, name, uint_bytes(profile_->order, value));
}

Result<void> RoutingSocket::set_daemon_option(std::string_view name, std::uint32_t value) {
  // A JSON number: hex bytes would be read in the personality's byte order.
  const nlohmann::json req = {{"level", "rtsock"}, {"name", std::string(name)}, {"value", value}};
  auto r = control(proto::Op::setsockopt, jf::dump(req));
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<void> RoutingSocket::set_family(int protocol) {
  if (backend_ == Backend::kernel) return errno_error(EOPNOTSUPP);
  auto r = control(proto::Op::socket, jf::dump({{"protocol", protocol}}));
  if (!r) return tl::unexpected(r.error());
  // The daemon opened a new socket: default options, and a new number that
  // HELLO tells. Status reports belong to the connection and stay.
  use_loopback_ = true;
  return hello();
}

Result<void> RoutingSocket::set_use_loopback(bool on) {
  auto r = set_uint_option(sockopt::sol_socket, sockopt::so_useloopback, on ? 1 : 0);
  if (r) use_loopback_ = on;
  return r;
}

Result<void> RoutingSocket::set_fib(std::uint32_t fib) {
  switch (profile_->os) {
    case abi::Os::freebsd:
      return set_uint_option(sockopt::sol_socket, sockopt::so_setfib, fib);
    case abi::Os::openbsd:
      return set_uint_option(sockopt::sol_socket, sockopt::so_rtable, fib);
    default:
      return errno_error(ENOPROTOOPT);
  }
}

Result<void> RoutingSocket::set_rerror(bool on) {
  const std::uint32_t value = on ? 1 : 0;
  const auto& p = *profile_;
  if (p.os == abi::Os::freebsd && p.os_version >= 13)
    return set_uint_option(sockopt::sol_socket, sockopt::so_rerror_freebsd, value);
  if (p.os == abi::Os::netbsd && p.os_version >= 8)
    return set_uint_option(sockopt::sol_socket, sockopt::so_rerror_netbsd, value);
  if (p.os == abi::Os::dragonfly)
    return set_uint_option(sockopt::sol_socket, sockopt::so_rerror_dragonfly, value);
  return errno_error(ENOPROTOOPT);
}

Result<void> RoutingSocket::set_msgfilter(std::span<const std::uint8_t> types) {
  const auto& p = *profile_;
  if (p.os == abi::Os::openbsd) {
    std::uint32_t mask = 0;  // ROUTE_FILTER(type) = 1 << type
    for (std::uint8_t t : types) {
      if (t >= 32) return errno_error(EINVAL);
      mask |= 1u << t;
    }
    return set_uint_option(p.af_route, sockopt::route_msgfilter, mask);
  }
  if (p.os == abi::Os::netbsd) {
    // An array of u_char types; the kernel checks them (EOVERFLOW above 31).
    std::vector<std::byte> value;
    value.reserve(types.size());
    for (std::uint8_t t : types) value.push_back(std::byte{t});
    return setsockopt(p.af_route, sockopt::ro_msgfilter, value);
  }
  return errno_error(ENOPROTOOPT);
}

Result<void> RoutingSocket::set_tablefilter(std::uint32_t table) {
  if (profile_->os != abi::Os::openbsd) return errno_error(ENOPROTOOPT);
  return set_uint_option(profile_->af_route, sockopt::route_tablefilter, table);
}

Result<void> RoutingSocket::set_priofilter(std::uint32_t prio) {
  if (profile_->os != abi::Os::openbsd) return errno_error(ENOPROTOOPT);
  return set_uint_option(profile_->af_route, sockopt::route_priofilter, prio);
}

Result<void> RoutingSocket::set_flagfilter(std::uint32_t rtm_flags) {
  if (profile_->os != abi::Os::openbsd) return errno_error(ENOPROTOOPT);
  return set_uint_option(profile_->af_route, sockopt::route_flagfilter, rtm_flags);
}

Result<void> RoutingSocket::set_receive_buffer(std::uint32_t bytes) {
  // rtsockd takes SO_RCVBUF as the bound of its queue for this connection.
  return set_uint_option(sockopt::sol_socket, sockopt::so_rcvbuf, bytes);
}

Result<void> RoutingSocket::set_status_reports(bool on) {
  if (backend_ == Backend::kernel) return errno_error(EOPNOTSUPP);
  return set_daemon_option("status", on ? 1 : 0);
}

Result<void> RoutingSocket::shutdown_read() {
  if (backend_ == Backend::kernel) {
    if (::shutdown(fd_, SHUT_RD) != 0) return errno_error(errno);
    return {};
  }
  auto r = control(proto::Op::shutdown, jf::dump({{"how", "rd"}}));
  if (!r) return tl::unexpected(r.error());
  return {};
}

namespace {

// {CTL_NET, PF_ROUTE, 0, af, NET_RT_*, arg [, fib]}
std::vector<int> route_mib(const abi::Profile& p, int af, int type, int arg,
                           std::optional<int> fib) {
  std::vector<int> mib = {kCtlNet, p.af_route, 0, af, type, arg};
  if (fib && *fib >= 0) mib.push_back(*fib);
  return mib;
}

}  // namespace

Result<std::vector<std::byte>> RoutingSocket::fetch_rib(int af, int type, int arg,
                                                        std::optional<int> fib) {
  const std::vector<int> mib = route_mib(*profile_, af, type, arg, fib);
  if (backend_ == Backend::kernel) return host::read_sysctl(mib);
  // The sizing call first, as a BSD program's sysctl(NULL) would: a large
  // dump then lands in one buffer allocated once (a doubling buffer copies
  // and faults in as much again). Its cost is one round trip.
  const std::size_t expect = rib_size(af, type, arg, fib).value_or(0);
  return control(proto::Op::sysctl, jf::dump({{"mib", mib}}), expect);
}

Result<std::size_t> RoutingSocket::rib_size(int af, int type, int arg, std::optional<int> fib) {
  const std::vector<int> mib = route_mib(*profile_, af, type, arg, fib);
  if (backend_ == Backend::kernel) {
    auto dump = host::read_sysctl(mib);
    if (!dump) return tl::unexpected(dump.error());
    return dump->size();
  }
  auto j = control_json(proto::Op::sysctl, {{"mib", mib}, {"size_only", true}});
  if (!j) return tl::unexpected(j.error());
  auto size = jf::integer_as<std::size_t>(*j, "size");
  if (!size) return errno_error(EPROTO);
  return *size;
}

Result<RibDump> RoutingSocket::fetch_rib_messages(int af, int type, int arg,
                                                  std::optional<int> fib) {
  auto bytes = fetch_rib(af, type, arg, fib);
  if (!bytes) return tl::unexpected(bytes.error());
  codec::ParseOptions opt;
  opt.long_if = profile_->os == abi::Os::freebsd && type == kNetRtIflistl;
  return RibDump(std::move(*bytes), *profile_, opt);
}

Result<std::vector<codec::NexthopRecord>> RoutingSocket::fetch_nexthops(int af, int fib) {
  auto bytes = fetch_rib(af, net_rt::nhop_freebsd, 0, fib);
  if (!bytes) return tl::unexpected(bytes.error());
  return codec::parse_nexthops(*profile_, *bytes);
}

Result<std::vector<codec::NexthopGroupRecord>> RoutingSocket::fetch_nexthop_groups(int af,
                                                                                   int fib) {
  auto bytes = fetch_rib(af, net_rt::nhgrp_freebsd, 0, fib);
  if (!bytes) return tl::unexpected(bytes.error());
  return codec::parse_nexthop_groups(*profile_, *bytes);
}

Result<nlohmann::json> RoutingSocket::ifconfig(const nlohmann::json& request) {
  return control_json(proto::Op::ifconfig, request);
}

Result<nlohmann::json> RoutingSocket::inject(const nlohmann::json& request) {
  return control_json(proto::Op::inject, request);
}

Result<nlohmann::json> RoutingSocket::stats() {
  return control_json(proto::Op::stats, nlohmann::json::object());
}

}  // namespace rtsock::client
