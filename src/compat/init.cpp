// The library's constructor and its own small C interface (rtsock/compat.h).
#include "exports.hpp"
#include "fds.hpp"
#include "real.hpp"
#include "runtime.hpp"
#include "side.hpp"
#include "rtsock/compat.h"

namespace {

// Runs before the program's own constructors: the library is one of its
// dependencies, or preloaded.
__attribute__((constructor)) void rtsock_compat_init() {
  rtsock::compat::real::resolve();
  if (!rtsock::compat::active()) return;
  rtsock::compat::side::install_fork_handlers();
  // Routing sockets inherited across exec are routing sockets still.
  rtsock::compat::fds::adopt_inherited();
}

}  // namespace

RTSOCK_EXPORT const char* rtsock_compat_personality(void) {
  return rtsock::compat::active() ? rtsock::compat::profile().name.c_str() : nullptr;
}
