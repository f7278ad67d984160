// dlsym(RTLD_NEXT) for every C library function the compat library wraps.
#include "real.hpp"

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <sys/syscall.h>
#include <unistd.h>

namespace rtsock::compat::real {

#define RTSOCK_REAL_DEFINE(name, ret, args) name##_fn name = nullptr;
RTSOCK_REAL_FUNCTIONS(RTSOCK_REAL_DEFINE)
#undef RTSOCK_REAL_DEFINE

std::atomic<bool> resolved{false};

namespace {

template <class F>
void find(F& slot, const char* name, bool required) {
  void* p = ::dlsym(RTLD_NEXT, name);
  if (p == nullptr && required) {
    static const char msg[] = "rtsock: librtsock-compat cannot find the C library's ";
    ::syscall(SYS_write, 2, msg, sizeof msg - 1);
    ::syscall(SYS_write, 2, name, std::strlen(name));
    ::syscall(SYS_write, 2, "\n", 1);
    std::abort();
  }
  slot = reinterpret_cast<F>(p);
}

}  // namespace

void resolve() {
  if (resolved.load(std::memory_order_acquire)) return;
  // Several threads may race here; each writes the same values.
#define RTSOCK_REAL_FIND(name, ret, args) find(name, #name, true);
  RTSOCK_REAL_FUNCTIONS(RTSOCK_REAL_FIND)
#undef RTSOCK_REAL_FIND
  resolved.store(true, std::memory_order_release);
}

}  // namespace rtsock::compat::real
