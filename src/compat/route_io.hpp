// A BSD program's routing socket: socket(PF_ROUTE, ...), its writes (the
// verdict through the side channel), what reads return (rtm_errno in the
// host's numbering, SO_RERROR's overflow as ENOBUFS), its options.
#pragma once

#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "fds.hpp"

namespace rtsock::compat::route {

// socket(PF_ROUTE, type, protocol) with the program's type flags
// (SOCK_NONBLOCK, SOCK_CLOEXEC) and OS-numbered protocol; fd or -1/errno.
int open(int type, int protocol);

// write(), send(), writev(): the whole message or -1 with the kernel's errno.
ssize_t write(RouteSock& rs, const iovec* iov, int iovcnt, int flags);

// A read of `n` bytes into iov has returned: rewrites rtm_errno, turns the
// daemon's overflow notice into ENOBUFS. Returns what the call returns; -2
// when the packet was the library's and the read must be repeated.
ssize_t after_read(int fd, ssize_t n, const iovec* iov, int iovcnt, int flags);

// A read call on a routing socket (any of read, recv, recvfrom, recvmsg,
// readv) through one function: repeats after_read's -2.
template <class Read>
ssize_t read_loop(int fd, const iovec* iov, int iovcnt, int flags, Read&& read) {
  for (;;) {
    const ssize_t n = read();
    if (n < 0) return n;
    const ssize_t r = after_read(fd, n, iov, iovcnt, flags);
    if (r != -2) return r;
  }
}

// The source address of what a routing socket reads: {sa_len 2, PF_ROUTE}.
void source_address(sockaddr* from, socklen_t* len);

int setsockopt(int fd, RouteSock& rs, int level, int name, const void* val, socklen_t len);
int getsockopt(int fd, RouteSock& rs, int level, int name, void* val, socklen_t* len);
int shutdown(int fd, RouteSock& rs, int how);

}  // namespace rtsock::compat::route
