// A counting replacement of the global allocator, for the allocation test and
// the benchmarks. Include it in exactly one translation unit of a binary.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace rtsock::test {
inline std::atomic<std::uint64_t> g_allocs{0};
inline std::uint64_t allocations() { return g_allocs.load(std::memory_order_relaxed); }
}  // namespace rtsock::test

// GCC pairs the library's deletes with malloc and warns; here they do pair.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  rtsock::test::g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
