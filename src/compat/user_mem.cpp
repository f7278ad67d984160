// copyin/copyout for the program's pointers.
#include "user_mem.hpp"

#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace rtsock::compat {
namespace {

std::atomic<bool> g_unavailable{false};  // process_vm_* refused (seccomp, old kernel)

bool vm_copy(void* dst, const void* src, std::size_t n, bool out) {
  if (n == 0) return true;
  if (!g_unavailable.load(std::memory_order_relaxed)) {
    iovec local{out ? const_cast<void*>(src) : dst, n};
    iovec remote{out ? dst : const_cast<void*>(src), n};
    const ssize_t r = out ? ::process_vm_writev(::getpid(), &local, 1, &remote, 1, 0)
                          : ::process_vm_readv(::getpid(), &local, 1, &remote, 1, 0);
    if (r == static_cast<ssize_t>(n)) return true;
    if (r >= 0 || errno == EFAULT) return false;
    g_unavailable.store(true, std::memory_order_relaxed);
  }
  if (dst == nullptr || src == nullptr) return false;
  std::memmove(dst, src, n);
  return true;
}

}  // namespace

bool copy_in(void* dst, const void* user_src, std::size_t n) { return vm_copy(dst, user_src, n, false); }
bool copy_out(void* user_dst, const void* src, std::size_t n) { return vm_copy(user_dst, src, n, true); }

}  // namespace rtsock::compat
