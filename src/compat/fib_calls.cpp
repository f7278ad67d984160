// The process's FIB or routing table: FreeBSD's setfib(2), OpenBSD's
// getrtable(2)/setrtable(2). The library keeps it (side.cpp): routing
// sockets opened afterwards start in it, sysctl dumps without an explicit
// FIB read it, and fork and exec keep it.
#include "exports.hpp"

#include <cerrno>

#include "runtime.hpp"
#include "side.hpp"

namespace {

int result(int e) {
  if (e == 0) return 0;
  errno = e;
  return -1;
}

}  // namespace

RTSOCK_EXPORT int setfib(int fib) noexcept { return result(rtsock::compat::side::set_process_fib(fib)); }

RTSOCK_EXPORT int setrtable(int table) noexcept { return result(rtsock::compat::side::set_process_fib(table)); }

RTSOCK_EXPORT int getrtable(void) noexcept { return static_cast<int>(rtsock::compat::side::process_fib()); }
