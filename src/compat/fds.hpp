// Which descriptors are routing sockets, and which one is the library's own.
//
// A routing socket is a real AF_UNIX SOCK_SEQPACKET connection to rtsockd,
// bound to an abstract address "\0rtsock-compat/<pid>/<n>/<random>" that
// names it to the daemon (and to this library again after exec). Dups and
// forks share the RouteSock. The side channel's descriptor is hidden: the
// program cannot close or dup over it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace rtsock::compat {

struct RouteSock {
  std::string name;           // the abstract address, without the NUL
  int protocol = 0;           // socket(PF_ROUTE, SOCK_RAW, protocol), OS numbering
  // The daemon's handle for it on the side channel of generation `gen`.
  std::uint32_t handle = 0;
  std::uint64_t gen = 0;
};

namespace fds {

// Fast test: is fd a routing socket? (one load for fds below 65536)
bool is_route(int fd);
std::shared_ptr<RouteSock> route(int fd);
void set_route(int fd, std::shared_ptr<RouteSock> rs);
// fd was closed (or is about to be reused): forget it.
void forget(int fd);
// newfd now refers to what oldfd refers to (dup, dup2, F_DUPFD).
void copy(int oldfd, int newfd);

// Every routing socket in [lo, hi] was closed.
void forget_range(unsigned lo, unsigned hi);

// The side channel's descriptor (one per process, -1 when none).
bool is_hidden(int fd);
void set_hidden(int fd, bool on);
int hidden_fd();

// After exec: recognise inherited routing sockets by their bound address.
void adopt_inherited();

}  // namespace fds
}  // namespace rtsock::compat
