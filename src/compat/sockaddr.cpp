// sockaddr and AF translation.
#include "sockaddr.hpp"

#include <sys/un.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "real.hpp"
#include "runtime.hpp"

namespace rtsock::compat {

int af_to_host(int af) {
  const abi::Profile& p = profile();
  if (af == AF_UNSPEC || af == AF_UNIX || af == AF_INET) return af;
  if (af == p.af_inet6) return AF_INET6;
  return -1;
}

int af_from_host(int af) {
  if (af == AF_UNSPEC || af == AF_UNIX || af == AF_INET) return af;
  if (af == AF_INET6) return profile().af_inet6;
  return -1;
}

bool sa_to_host(int fd, const sockaddr* in, socklen_t len, sockaddr_storage& out) {
  if (in == nullptr) {
    errno = EFAULT;
    return false;
  }
  if (len > sizeof out) {
    errno = EINVAL;
    return false;
  }
  std::memset(&out, 0, sizeof out);
  std::memcpy(&out, in, len);
  if (len < 2) return true;  // the kernel judges it
  auto* b = reinterpret_cast<std::uint8_t*>(&out);
  int family = b[1];
  if (family == 0) {
    // Linux's layout (family in byte 0, 0 in byte 1), or BSD's AF_UNSPEC.
    // Linux families a program can use here are all below 64; a BSD sa_len
    // of the same value is told apart by the socket's own domain.
    const int linux_family = b[0];
    if (linux_family == AF_UNSPEC || linux_family == AF_UNIX || linux_family == AF_INET ||
        linux_family == AF_INET6)
      return true;
    int domain = -1;
    socklen_t dl = sizeof domain;
    if (fd >= 0 && real::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dl) == 0 &&
        domain == linux_family)
      return true;
    b[0] = 0;  // BSD AF_UNSPEC
    return true;
  }
  const int host = af_to_host(family);
  if (host < 0) {
    errno = EAFNOSUPPORT;
    return false;
  }
  const auto fam = static_cast<sa_family_t>(host);
  std::memcpy(b, &fam, sizeof fam);
  return true;
}

void sa_from_host_inplace(void* sa, socklen_t cap, socklen_t actual) {
  if (sa == nullptr || cap < 2 || actual < 2) return;
  auto* b = static_cast<std::uint8_t*>(sa);
  sa_family_t fam;
  std::memcpy(&fam, b, sizeof fam);
  const int bsd = af_from_host(fam);
  b[0] = static_cast<std::uint8_t>(std::min<socklen_t>(actual, 255));
  b[1] = static_cast<std::uint8_t>(bsd < 0 ? fam : bsd);
}

void sa_copy_out(const sockaddr_storage& tmp, socklen_t actual, sockaddr* out, socklen_t* len) {
  if (out == nullptr || len == nullptr) return;
  sockaddr_storage bsd = tmp;
  sa_from_host_inplace(&bsd, sizeof bsd, actual);
  const socklen_t n = std::min<socklen_t>(*len, std::min<socklen_t>(actual, sizeof bsd));
  std::memcpy(out, &bsd, n);
  *len = actual;
}

}  // namespace rtsock::compat
