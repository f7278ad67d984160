// Copies to and from the program's memory that fail with EFAULT instead of
// faulting, as the kernel's copyin/copyout do (process_vm_readv/writev on
// ourselves; plain memcpy where the host forbids those calls).
#pragma once

#include <cstddef>

namespace rtsock::compat {

bool copy_in(void* dst, const void* user_src, std::size_t n);
bool copy_out(void* user_dst, const void* src, std::size_t n);

}  // namespace rtsock::compat
