// errno numbering per OS. The BSDs and Darwin share 4.4BSD's numbers; HP-UX
// follows System V for 1–34 (with EAGAIN 11 as on Linux) and numbers its
// socket errors from 216 (HP-UX 11i <sys/errno.h>).
#include "rtsock/abi/errno.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

namespace rtsock::abi {
namespace {

// {host, FreeBSD/OpenBSD/NetBSD/DragonFly/Darwin, HP-UX (-1: not known)};
// 1–34 but EAGAIN are the same everywhere and need no row.
struct Row {
  int host, bsd, hpux;
};
constexpr Row kRows[] = {
    {EAGAIN, 35, 11},           {EINPROGRESS, 36, 245},  {EALREADY, 37, 244},
    {ENOTSOCK, 38, 216},        {EDESTADDRREQ, 39, 217}, {EMSGSIZE, 40, 218},
    {EPROTOTYPE, 41, 219},      {ENOPROTOOPT, 42, 220},  {EPROTONOSUPPORT, 43, 221},
    {ESOCKTNOSUPPORT, 44, 222}, {EOPNOTSUPP, 45, 223},   {EPFNOSUPPORT, 46, 224},
    {EAFNOSUPPORT, 47, 225},    {EADDRINUSE, 48, 226},   {EADDRNOTAVAIL, 49, 227},
    {ENETDOWN, 50, 228},        {ENETUNREACH, 51, 229},  {ENETRESET, 52, 230},
    {ECONNABORTED, 53, 231},    {ECONNRESET, 54, 232},   {ENOBUFS, 55, 233},
    {EISCONN, 56, 234},         {ENOTCONN, 57, 235},     {ESHUTDOWN, 58, 236},
    {ETOOMANYREFS, 59, 237},    {ETIMEDOUT, 60, 238},    {ECONNREFUSED, 61, 239},
    {ELOOP, 62, 249},           {ENAMETOOLONG, 63, 248}, {EHOSTDOWN, 64, 241},
    {EHOSTUNREACH, 65, 242},    {ENOTEMPTY, 66, 247},    {ENOSYS, 78, 251},
    {EOVERFLOW, 84, -1},        {EDEADLK, 11, 45},       {EPROTO, 92, -1},
};

// Where an OS departs from the common BSD column.
int bsd_number(const Profile& p, const Row& r) {
  if (r.host == EOPNOTSUPP && p.os == Os::darwin) return 102;
  if (r.host == EOVERFLOW && p.os == Os::openbsd) return 87;
  if (r.host == EPROTO && p.os == Os::darwin) return 100;
  if (r.host == EPROTO && p.os == Os::openbsd) return 95;
  if (r.host == EPROTO && p.os == Os::netbsd) return 96;
  if (r.host == ENOSYS) return 78;
  return r.bsd;
}

}  // namespace

int os_errno(const Profile& p, int host) {
  if (host > 0 && host <= 34 && host != EAGAIN && host != EDEADLK) return host;
  for (const Row& r : kRows)
    if (r.host == host) return p.os != Os::hpux ? bsd_number(p, r) : r.hpux < 0 ? host : r.hpux;
  return host;
}

int host_errno(const Profile& p, int os) {
  if (p.os != Os::hpux && os > 0 && os <= 34 && os != 11) return os;
  if (p.os == Os::hpux && os > 0 && os <= 34) return os;
  // Darwin's ENOTSUP (45) is a separate number from its EOPNOTSUPP (102).
  if (p.os == Os::darwin && os == 45) return ENOTSUP;
  for (const Row& r : kRows) {
    int n = p.os == Os::hpux ? r.hpux : bsd_number(p, r);
    if (n >= 0 && n == os) return r.host;
  }
  return os;
}

std::string_view bsd_strerror(int e) {
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

}  // namespace rtsock::abi
