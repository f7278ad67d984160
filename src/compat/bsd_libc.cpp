// The BSD C library functions a BSD program takes for granted and glibc
// (before 2.38) lacks, and the BSD-only process calls that need no daemon;
// the compat headers declare them where each system has them.
#include "exports.hpp"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstdio>
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

// err(3)'s errc family: the message, then the text of the given error code
// (not errno's), as FreeBSD, OpenBSD, NetBSD, DragonFly and macOS print it.
RTSOCK_EXPORT void vwarnc(int code, const char* fmt, va_list ap) noexcept {
  std::fprintf(stderr, "%s: ", getprogname());
  if (fmt != nullptr) {
    std::vfprintf(stderr, fmt, ap);
    std::fputs(": ", stderr);
  }
  std::fprintf(stderr, "%s\n", std::strerror(code));
}

RTSOCK_EXPORT void warnc(int code, const char* fmt, ...) noexcept {
  va_list ap;
  va_start(ap, fmt);
  vwarnc(code, fmt, ap);
  va_end(ap);
}

RTSOCK_EXPORT __attribute__((noreturn)) void verrc(int eval, int code, const char* fmt, va_list ap) noexcept {
  vwarnc(code, fmt, ap);
  std::exit(eval);
}

RTSOCK_EXPORT __attribute__((noreturn)) void errc(int eval, int code, const char* fmt, ...) noexcept {
  va_list ap;
  va_start(ap, fmt);
  verrc(eval, code, fmt, ap);
}

// setproctitle(3): Linux has no process title apart from argv, which the
// library cannot reach safely; the title goes into the main thread's name
// (prctl PR_SET_NAME, what `ps -o comm`, top and /proc/PID/comm show),
// truncated to 15 bytes. A NULL format restores the program's name; the
// "-" prefix (no "progname: ") has nothing to drop here. Called from
// another thread it does nothing rather than rename that thread.
namespace {
void set_title(const char* fmt, va_list ap) {
  if (::gettid() != ::getpid()) return;
  char title[16];
  if (fmt == nullptr) {
    std::snprintf(title, sizeof title, "%s", getprogname());
  } else {
    if (fmt[0] == '-') ++fmt;
    std::vsnprintf(title, sizeof title, fmt, ap);
  }
  ::prctl(PR_SET_NAME, title, 0, 0, 0);
}
}  // namespace

RTSOCK_EXPORT void setproctitle(const char* fmt, ...) noexcept {
  va_list ap;
  va_start(ap, fmt);
  set_title(fmt, ap);
  va_end(ap);
}

// FreeBSD's setproctitle_fast(3): the same here.
RTSOCK_EXPORT void setproctitle_fast(const char* fmt, ...) noexcept {
  va_list ap;
  va_start(ap, fmt);
  set_title(fmt, ap);
  va_end(ap);
}

// OpenBSD's recallocarray(3): reallocarray that zeroes what it adds and
// clears the old allocation (oldnmemb * size bytes) before freeing it.
// Overflow of newnmemb * size is ENOMEM, of oldnmemb * size EINVAL.
RTSOCK_EXPORT void* recallocarray(void* ptr, size_t oldnmemb, size_t newnmemb, size_t size) noexcept {
  if (ptr == nullptr) return std::calloc(newnmemb, size);
  size_t newsize = 0, oldsize = 0;
  if (__builtin_mul_overflow(newnmemb, size, &newsize)) {
    errno = ENOMEM;
    return nullptr;
  }
  if (__builtin_mul_overflow(oldnmemb, size, &oldsize)) {
    errno = EINVAL;
    return nullptr;
  }
  void* fresh = std::malloc(newsize);
  if (fresh == nullptr) return nullptr;
  if (newsize > oldsize) {
    std::memcpy(fresh, ptr, oldsize);
    std::memset(static_cast<char*>(fresh) + oldsize, 0, newsize - oldsize);
  } else {
    std::memcpy(fresh, ptr, newsize);
  }
  ::explicit_bzero(ptr, oldsize);
  std::free(ptr);
  return fresh;
}

// OpenBSD's freezero(3): clear size bytes, then free. NULL does nothing.
RTSOCK_EXPORT void freezero(void* ptr, size_t size) noexcept {
  if (ptr == nullptr) return;
  ::explicit_bzero(ptr, size);
  std::free(ptr);
}

// OpenBSD's pledge(2) and unveil(2): accepted, and nothing is restricted.
// No sandbox is emulated; a program runs with all the access it has.
RTSOCK_EXPORT int pledge(const char*, const char*) noexcept { return 0; }
RTSOCK_EXPORT int unveil(const char*, const char*) noexcept { return 0; }

