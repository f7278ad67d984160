// The side channel: one connection per process to rtsockd, private to the
// library, for everything a BSD program does to its routing sockets besides
// reading them — write()'s verdict, socket options, sysctl, interface
// ioctls (docs/protocol.md, attach and write). Requests are synchronous and
// serialised by one lock; a child after fork() opens its own channel, so
// the daemon stamps the child's pid into what it writes.
//
// Functions return 0 or a host errno for the transport (ECONNREFUSED: no
// daemon, with a one-line explanation on stderr; EPROTONOSUPPORT: the
// daemon runs another personality); the daemon's own answer is in Answer
// (OS numbering).
#pragma once

#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fds.hpp"
#include "rtsock/proto/control.hpp"

namespace rtsock::compat::side {

struct Answer {
  int os_error = 0;  // the reply header's error, OS numbering
  std::vector<std::byte> payload;
  nlohmann::json json() const;  // the payload as a JSON object ({} if it is not one)
};

struct Hello {
  std::string personality;
  std::string profile;
  std::uint32_t fibs = 1;
  std::uint32_t dad_count = 1, ip_dad_count = 3;  // net.inet6.ip6 / NetBSD net.inet.ip
  bool privileged = false;
};

// Connects if needed and returns what the daemon said, or a host errno.
int hello(Hello& out);

// A request on the process's own side-channel socket (sysctl, ifconfig).
int request(proto::Op op, const nlohmann::json& req, Answer& out);
// A request on behalf of a routing socket ("handle" added; attaches first).
int request_for(RouteSock& rs, proto::Op op, nlohmann::json req, Answer& out);
// write() on a routing socket: the message gathered from iov; `verdict` is
// what write() returns as errno (OS numbering, 0 = success).
int write(RouteSock& rs, const iovec* iov, int iovcnt, int& verdict);
// Finds a routing socket just connected (its name) and remembers its handle.
int attach(RouteSock& rs);

// The path the library connects to: $RTSOCK_SOCKET or /tmp/rtsockd.sock.
std::string path();

// The program is about to dup2() over descriptor fd: move the channel
// elsewhere first if fd is its.
void evacuate(int fd);

// The process's FIB (FreeBSD setfib(2)) or routing table (OpenBSD
// setrtable(2)): 0 until set, inherited across fork and, through
// $RTSOCK_COMPAT_FIB, exec. The side channel's own socket is kept in it, so
// sysctl dumps without an explicit FIB see that table.
std::uint32_t process_fib();
// Sets it as that OS's system call does: 0 or a host errno (EINVAL for a
// FIB or table that does not exist, EPERM for OpenBSD's unprivileged
// process leaving a table other than 0).
int set_process_fib(int fib);

// For pthread_atfork (installed by the library's constructor).
void install_fork_handlers();

}  // namespace rtsock::compat::side
