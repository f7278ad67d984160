// What every route(8) command shares: dialects, usage, strerror.
#include <cerrno>
#include <cstring>

#include "args.hpp"
#include "cli.hpp"
#include "rtsock/abi/errno.hpp"

namespace rtsock::route {

Dialect dialect_of(const abi::Profile& p) {
  switch (p.os) {
    case abi::Os::freebsd:
      return p.os_version >= 14 ? Dialect::freebsd : Dialect::freebsd12;
    case abi::Os::darwin:
      return Dialect::darwin;
    case abi::Os::openbsd:
      return Dialect::openbsd;
    case abi::Os::netbsd:
      return Dialect::netbsd;
    case abi::Os::dragonfly:
      return Dialect::dragonfly;
    case abi::Os::hpux:
      return Dialect::hpux;
  }
  return Dialect::freebsd;
}

std::string_view dialect_name(Dialect d) {
  switch (d) {
    case Dialect::freebsd:
      return "freebsd";
    case Dialect::freebsd12:
      return "freebsd12";
    case Dialect::darwin:
      return "darwin";
    case Dialect::openbsd:
      return "openbsd";
    case Dialect::netbsd:
      return "netbsd";
    case Dialect::dragonfly:
      return "dragonfly";
    case Dialect::hpux:
      return "hpux";
  }
  return "freebsd";
}

std::uint32_t bit_of(const abi::BitNames& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return 1u << i;
  return 0;
}

std::string usage_text(Dialect d) {
  switch (d) {
    case Dialect::freebsd:
    case Dialect::freebsd12:
      return "route: usage: route [-46dnqtv] command [[modifiers] args]\n";
    case Dialect::darwin:
      return "usage: route [-dnqtv] command [[modifiers] args]\n";
    case Dialect::openbsd:
      return "usage: route [-dnqtv] [-T rtable] command [[modifier ...] arg ...]\n";
    case Dialect::netbsd:
      return "Usage: route [-dfLnqSsTtv] cmd [[-<qualifers>] args]\n";
    case Dialect::dragonfly:
      return "usage: route [-dnqtv] command [[modifiers] args]\n";
    case Dialect::hpux:
      return "usage: route [-f] [-n] [-p pmtu] add [net|host] destination [netmask mask] "
             "gateway [count]\n       route [-f] [-n] delete [net|host] destination "
             "[netmask mask] gateway [count]\n";
  }
  return {};
}

Exit usage_exit(Dialect d, std::optional<std::string_view> bad_keyword) {
  // OpenBSD and NetBSD say "botched" and exit 1; the others follow 4.4BSD.
  const bool botched = d == Dialect::openbsd || d == Dialect::netbsd;
  Exit e{botched ? 1 : kExUsage, {}, {}};
  if (bad_keyword)
    e.err = fmt::format("route: {} keyword: {}\n", botched ? "botched" : "bad", *bad_keyword);
  e.err += usage_text(d);
  return e;
}

std::string_view os_strerror(Dialect, int e) { return abi::bsd_strerror(e); }

}  // namespace rtsock::route
