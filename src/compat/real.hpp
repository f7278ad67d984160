// The C library's own entry points, found behind ours with dlsym(RTLD_NEXT).
// The compat library defines socket(), write(), … itself, so every call it
// makes for its own work goes through these pointers, never by name.
#pragma once

#include <dirent.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <atomic>

namespace rtsock::compat::real {

#define RTSOCK_REAL_FUNCTIONS(X)                                                          \
  X(socket, int, (int, int, int))                                                         \
  X(socketpair, int, (int, int, int, int*))                                               \
  X(bind, int, (int, const sockaddr*, socklen_t))                                         \
  X(connect, int, (int, const sockaddr*, socklen_t))                                      \
  X(accept, int, (int, sockaddr*, socklen_t*))                                            \
  X(accept4, int, (int, sockaddr*, socklen_t*, int))                                      \
  X(getsockname, int, (int, sockaddr*, socklen_t*))                                       \
  X(getpeername, int, (int, sockaddr*, socklen_t*))                                       \
  X(send, ssize_t, (int, const void*, size_t, int))                                       \
  X(sendto, ssize_t, (int, const void*, size_t, int, const sockaddr*, socklen_t))         \
  X(sendmsg, ssize_t, (int, const msghdr*, int))                                          \
  X(recv, ssize_t, (int, void*, size_t, int))                                             \
  X(recvfrom, ssize_t, (int, void*, size_t, int, sockaddr*, socklen_t*))                  \
  X(recvmsg, ssize_t, (int, msghdr*, int))                                                \
  X(read, ssize_t, (int, void*, size_t))                                                  \
  X(write, ssize_t, (int, const void*, size_t))                                           \
  X(readv, ssize_t, (int, const iovec*, int))                                             \
  X(writev, ssize_t, (int, const iovec*, int))                                            \
  X(__read_chk, ssize_t, (int, void*, size_t, size_t))                                    \
  X(__recv_chk, ssize_t, (int, void*, size_t, size_t, int))                               \
  X(__recvfrom_chk, ssize_t, (int, void*, size_t, size_t, int, sockaddr*, socklen_t*))    \
  X(setsockopt, int, (int, int, int, const void*, socklen_t))                             \
  X(getsockopt, int, (int, int, int, void*, socklen_t*))                                  \
  X(shutdown, int, (int, int))                                                            \
  X(close, int, (int))                                                                    \
  X(dup, int, (int))                                                                      \
  X(dup2, int, (int, int))                                                                \
  X(dup3, int, (int, int, int))                                                           \
  X(fcntl, int, (int, int, ...))                                                          \
  X(fcntl64, int, (int, int, ...))                                                        \
  X(close_range, int, (unsigned, unsigned, int))                                          \
  X(closefrom, void, (int))                                                               \
  X(ioctl, int, (int, unsigned long, ...))                                                \
  X(getaddrinfo, int, (const char*, const char*, const addrinfo*, addrinfo**))            \
  X(getnameinfo, int, (const sockaddr*, socklen_t, char*, socklen_t, char*, socklen_t, int)) \
  X(inet_ntop, const char*, (int, const void*, char*, socklen_t))                         \
  X(inet_pton, int, (int, const char*, void*))                                            \
  X(gethostbyname2, hostent*, (const char*, int))                                         \
  X(gethostbyaddr, hostent*, (const void*, socklen_t, int))                               \
  X(getifaddrs, int, (ifaddrs**))                                                         \
  X(freeifaddrs, void, (ifaddrs*))                                                        \
  X(if_nametoindex, unsigned, (const char*))                                              \
  X(if_indextoname, char*, (unsigned, char*))                                             \
  X(if_nameindex, struct if_nameindex*, (void))                                                  \
  X(if_freenameindex, void, (struct if_nameindex*))

#define RTSOCK_REAL_DECLARE(name, ret, args) \
  using name##_fn = ret(*) args;             \
  extern name##_fn name;
RTSOCK_REAL_FUNCTIONS(RTSOCK_REAL_DECLARE)
#undef RTSOCK_REAL_DECLARE

// Fills the pointers (idempotent, thread-safe). Called by the library's
// constructor and by any entry point that runs before it.
void resolve();
extern std::atomic<bool> resolved;
inline void ensure() {
  if (!resolved.load(std::memory_order_acquire)) resolve();
}

}  // namespace rtsock::compat::real
