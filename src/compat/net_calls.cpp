// The socket API. Routing sockets are answered here (through route_io);
// other sockets get BSD sockaddrs and AF numbers translated when the call
// comes from compat code, and nothing else changes.
#include "exports.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "fds.hpp"
#include "real.hpp"
#include "route_io.hpp"
#include "runtime.hpp"
#include "sockaddr.hpp"

namespace compat = rtsock::compat;
namespace real = rtsock::compat::real;
namespace fds = rtsock::compat::fds;
namespace route = rtsock::compat::route;

extern "C" [[noreturn]] void __chk_fail(void);

namespace {

constexpr int kBsdSolSocket = 0xffff;
constexpr int kSoSetfib = 0x1014, kSoRtable = 0x1021, kSoUseLoopback = 0x40;

int fail(int e) {
  errno = e;
  return -1;
}

std::shared_ptr<compat::RouteSock> routing(int fd) {
  real::ensure();
  return fds::is_route(fd) ? fds::route(fd) : nullptr;
}

// Calls f(sockaddr*, socklen_t) with `sa` in Linux's layout.
template <class F>
auto with_host_sa(int fd, const sockaddr* sa, socklen_t len, F&& f) -> decltype(f(sa, len)) {
  if (sa == nullptr || len == 0) return f(sa, len);
  sockaddr_storage host;
  if (!compat::sa_to_host(fd, sa, len, host)) return -1;
  return f(reinterpret_cast<const sockaddr*>(&host), len);
}

// Calls f(sockaddr*, socklen_t*) and turns what the kernel wrote into BSD's
// layout (in place when the program's buffer holds the family).
template <class F>
auto with_bsd_out(sockaddr* sa, socklen_t* len, F&& f) {
  if (sa == nullptr || len == nullptr) return f(sa, len);
  const socklen_t cap = *len;
  if (cap >= 2) {
    auto r = f(sa, len);
    if (r >= 0) compat::sa_from_host_inplace(sa, std::min(cap, *len), *len);
    return r;
  }
  sockaddr_storage tmp{};
  socklen_t tl = sizeof tmp;
  auto r = f(reinterpret_cast<sockaddr*>(&tmp), &tl);
  if (r >= 0) compat::sa_copy_out(tmp, tl, sa, len);
  return r;
}

ssize_t route_recvmsg(int fd, msghdr* msg, int flags) {
  const socklen_t namecap = msg->msg_name != nullptr ? msg->msg_namelen : 0;
  const ssize_t n = route::read_loop(fd, msg->msg_iov, static_cast<int>(msg->msg_iovlen), flags,
                                     [&] { return real::recvmsg(fd, msg, flags); });
  if (n >= 0 && msg->msg_name != nullptr) {
    socklen_t l = namecap;
    route::source_address(static_cast<sockaddr*>(msg->msg_name), &l);
    msg->msg_namelen = l;
  }
  return n;
}

ssize_t route_recvfrom(int fd, void* buf, size_t n, int flags, sockaddr* from, socklen_t* fromlen) {
  iovec iov{buf, n};
  const ssize_t r = route::read_loop(fd, &iov, 1, flags, [&] { return real::recv(fd, buf, n, flags); });
  if (r >= 0) route::source_address(from, fromlen);
  return r;
}

ssize_t compat_recvfrom(int fd, void* buf, size_t n, int flags, sockaddr* from, socklen_t* fromlen) {
  return with_bsd_out(from, fromlen, [&](sockaddr* a, socklen_t* l) {
    return real::recvfrom(fd, buf, n, flags, a, l);
  });
}

}  // namespace

RTSOCK_EXPORT int socket(int domain, int type, int protocol) noexcept {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::socket(domain, type, protocol);
  if (domain == compat::profile().af_route) {
    const compat::Internal internal;
    return route::open(type, protocol);
  }
  const int host = compat::af_to_host(domain);
  if (host < 0) return fail(EAFNOSUPPORT);
  return real::socket(host, type, protocol);
}

RTSOCK_EXPORT int socketpair(int domain, int type, int protocol, int sv[2]) noexcept {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::socketpair(domain, type, protocol, sv);
  const int host = compat::af_to_host(domain);
  if (host < 0 || domain == compat::profile().af_route) return fail(EAFNOSUPPORT);
  return real::socketpair(host, type, protocol, sv);
}

RTSOCK_EXPORT int bind(int fd, const sockaddr* sa, socklen_t len) noexcept {
  if (routing(fd)) return fail(EINVAL);
  if (!RTSOCK_COMPAT_CALLER()) return real::bind(fd, sa, len);
  return with_host_sa(fd, sa, len, [&](const sockaddr* a, socklen_t l) { return real::bind(fd, a, l); });
}

RTSOCK_EXPORT int connect(int fd, const sockaddr* sa, socklen_t len) {
  if (routing(fd)) return fail(EINVAL);
  if (!RTSOCK_COMPAT_CALLER()) return real::connect(fd, sa, len);
  return with_host_sa(fd, sa, len, [&](const sockaddr* a, socklen_t l) { return real::connect(fd, a, l); });
}

RTSOCK_EXPORT int accept(int fd, sockaddr* sa, socklen_t* len) {
  if (routing(fd)) return fail(EOPNOTSUPP);
  if (!RTSOCK_COMPAT_CALLER()) return real::accept(fd, sa, len);
  return with_bsd_out(sa, len, [&](sockaddr* a, socklen_t* l) { return real::accept(fd, a, l); });
}

RTSOCK_EXPORT int accept4(int fd, sockaddr* sa, socklen_t* len, int flags) {
  if (routing(fd)) return fail(EOPNOTSUPP);
  if (!RTSOCK_COMPAT_CALLER()) return real::accept4(fd, sa, len, flags);
  return with_bsd_out(sa, len, [&](sockaddr* a, socklen_t* l) { return real::accept4(fd, a, l, flags); });
}

RTSOCK_EXPORT int getsockname(int fd, sockaddr* sa, socklen_t* len) noexcept {
  if (routing(fd)) {
    if (len == nullptr) return fail(EFAULT);
    route::source_address(sa, len);
    return 0;
  }
  if (!RTSOCK_COMPAT_CALLER()) return real::getsockname(fd, sa, len);
  return with_bsd_out(sa, len, [&](sockaddr* a, socklen_t* l) { return real::getsockname(fd, a, l); });
}

RTSOCK_EXPORT int getpeername(int fd, sockaddr* sa, socklen_t* len) noexcept {
  if (routing(fd)) return fail(ENOTCONN);
  if (!RTSOCK_COMPAT_CALLER()) return real::getpeername(fd, sa, len);
  return with_bsd_out(sa, len, [&](sockaddr* a, socklen_t* l) { return real::getpeername(fd, a, l); });
}

RTSOCK_EXPORT ssize_t send(int fd, const void* buf, size_t n, int flags) {
  if (auto rs = routing(fd)) {
    iovec iov{const_cast<void*>(buf), n};
    return route::write(*rs, &iov, 1, flags);
  }
  return real::send(fd, buf, n, flags);
}

RTSOCK_EXPORT ssize_t sendto(int fd, const void* buf, size_t n, int flags, const sockaddr* to,
                             socklen_t tolen) {
  if (auto rs = routing(fd)) {
    iovec iov{const_cast<void*>(buf), n};
    return route::write(*rs, &iov, 1, flags);
  }
  if (to == nullptr || !RTSOCK_COMPAT_CALLER()) return real::sendto(fd, buf, n, flags, to, tolen);
  return with_host_sa(fd, to, tolen, [&](const sockaddr* a, socklen_t l) {
    return real::sendto(fd, buf, n, flags, a, l);
  });
}

RTSOCK_EXPORT ssize_t sendmsg(int fd, const msghdr* msg, int flags) {
  if (auto rs = routing(fd)) {
    if (msg == nullptr) return fail(EFAULT);
    return route::write(*rs, msg->msg_iov, static_cast<int>(msg->msg_iovlen), flags);
  }
  if (msg == nullptr || msg->msg_name == nullptr || !RTSOCK_COMPAT_CALLER())
    return real::sendmsg(fd, msg, flags);
  sockaddr_storage host;
  if (!compat::sa_to_host(fd, static_cast<const sockaddr*>(msg->msg_name), msg->msg_namelen, host))
    return -1;
  msghdr copy = *msg;
  copy.msg_name = &host;
  return real::sendmsg(fd, &copy, flags);
}

RTSOCK_EXPORT ssize_t recv(int fd, void* buf, size_t n, int flags) {
  if (routing(fd)) {
    iovec iov{buf, n};
    return route::read_loop(fd, &iov, 1, flags, [&] { return real::recv(fd, buf, n, flags); });
  }
  return real::recv(fd, buf, n, flags);
}

RTSOCK_EXPORT ssize_t __recv_chk(int fd, void* buf, size_t n, size_t buflen, int flags) {
  if (!routing(fd)) return real::__recv_chk(fd, buf, n, buflen, flags);
  if (n > buflen) __chk_fail();
  iovec iov{buf, n};
  return route::read_loop(fd, &iov, 1, flags, [&] { return real::recv(fd, buf, n, flags); });
}

RTSOCK_EXPORT ssize_t recvfrom(int fd, void* buf, size_t n, int flags, sockaddr* from, socklen_t* fromlen) {
  if (routing(fd)) return route_recvfrom(fd, buf, n, flags, from, fromlen);
  if (from == nullptr || !RTSOCK_COMPAT_CALLER()) return real::recvfrom(fd, buf, n, flags, from, fromlen);
  return compat_recvfrom(fd, buf, n, flags, from, fromlen);
}

RTSOCK_EXPORT ssize_t __recvfrom_chk(int fd, void* buf, size_t n, size_t buflen, int flags, sockaddr* from,
                                     socklen_t* fromlen) {
  if (n > buflen && (routing(fd) || (from != nullptr && RTSOCK_COMPAT_CALLER()))) __chk_fail();
  if (routing(fd)) return route_recvfrom(fd, buf, n, flags, from, fromlen);
  if (from == nullptr || !RTSOCK_COMPAT_CALLER())
    return real::__recvfrom_chk(fd, buf, n, buflen, flags, from, fromlen);
  return compat_recvfrom(fd, buf, n, flags, from, fromlen);
}

RTSOCK_EXPORT ssize_t recvmsg(int fd, msghdr* msg, int flags) {
  if (routing(fd)) {
    if (msg == nullptr) return fail(EFAULT);
    return route_recvmsg(fd, msg, flags);
  }
  if (msg == nullptr || msg->msg_name == nullptr || !RTSOCK_COMPAT_CALLER())
    return real::recvmsg(fd, msg, flags);
  const socklen_t cap = msg->msg_namelen;
  const ssize_t r = real::recvmsg(fd, msg, flags);
  if (r >= 0) compat::sa_from_host_inplace(msg->msg_name, std::min(cap, msg->msg_namelen), msg->msg_namelen);
  return r;
}

RTSOCK_EXPORT int setsockopt(int fd, int level, int name, const void* val, socklen_t len) noexcept {
  if (auto rs = routing(fd)) {
    const compat::Internal internal;
    return route::setsockopt(fd, *rs, level, name, val, len);
  }
  if (RTSOCK_COMPAT_CALLER() && (level == SOL_SOCKET || level == kBsdSolSocket)) {
    // One FIB carries the program's real traffic: setting it is a no-op.
    if (name == kSoSetfib || name == kSoRtable) return 0;
    if (name == kSoUseLoopback || level == kBsdSolSocket) return fail(ENOPROTOOPT);
  }
  return real::setsockopt(fd, level, name, val, len);
}

RTSOCK_EXPORT int getsockopt(int fd, int level, int name, void* val, socklen_t* len) noexcept {
  if (auto rs = routing(fd)) {
    const compat::Internal internal;
    return route::getsockopt(fd, *rs, level, name, val, len);
  }
  const int r = real::getsockopt(fd, level, name, val, len);
  if (r == 0 && level == SOL_SOCKET && name == SO_DOMAIN && val != nullptr && len != nullptr &&
      *len >= sizeof(int) && RTSOCK_COMPAT_CALLER()) {
    int af = 0;
    std::memcpy(&af, val, sizeof af);
    const int bsd = compat::af_from_host(af);
    if (bsd >= 0) std::memcpy(val, &bsd, sizeof bsd);
  }
  return r;
}

RTSOCK_EXPORT int shutdown(int fd, int how) noexcept {
  if (auto rs = routing(fd)) {
    const compat::Internal internal;
    return route::shutdown(fd, *rs, how);
  }
  return real::shutdown(fd, how);
}
