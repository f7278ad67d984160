// What every route(8) command shares: dialects, usage, strerror.
#include <cerrno>
#include <cstring>

#include "args.hpp"
#include "cli.hpp"

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

// The BSD libc's sys_errlist (FreeBSD's spelling; the other BSDs and macOS
// agree on every message route(8) can print).
std::string_view os_strerror(Dialect, int e) {
  switch (e) {
    case EPERM:
      return "Operation not permitted";
    case ENOENT:
      return "No such file or directory";
    case ESRCH:
      return "No such process";
    case EINTR:
      return "Interrupted system call";
    case EIO:
      return "Input/output error";
    case ENXIO:
      return "Device not configured";
    case E2BIG:
      return "Argument list too long";
    case EBADF:
      return "Bad file descriptor";
    case ENOMEM:
      return "Cannot allocate memory";
    case EACCES:
      return "Permission denied";
    case EFAULT:
      return "Bad address";
    case EBUSY:
      return "Device busy";
    case EEXIST:
      return "File exists";
    case ENODEV:
      return "Operation not supported by device";
    case ENOTDIR:
      return "Not a directory";
    case EINVAL:
      return "Invalid argument";
    case ENFILE:
      return "Too many open files in system";
    case EMFILE:
      return "Too many open files";
    case ENOTTY:
      return "Inappropriate ioctl for device";
    case EFBIG:
      return "File too large";
    case ENOSPC:
      return "No space left on device";
    case EPIPE:
      return "Broken pipe";
    case EDOM:
      return "Numerical argument out of domain";
    case ERANGE:
      return "Result too large";
    case EAGAIN:
      return "Resource temporarily unavailable";
    case EINPROGRESS:
      return "Operation now in progress";
    case EALREADY:
      return "Operation already in progress";
    case ENOTSOCK:
      return "Socket operation on non-socket";
    case EDESTADDRREQ:
      return "Destination address required";
    case EMSGSIZE:
      return "Message too long";
    case EPROTOTYPE:
      return "Protocol wrong type for socket";
    case ENOPROTOOPT:
      return "Protocol not available";
    case EPROTONOSUPPORT:
      return "Protocol not supported";
    case ESOCKTNOSUPPORT:
      return "Socket type not supported";
    case EOPNOTSUPP:
      return "Operation not supported";
    case EPFNOSUPPORT:
      return "Protocol family not supported";
    case EAFNOSUPPORT:
      return "Address family not supported by protocol family";
    case EADDRINUSE:
      return "Address already in use";
    case EADDRNOTAVAIL:
      return "Can't assign requested address";
    case ENETDOWN:
      return "Network is down";
    case ENETUNREACH:
      return "Network is unreachable";
    case ENETRESET:
      return "Network dropped connection on reset";
    case ECONNABORTED:
      return "Software caused connection abort";
    case ECONNRESET:
      return "Connection reset by peer";
    case ENOBUFS:
      return "No buffer space available";
    case EISCONN:
      return "Socket is already connected";
    case ENOTCONN:
      return "Socket is not connected";
    case ETIMEDOUT:
      return "Operation timed out";
    case ECONNREFUSED:
      return "Connection refused";
    case EHOSTDOWN:
      return "Host is down";
    case EHOSTUNREACH:
      return "No route to host";
    case EPROTO:
      return "Protocol error";
    default:
      return std::strerror(e);
  }
}

}  // namespace rtsock::route
