// What the compat library knows about the process: which BSD the program
// was built for (the ELF note the compat headers put into it), which code
// was compiled against the compat headers, and how to say what went wrong.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rtsock/abi/profile.hpp"

namespace rtsock::compat {

// Active: some loaded object carries the note (or RTSOCK_COMPAT=force names
// a personality). Passive, every entry point forwards to the C library
// untouched: a Linux program that inherits LD_PRELOAD keeps working.
bool active();
// The ABI the program was built for (valid while active()).
const abi::Profile& profile();
// "freebsd", "darwin", ...
std::string_view personality();

// Whether a call came from code built against the compat headers (BSD
// sockaddrs and AF numbers), judged by its return address. Calls from
// other objects — a Linux library inside a BSD program, a shell that
// inherited LD_PRELOAD — keep Linux's layout.
bool compat_caller(const void* return_address);
#define RTSOCK_COMPAT_CALLER()                                    \
  (::rtsock::compat::active() && !::rtsock::compat::Internal::now() && \
   ::rtsock::compat::compat_caller(__builtin_return_address(0)))

// While the library does its own work (an ioctl answered from the daemon's
// interface list, a sysctl, ...), the C library calls its C++ layers make
// — inet_ntop and the like — are Linux calls, whoever seems to make them
// (through a sanitizer's interceptor, the caller looks like the program).
class Internal {
 public:
  Internal() { ++depth_; }
  ~Internal() { --depth_; }
  Internal(const Internal&) = delete;
  Internal& operator=(const Internal&) = delete;
  static bool now() { return depth_ > 0; }

 private:
  static thread_local int depth_;
};

// The personality check failed (the note and $RTSOCK_PERSONALITY disagree):
// the message, empty when all is well.
const std::string& personality_conflict();

// One line on stderr, "rtsock: " prepended; each distinct text once per process.
void say_once(std::string_view text);

// errno conversions between the personality's numbering and the host's.
int host_errno(int os_errno);
int os_errno(int host_errno);

// Called once, from the library's constructor (and lazily before it).
void init();

}  // namespace rtsock::compat
