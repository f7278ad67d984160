// The host kernel's routing socket, on BSD hosts; everywhere else each call
// fails (EAFNOSUPPORT to open, EOPNOTSUPP otherwise), since there is no
// PF_ROUTE to talk to. Kept apart so that the rest of the client compiles
// and is tested the same on every host.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rtsock/abi/profile.hpp"
#include "rtsock/result.hpp"

namespace rtsock::client::host {

// socket(PF_ROUTE, SOCK_RAW, protocol), close-on-exec.
Result<int> open_route_socket(int protocol);
// The profile of the ABI this program was compiled for (null off BSDs).
const abi::Profile* profile();
Result<void> set_option(int fd, int level, int name, std::span<const std::byte> value);
Result<std::vector<std::byte>> get_option(int fd, int level, int name);
// sysctl(3) read of a whole table, retried while it grows.
Result<std::vector<std::byte>> read_sysctl(std::span<const int> mib);

}  // namespace rtsock::client::host
