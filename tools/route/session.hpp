// route(8)'s connection to a routing socket and its commands.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "args.hpp"
#include "cli.hpp"
#include "rtsock/client/routing_socket.hpp"

namespace rtsock::route {

struct Session {
  Options opt;
  Dialect dialect = Dialect::freebsd;
  const abi::Profile* profile = nullptr;
  std::optional<RoutingSocket> rs;  // absent with -d/-t and no daemon
  int numfibs = 1;

  const abi::Profile& p() const { return *profile; }
  Env env();
  // The routing sockaddr of interface `name` (from NET_RT_IFLIST).
  std::optional<codec::Sockaddr> find_link(std::string_view name);
  // route(8)'s routename(): "default" for the zero address unless -n.
  std::string name(const codec::Sockaddr& sa) const;
};

// Each returns the process exit status; args[0] is the command word.
int cmd_newroute(Session& s, std::span<const std::string> args);
int cmd_flush(Session& s, std::span<const std::string> args);
int cmd_monitor(Session& s, std::span<const std::string> args);
int cmd_list(Session& s, std::span<const std::string> args);
int cmd_dump(Session& s, std::span<const std::string> args);

// Prints an Exit (stdout part first) and returns its status.
int finish(const Exit& e);

}  // namespace rtsock::route
