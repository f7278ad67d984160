// route(8) for rtsock: what every command shares.
//
// A command never calls exit(): failures travel up as an Exit value (the
// status and the text route(8) would print), so the parser can be fuzzed
// and every path tested. Output goes to an Out, which buffers stdout and
// stderr separately as the C library would with stdout on a file.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "rtsock/abi/profile.hpp"

namespace rtsock::route {

// sysexits(3), which route(8) uses.
inline constexpr int kExUsage = 64;
inline constexpr int kExDataErr = 65;
inline constexpr int kExNoHost = 68;
inline constexpr int kExUnavailable = 69;
inline constexpr int kExSoftware = 70;
inline constexpr int kExOsErr = 71;
inline constexpr int kExNoPerm = 77;

// Which route(8) we imitate: the grammar and the texts follow it.
enum class Dialect : std::uint8_t {
  freebsd,    // FreeBSD 14+: A.B.C.D/N only, no classful guessing
  freebsd12,  // FreeBSD <= 13: classful inet_makenetandmask
  darwin,
  openbsd,
  netbsd,
  dragonfly,
  hpux,
};
Dialect dialect_of(const abi::Profile& p);
std::string_view dialect_name(Dialect d);

// Global options: route [-46dnqtvj] [-S socket] [--personality P].
struct Options {
  int family = 0;           // -4 / -6: 4 or 6, else 0
  bool numeric = false;     // -n
  bool quiet = false;       // -q
  bool debug_only = false;  // -d: print, send nothing
  bool test_only = false;   // -t: writes go nowhere
  bool verbose = false;     // -v
  bool json = false;        // -j
  std::string socket;       // -S
  std::string personality;  // --personality
  int table = -1;           // OpenBSD -T rtable
};

// A failed command: what route(8) would print and its exit status.
struct Exit {
  int status = 1;
  std::string err;  // stderr text, newline-terminated lines
  std::string out;  // stdout text printed before the failure
};

inline Exit exit_with(int status, std::string err) { return Exit{status, std::move(err), {}}; }

// The program's stdout and stderr, kept apart.
struct Out {
  std::string out, err;
  template <typename... A>
  void print(fmt::format_string<A...> f, A&&... a) {
    fmt::format_to(std::back_inserter(out), f, std::forward<A>(a)...);
  }
  // warnx(3): "route: <text>\n".
  template <typename... A>
  void warnx(fmt::format_string<A...> f, A&&... a) {
    err += "route: ";
    fmt::format_to(std::back_inserter(err), f, std::forward<A>(a)...);
    err += '\n';
  }
};

// The bit of a named RTF_/RTV_/IFF_ flag in the profile (0 when the OS
// has none of that name).
std::uint32_t bit_of(const abi::BitNames& names, std::string_view name);

// strerror(3) as the personality's libc spells it, for a host errno value.
std::string_view os_strerror(Dialect d, int host_errno);

}  // namespace rtsock::route
