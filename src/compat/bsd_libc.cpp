// The BSD C library functions a BSD program takes for granted and glibc
// (before 2.38) lacks; the compat headers declare them.
#include "exports.hpp"

#include <errno.h>

#include <atomic>
#include <climits>
#include <cstdlib>
#include <cstring>

extern "C" char* program_invocation_short_name;

namespace {
std::atomic<const char*> g_progname{nullptr};
}  // namespace

RTSOCK_EXPORT size_t strlcpy(char* dst, const char* src, size_t size) noexcept {
  const size_t len = std::strlen(src);
  if (size > 0) {
    const size_t n = len < size - 1 ? len : size - 1;
    std::memcpy(dst, src, n);
    dst[n] = '\0';
  }
  return len;
}

RTSOCK_EXPORT size_t strlcat(char* dst, const char* src, size_t size) noexcept {
  const size_t have = strnlen(dst, size);
  if (have == size) return size + std::strlen(src);
  return have + strlcpy(dst + have, src, size - have);
}

RTSOCK_EXPORT const char* getprogname(void) noexcept {
  const char* p = g_progname.load();
  return p != nullptr ? p : program_invocation_short_name;
}

RTSOCK_EXPORT void setprogname(const char* name) noexcept {
  if (name == nullptr) return;
  const char* slash = std::strrchr(name, '/');
  g_progname.store(slash != nullptr ? slash + 1 : name);
}

// OpenBSD's strtonum(3): a decimal number within [lo, hi], or 0 with an
// error text ("invalid", "too small", "too large") and errno.
RTSOCK_EXPORT long long strtonum(const char* s, long long lo, long long hi, const char** errstr) noexcept {
  const char* why = nullptr;
  long long v = 0;
  int e = 0;
  if (lo > hi || s == nullptr) {
    why = "invalid";
    e = EINVAL;
  } else {
    char* end = nullptr;
    errno = 0;
    v = std::strtoll(s, &end, 10);
    if (end == s || *end != '\0') {
      why = "invalid";
      e = EINVAL;
    } else if ((v == LLONG_MIN && errno == ERANGE) || v < lo) {
      why = "too small";
      e = ERANGE;
    } else if ((v == LLONG_MAX && errno == ERANGE) || v > hi) {
      why = "too large";
      e = ERANGE;
    }
  }
  if (errstr != nullptr) *errstr = why;
  if (why != nullptr) {
    errno = e;
    return 0;
  }
  return v;
}
