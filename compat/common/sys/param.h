/*
 * rtsock compat: <sys/param.h> is glibc's (MIN, MAX, roundup, howmany,
 * powerof2, NBBY, MAXPATHLEN, setbit, ...) plus what the BSD's own file
 * defines that programs test or use: BSD (programs say `#if defined(BSD)`),
 * the release macros, ALIGN/ALIGNBYTES and a few helpers.
 */
#include_next <sys/param.h>

#ifndef _RTSOCK_COMPAT_SYS_PARAM_H_
#define _RTSOCK_COMPAT_SYS_PARAM_H_

#include <sys/_rtsock_compat.h>

/* System version (year and month of the 4.4BSD-Lite release it follows). */
#if defined(__RTSOCK_OPENBSD)
#define BSD 199306
#else
#define BSD 199506
#endif
#define BSD4_3 1
#define BSD4_4 1

#if defined(__RTSOCK_FREEBSD)
#ifndef __FreeBSD_version
#define __FreeBSD_version 1400097 /* 14.0-RELEASE */
#endif
#define P_OSREL_MAJOR(x) ((x) / 100000)
#elif defined(__RTSOCK_OPENBSD)
#define OpenBSD 202410 /* 7.6 */
#define OpenBSD7_6 1
#elif defined(__RTSOCK_NETBSD)
#define __NetBSD_Version__ 1000000000 /* 10.0 */
#define __NetBSD_Prereq__(M, m, p) \
  (((((M) * 100000000) + (m) * 1000000) + (p) * 100) <= __NetBSD_Version__)
#elif defined(__RTSOCK_DRAGONFLY)
#ifndef __DragonFly_version
#define __DragonFly_version 600400 /* 6.4 */
#endif
#endif

/* Alignment of the machine's widest scalar (sizeof(long) on LP64). */
#define ALIGNBYTES (sizeof(long) - 1)
#define ALIGN(p) (((unsigned long)(p) + ALIGNBYTES) & ~ALIGNBYTES)
#define _ALIGNBYTES ALIGNBYTES
#define _ALIGN(p) ALIGN(p)
#if defined(__RTSOCK_DARWIN)
#define ALIGNBYTES32 (sizeof(unsigned int) - 1)
#define ALIGN32(p) (((unsigned long)(p) + ALIGNBYTES32) & ~ALIGNBYTES32)
#endif
#if defined(__RTSOCK_OPENBSD) || defined(__RTSOCK_NETBSD)
#define ALIGNED_POINTER(p, t) 1
#endif

/* Host names: 255 bytes and a NUL on every BSD (glibc says 64). */
#undef MAXHOSTNAMELEN
#define MAXHOSTNAMELEN 256

#ifndef MAXCOMLEN
#define MAXCOMLEN 19
#endif
#ifndef MAXLOGNAME
#define MAXLOGNAME 33
#endif

#if !defined(__RTSOCK_DARWIN)
#ifndef PAGE_SHIFT
#define PAGE_SHIFT 12
#endif
#ifndef PAGE_SIZE
#define PAGE_SIZE (1 << PAGE_SHIFT)
#endif
#ifndef PAGE_MASK
#define PAGE_MASK (PAGE_SIZE - 1)
#endif
#endif

#ifndef roundup2
#define roundup2(x, y) (((x) + ((y) - 1)) & (~((__typeof__(x))(y) - 1)))
#endif
#ifndef rounddown
#define rounddown(x, y) (((x) / (y)) * (y))
#endif
#ifndef rounddown2
#define rounddown2(x, y) ((x) & (~((__typeof__(x))(y) - 1)))
#endif
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY) || defined(__RTSOCK_OPENBSD)
#ifndef nitems
#define nitems(x) (sizeof((x)) / sizeof((x)[0]))
#endif
#endif

#endif /* !_RTSOCK_COMPAT_SYS_PARAM_H_ */
