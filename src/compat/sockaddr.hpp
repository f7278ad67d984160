// BSD sockaddrs and address-family numbers <-> Linux's.
//
// A BSD sockaddr starts {u8 sa_len, u8 sa_family}, Linux's {u16 sa_family};
// everything after the first two bytes is laid out alike for AF_INET,
// AF_INET6 and AF_UNIX (the compat headers keep glibc's 108-byte sun_path).
// The family numbers differ for AF_INET6 (FreeBSD/DragonFly 28, macOS 30,
// OpenBSD/NetBSD 24; Linux 10) and the BSD-only families have no Linux
// counterpart.
#pragma once

#include <sys/socket.h>

#include <cstddef>

namespace rtsock::compat {

// Family numbers; -1 when the other side has no such family.
int af_to_host(int bsd_af);
int af_from_host(int host_af);

// A BSD sockaddr of `len` bytes as the host's, in `out`. Returns false with
// errno set (EAFNOSUPPORT for a family Linux does not have). A sockaddr
// already in Linux's layout (from code that is not compat code, say a
// Linux library that reached us through a compat caller's pointer) is
// recognised and passed as it is.
bool sa_to_host(int fd, const sockaddr* in, socklen_t len, sockaddr_storage& out);

// Rewrites, in place, the first bytes of a sockaddr the kernel wrote in
// Linux's layout: `cap` bytes are writable at `sa`, `actual` is the full
// length the kernel reported.
void sa_from_host_inplace(void* sa, socklen_t cap, socklen_t actual);

// A sockaddr the kernel wrote into `tmp` (`actual` bytes), copied out to the
// program's buffer as BSD's (truncated to *len, *len set to the full length,
// as the kernel does).
void sa_copy_out(const sockaddr_storage& tmp, socklen_t actual, sockaddr* out, socklen_t* len);

}  // namespace rtsock::compat
