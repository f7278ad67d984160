/*
 * rtsock compat: <netinet/in.h> is glibc's; sockaddr_in and sockaddr_in6 get
 * sin_len and sin6_len from our <bits/sockaddr.h>. Protocol numbers and the
 * IP/IPv6 socket options stay glibc's (they travel to the real kernel).
 * Added: the KAME identification and the BSD helper macros that routing
 * code uses.
 */
#include_next <netinet/in.h>

#ifndef _RTSOCK_COMPAT_NETINET_IN_H_
#define _RTSOCK_COMPAT_NETINET_IN_H_

#include <sys/_rtsock_compat.h>

/*
 * Every BSD's IPv6 stack descends from KAME and says so; programs use the
 * macro to decide whether link-local addresses embed the scope in bytes 2-3.
 */
#define __KAME__
#if defined(__RTSOCK_FREEBSD)
#define __KAME_VERSION "FreeBSD"
#elif defined(__RTSOCK_DARWIN)
#define __KAME_VERSION "2009/apple-darwin"
#elif defined(__RTSOCK_OPENBSD)
#define __KAME_VERSION "OpenBSD-current"
#elif defined(__RTSOCK_NETBSD)
#define __KAME_VERSION "NetBSD-current"
#elif defined(__RTSOCK_DRAGONFLY)
#define __KAME_VERSION "DragonFly"
#endif

/* sockaddr_in6 has sin6_len. */
#define SIN6_LEN

/* BSD spells the in6_addr union __u6_addr; glibc __in6_u. */
#define __u6_addr __in6_u

#ifndef IN_LOOPBACK
#define IN_LOOPBACK(i) (((in_addr_t)(i) & 0xff000000) == 0x7f000000)
#endif
#ifndef IN_LINKLOCAL
#define IN_LINKLOCAL(i) (((in_addr_t)(i) & 0xffff0000) == 0xa9fe0000)
#endif
#ifndef IN_ZERONET
#define IN_ZERONET(i) (((in_addr_t)(i) & 0xff000000) == 0)
#endif
#ifndef IN_PRIVATE
#define IN_PRIVATE(i)                                   \
  ((((in_addr_t)(i) & 0xff000000) == 0x0a000000) ||     \
   (((in_addr_t)(i) & 0xfff00000) == 0xac100000) ||     \
   (((in_addr_t)(i) & 0xffff0000) == 0xc0a80000))
#endif
#ifndef IN_LOCAL_GROUP
#define IN_LOCAL_GROUP(i) (((in_addr_t)(i) & 0xffffff00) == 0xe0000000)
#endif
#ifndef IN_ANY_LOCAL
#define IN_ANY_LOCAL(i) (IN_LINKLOCAL(i) || IN_LOCAL_GROUP(i))
#endif
#if defined(__RTSOCK_FREEBSD)
#define IN_RFC3021_MASK ((in_addr_t)0xfffffffe)
#endif

#define IN6ADDR_NODELOCAL_ALLNODES_INIT \
  {{{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}}}
#define IN6ADDR_INTFACELOCAL_ALLNODES_INIT \
  {{{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}}}
#define IN6ADDR_LINKLOCAL_ALLNODES_INIT \
  {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}}}
#define IN6ADDR_LINKLOCAL_ALLROUTERS_INIT \
  {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}}}
#define IN6ADDR_LINKLOCAL_ALLV2ROUTERS_INIT \
  {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16}}}

/* Scope values (RFC 4291) as the KAME headers name them. */
#define __IPV6_ADDR_SCOPE_NODELOCAL 0x01
#define __IPV6_ADDR_SCOPE_INTFACELOCAL 0x01
#define __IPV6_ADDR_SCOPE_LINKLOCAL 0x02
#define __IPV6_ADDR_SCOPE_SITELOCAL 0x05
#define __IPV6_ADDR_SCOPE_ORGLOCAL 0x08
#define __IPV6_ADDR_SCOPE_GLOBAL 0x0e
#define __IPV6_ADDR_MC_SCOPE(a) ((a)->s6_addr[1] & 0x0f)

#ifndef IN6_IS_ADDR_MC_INTFACELOCAL
#define IN6_IS_ADDR_MC_INTFACELOCAL(a) \
  ((a)->s6_addr[0] == 0xff && __IPV6_ADDR_MC_SCOPE(a) == __IPV6_ADDR_SCOPE_INTFACELOCAL)
#endif
/* Link-local unicast, or link- or interface-local multicast. */
#define IN6_IS_SCOPE_LINKLOCAL(a)                                  \
  (((a)->s6_addr[0] == 0xfe && ((a)->s6_addr[1] & 0xc0) == 0x80) || \
   ((a)->s6_addr[0] == 0xff && __IPV6_ADDR_MC_SCOPE(a) == __IPV6_ADDR_SCOPE_LINKLOCAL))
#define IN6_IS_SCOPE_EMBED(a) \
  (IN6_IS_SCOPE_LINKLOCAL(a) || IN6_IS_ADDR_MC_INTFACELOCAL(a))

#endif /* !_RTSOCK_COMPAT_NETINET_IN_H_ */
