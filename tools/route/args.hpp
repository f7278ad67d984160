// route(8)'s argument grammar: `add|delete|change|get [modifiers] args`
// turned into the routing message the command writes.
//
// The parser is pure: the daemon's facts it needs (FIB count, interface
// lookup, the clock) come in an Env, so the fuzz target and the unit tests
// drive it without a socket. Keywords come from one table, filtered by the
// dialect (OpenBSD's -mpath, macOS's -ifscope), as route(8)'s keywords.h.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "cli.hpp"
#include "rtsock/codec/message.hpp"

namespace rtsock::route {

enum class Kw : std::uint8_t {
  none,
  // commands
  add,
  change,
  del,
  delete_,
  flush,
  get,
  monitor,
  show,
  list,
  dump,
  decode,
  flushall,
  // families
  k4,
  k6,
  inet,
  inet6,
  link,
  sa,
  // address modifiers
  net,
  host,
  netmask,
  prefixlen,
  dst,
  gateway,
  genmask,
  ifa,
  ifp,
  iface,
  interface,
  // flags
  static_,
  nostatic,
  reject,
  blackhole,
  xresolve,
  proto1,
  proto2,
  proto3,
  proxy,
  sticky,
  nostick,
  cloning,
  llinfo,
  mpath,
  // metrics
  mtu,
  hopcount,
  expire,
  recvpipe,
  sendpipe,
  ssthresh,
  rtt,
  rttvar,
  weight,
  lock,
  lockrest,
  // per OS
  fib,
  priority,
  label,
  ifscope,
  bfd,
  nobfd,
  // NetBSD's flag negations and RTF_CONNECTED
  noreject,
  noblackhole,
  noproxy,
  nocloning,
  connected,
};

// The keyword `word` names in this dialect (Kw::none when it has none).
Kw keyword(Dialect d, std::string_view word);

enum class Verb : std::uint8_t { add, del, change, get };

struct Env {
  const abi::Profile* profile = nullptr;
  Dialect dialect = Dialect::freebsd;
  int numfibs = 1;  // net.fibs (-1: unknown)
  int defaultfib = 0;
  std::int64_t now = 0;  // for relative -expire
  // An interface's link sockaddr by name (-interface NAME, -ifscope,
  // fe80::1%NAME); nullopt when there is no such interface.
  std::function<std::optional<codec::Sockaddr>(std::string_view)> find_link;
};

// One add/delete/change/get, ready to send.
struct Request {
  Verb verb = Verb::get;
  std::string word;    // the command as typed ("del", "show")
  codec::Message msg;  // type, flags, addresses, metrics, inits, locks
  bool is_host = false;
  std::string dest;  // the destination and gateway as typed
  std::string gateway;
  std::vector<int> fibs;  // FreeBSD -fib list, in order; never empty
  int af = 0;             // the address family used (host AF_* value of the profile)
};

// Parses argv from the command word on. Errors carry route(8)'s message
// and exit status (usage: 64, bad address: 68, ...).
tl::expected<Request, Exit> parse_route(const Options& opt, const Env& env,
                                        std::span<const std::string> args);

// The usage text of the dialect (with the "route: " prefix where route(8)
// prints one), newline-terminated.
std::string usage_text(Dialect d);
// usage(cp) of route(8): "bad keyword" first when cp is given.
Exit usage_exit(Dialect d, std::optional<std::string_view> bad_keyword = std::nullopt);

// FreeBSD's -fib list: "1,3-5", "all", "default".
std::optional<std::vector<int>> parse_fib_list(std::string_view arg, int numfibs, int defaultfib);

// inet_aton(3) and inet_network(3) as the BSD libc reads them
// ("128.32" = 128.0.0.32; inet_network("128.32") = 0x8020).
std::optional<std::uint32_t> inet_aton_bsd(std::string_view s);
std::optional<std::uint32_t> inet_network_bsd(std::string_view s);

}  // namespace rtsock::route
