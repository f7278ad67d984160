/*
 * rtsock compat: <sys/types.h> is glibc's. Our <features.h> asks glibc for
 * its default set whenever a BSD would show its own names, so u_char,
 * u_short, u_int, u_long, caddr_t, quad_t and u_int8_t... are there in the
 * same cases as on a BSD. Added: what glibc has no name for.
 */
#include_next <sys/types.h>

#ifndef _RTSOCK_COMPAT_SYS_TYPES_H_
#define _RTSOCK_COMPAT_SYS_TYPES_H_

#include <sys/_rtsock_compat.h>

#ifdef __USE_MISC
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY)
typedef const char *c_caddr_t;
#endif
#endif

#endif /* !_RTSOCK_COMPAT_SYS_TYPES_H_ */
