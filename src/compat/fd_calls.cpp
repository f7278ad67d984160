// Descriptor-level entry points: read and write, close and dup. On a
// routing socket a write is the kernel's route_output (through the side
// channel) and a read gets rtm_errno in the host's numbering; everything
// else goes straight to the C library. The side channel's descriptor is
// invisible to the program.
#include "exports.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdarg>

#include "fds.hpp"
#include "real.hpp"
#include "route_io.hpp"
#include "side.hpp"

namespace compat = rtsock::compat;
namespace real = rtsock::compat::real;
namespace fds = rtsock::compat::fds;
namespace route = rtsock::compat::route;

extern "C" [[noreturn]] void __chk_fail(void);

namespace {

int ebadf() {
  errno = EBADF;
  return -1;
}

ssize_t route_read(int fd, void* buf, std::size_t n) {
  iovec iov{buf, n};
  return route::read_loop(fd, &iov, 1, 0, [&] { return real::read(fd, buf, n); });
}

ssize_t route_write(int fd, const void* buf, std::size_t n) {
  auto rs = fds::route(fd);
  if (!rs) return real::write(fd, buf, n);
  iovec iov{const_cast<void*>(buf), n};
  return route::write(*rs, &iov, 1, 0);
}

int dup_result(int oldfd, int newfd) {
  if (newfd >= 0) fds::copy(oldfd, newfd);
  return newfd;
}

int fcntl_common(int fd, int cmd, void* arg, real::fcntl_fn f) {
  if (fds::is_hidden(fd)) return ebadf();
  const int r = f(fd, cmd, arg);
  if ((cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && r >= 0) fds::copy(fd, r);
  return r;
}

// close_range() that leaves the side channel alone.
int close_range_sparing(unsigned lo, unsigned hi, int flags) {
  const int hidden = fds::hidden_fd();
  int r = 0;
  if (hidden >= 0 && static_cast<unsigned>(hidden) >= lo && static_cast<unsigned>(hidden) <= hi) {
    if (static_cast<unsigned>(hidden) > lo) r = real::close_range(lo, static_cast<unsigned>(hidden) - 1, flags);
    if (r == 0 && static_cast<unsigned>(hidden) < hi)
      r = real::close_range(static_cast<unsigned>(hidden) + 1, hi, flags);
  } else {
    r = real::close_range(lo, hi, flags);
  }
  if (r == 0 && (static_cast<unsigned>(flags) & CLOSE_RANGE_CLOEXEC) == 0) fds::forget_range(lo, hi);
  return r;
}

}  // namespace

RTSOCK_EXPORT ssize_t read(int fd, void* buf, size_t n) {
  real::ensure();
  if (!fds::is_route(fd)) return real::read(fd, buf, n);
  return route_read(fd, buf, n);
}

RTSOCK_EXPORT ssize_t __read_chk(int fd, void* buf, size_t n, size_t buflen) {
  real::ensure();
  if (!fds::is_route(fd)) return real::__read_chk(fd, buf, n, buflen);
  if (n > buflen) __chk_fail();
  return route_read(fd, buf, n);
}

RTSOCK_EXPORT ssize_t write(int fd, const void* buf, size_t n) {
  real::ensure();
  if (!fds::is_route(fd)) return real::write(fd, buf, n);
  return route_write(fd, buf, n);
}

RTSOCK_EXPORT ssize_t readv(int fd, const struct iovec* iov, int iovcnt) {
  real::ensure();
  if (!fds::is_route(fd)) return real::readv(fd, iov, iovcnt);
  return route::read_loop(fd, iov, iovcnt, 0, [&] { return real::readv(fd, iov, iovcnt); });
}

RTSOCK_EXPORT ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
  real::ensure();
  auto rs = fds::is_route(fd) ? fds::route(fd) : nullptr;
  if (!rs) return real::writev(fd, iov, iovcnt);
  if (iovcnt < 0 || iovcnt > IOV_MAX) {
    errno = EINVAL;
    return -1;
  }
  return route::write(*rs, iov, iovcnt, 0);
}

RTSOCK_EXPORT int close(int fd) {
  real::ensure();
  if (fds::is_hidden(fd)) return ebadf();
  fds::forget(fd);
  return real::close(fd);
}

RTSOCK_EXPORT int dup(int fd) noexcept {
  real::ensure();
  if (fds::is_hidden(fd)) return ebadf();
  return dup_result(fd, real::dup(fd));
}

RTSOCK_EXPORT int dup2(int oldfd, int newfd) noexcept {
  real::ensure();
  if (fds::is_hidden(oldfd)) return ebadf();
  compat::side::evacuate(newfd);
  return dup_result(oldfd, real::dup2(oldfd, newfd));
}

RTSOCK_EXPORT int dup3(int oldfd, int newfd, int flags) noexcept {
  real::ensure();
  if (fds::is_hidden(oldfd)) return ebadf();
  compat::side::evacuate(newfd);
  return dup_result(oldfd, real::dup3(oldfd, newfd, flags));
}

RTSOCK_EXPORT int fcntl(int fd, int cmd, ...) {
  real::ensure();
  va_list ap;
  va_start(ap, cmd);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  return fcntl_common(fd, cmd, arg, real::fcntl);
}

RTSOCK_EXPORT int fcntl64(int fd, int cmd, ...) {
  real::ensure();
  va_list ap;
  va_start(ap, cmd);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  return fcntl_common(fd, cmd, arg, real::fcntl64);
}

RTSOCK_EXPORT int close_range(unsigned int lo, unsigned int hi, int flags) noexcept {
  real::ensure();
  return close_range_sparing(lo, hi, flags);
}

RTSOCK_EXPORT void closefrom(int lowfd) noexcept {
  real::ensure();
  if (lowfd < 0) lowfd = 0;
  close_range_sparing(static_cast<unsigned>(lowfd), UINT_MAX, 0);
}
