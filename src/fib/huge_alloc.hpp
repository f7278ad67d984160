// Private: an allocator for the lookup structure's large arrays. Lookups with
// random keys touch them at random, so on 4 KiB pages most of them also miss
// the TLB; arrays of 2 MiB and more are placed on 2 MiB boundaries and offered
// to transparent huge pages (madvise, Linux), as FreeBSD's superpages would do
// unasked. Elsewhere, or when THP is off, it is plain aligned memory.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace rtsock::fib::detail {

template <class T>
struct HugeAlloc {
  using value_type = T;
  static constexpr std::size_t kHuge = std::size_t{2} << 20;

  HugeAlloc() = default;
  template <class U>
  HugeAlloc(const HugeAlloc<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return std::allocator<T>{}.allocate(n);
    const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHuge)
      std::allocator<T>{}.deallocate(p, n);
    else
      std::free(p);
  }
  template <class U>
  bool operator==(const HugeAlloc<U>&) const noexcept {
    return true;
  }
};

}  // namespace rtsock::fib::detail
