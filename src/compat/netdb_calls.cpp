// Name and address conversions that carry an address family or a
// sockaddr: getaddrinfo (hints in, results rewritten in place, so that
// glibc's freeaddrinfo frees them as ever), getnameinfo, inet_ntop/pton,
// gethostbyname2/gethostbyaddr.
#include "exports.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <cerrno>

#include "real.hpp"
#include "runtime.hpp"
#include "sockaddr.hpp"

namespace compat = rtsock::compat;
namespace real = rtsock::compat::real;

namespace {

// An AF from compat code as the host's; AF_UNSPEC's 0 for unknown ones
// would widen a query, so they become an impossible family instead.
int host_af(int af) {
  const int h = compat::af_to_host(af);
  return h < 0 ? -1 : h;
}

void bsd_hostent(hostent* h) {
  if (h == nullptr) return;
  const int bsd = compat::af_from_host(h->h_addrtype);
  if (bsd >= 0) h->h_addrtype = bsd;
}

}  // namespace

RTSOCK_EXPORT int getaddrinfo(const char* node, const char* service, const addrinfo* hints,
                              addrinfo** res) {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::getaddrinfo(node, service, hints, res);
  addrinfo h{};
  if (hints != nullptr) {
    h = *hints;
    h.ai_family = host_af(hints->ai_family);
    if (h.ai_family < 0) return EAI_FAMILY;
  }
  const int r = real::getaddrinfo(node, service, hints != nullptr ? &h : nullptr, res);
  if (r != 0 || res == nullptr) return r;
  for (addrinfo* ai = *res; ai != nullptr; ai = ai->ai_next) {
    const int bsd = compat::af_from_host(ai->ai_family);
    if (bsd >= 0) ai->ai_family = bsd;
    compat::sa_from_host_inplace(ai->ai_addr, ai->ai_addrlen, ai->ai_addrlen);
  }
  return r;
}

RTSOCK_EXPORT int getnameinfo(const sockaddr* sa, socklen_t salen, char* host, socklen_t hostlen,
                              char* serv, socklen_t servlen, int flags) {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER() || sa == nullptr)
    return real::getnameinfo(sa, salen, host, hostlen, serv, servlen, flags);
  sockaddr_storage h;
  if (!compat::sa_to_host(-1, sa, salen, h)) return errno == EAFNOSUPPORT ? EAI_FAMILY : EAI_SYSTEM;
  return real::getnameinfo(reinterpret_cast<const sockaddr*>(&h), salen, host, hostlen, serv,
                           servlen, flags);
}

RTSOCK_EXPORT const char* inet_ntop(int af, const void* src, char* dst, socklen_t size) noexcept {
  real::ensure();
  if (RTSOCK_COMPAT_CALLER()) af = host_af(af);
  return real::inet_ntop(af, src, dst, size);
}

RTSOCK_EXPORT int inet_pton(int af, const char* src, void* dst) noexcept {
  real::ensure();
  if (RTSOCK_COMPAT_CALLER()) af = host_af(af);
  return real::inet_pton(af, src, dst);
}

RTSOCK_EXPORT hostent* gethostbyname2(const char* name, int af) {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::gethostbyname2(name, af);
  hostent* h = real::gethostbyname2(name, host_af(af));
  bsd_hostent(h);
  return h;
}

RTSOCK_EXPORT hostent* gethostbyaddr(const void* addr, socklen_t len, int af) {
  real::ensure();
  if (!RTSOCK_COMPAT_CALLER()) return real::gethostbyaddr(addr, len, af);
  hostent* h = real::gethostbyaddr(addr, len, host_af(af));
  bsd_hostent(h);
  return h;
}
