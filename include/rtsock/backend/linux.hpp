// rtsock/backend/linux.hpp — a host Linux kernel's tables as the engine's
// table, through rtnetlink (libmnl): the routes, links and addresses of the
// network namespace, in the personality's BSD face (docs/linux-backend.md).
//
//   kernel::Options opt{.personality = "openbsd"};
//   opt.table = [](const fib::Config& c) { return backend::open_linux(c, {}); };
//   auto eng = kernel::Engine::create(opt);
//
// Requests become RTM_NEWROUTE/DELROUTE/NEWLINK/NEWADDR… and the kernel's
// verdict is the request's; changes by anyone else arrive through
// event_fd()/poll() as change records. FIB n is table n (0: main and local).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "rtsock/backend/table.hpp"

namespace rtsock::backend {

struct LinuxOptions {
  // A namespace file (/run/netns/NAME, /proc/PID/ns/net); empty: the
  // namespace the process runs in.
  std::string netns;
  // Interface names as the personality shows them: Linux name -> BSD name.
  std::map<std::string, std::string> ifnames;
  // Bytes asked for the notification socket's receive buffer.
  std::size_t rcvbuf = 4u << 20;
};

// Opens the namespace's tables and reads them whole. Errors: the namespace
// file's (ENOENT, EPERM…), or the kernel's to a dump.
Result<std::unique_ptr<Table>> open_linux(const fib::Config& config, const LinuxOptions& options);

}  // namespace rtsock::backend
