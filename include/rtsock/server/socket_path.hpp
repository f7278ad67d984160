// rtsock/server/socket_path.hpp — where rtsockd listens, by one rule that the
// daemon, the client library and the tools share: $RTSOCK_SOCKET when it is
// set and not empty, else /tmp/rtsockd.sock. Header-only, so that a client
// need not link the daemon's library to find it.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

namespace rtsock::server {

inline constexpr std::string_view kSocketPathVariable = "RTSOCK_SOCKET";
inline constexpr std::string_view kFallbackSocketPath = "/tmp/rtsockd.sock";

inline std::string default_socket_path() {
  const char* env = std::getenv(kSocketPathVariable.data());
  if (env != nullptr && *env != '\0') return env;
  return std::string(kFallbackSocketPath);
}

}  // namespace rtsock::server
