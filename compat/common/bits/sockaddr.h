/*
 * rtsock compat: BSD-shaped socket addresses on glibc.
 *
 * glibc builds struct sockaddr, sockaddr_in, sockaddr_in6, sockaddr_un and
 * sockaddr_storage from __SOCKADDR_COMMON. Found before glibc's own copy of
 * this file, it makes their common head BSD's: a one-byte length followed by
 * a one-byte family. Every size stays the same (sockaddr 16, sockaddr_in 16,
 * sockaddr_in6 28, sockaddr_storage 128, or 256 for OpenBSD as there); sockaddr_un keeps glibc's 108-byte
 * sun_path (BSD has 104), which librtsock-compat accounts for.
 */
#ifndef _BITS_SOCKADDR_H
#define _BITS_SOCKADDR_H 1

#include <sys/_rtsock_compat.h>

typedef unsigned char sa_family_t;

#define __SOCKADDR_COMMON(sa_prefix) \
  unsigned char sa_prefix##len;      \
  sa_family_t sa_prefix##family

#define __SOCKADDR_COMMON_SIZE (2 * sizeof(unsigned char))

/* Size of struct sockaddr_storage: OpenBSD's is 256 bytes, the others' 128. */
#if defined(__RTSOCK_OPENBSD)
#define _SS_SIZE 256
#else
#define _SS_SIZE 128
#endif

#endif /* bits/sockaddr.h */
