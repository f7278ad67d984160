/*
 * rtsock compat: <unistd.h> is the C library's, plus the BSD process calls a
 * BSD <unistd.h> declares and glibc lacks. librtsock-compat provides them:
 * OpenBSD's pledge(2) and unveil(2) succeed without restricting anything
 * (no sandbox is emulated); FreeBSD's and DragonFly's setproctitle(3) names
 * the main thread (docs/compat.md). The names are parenthesised against a
 * program's own function-like macros (portable code often has
 * `#define pledge(p, e) 0`).
 */
#include_next <unistd.h>

#if !defined(_RTSOCK_COMPAT_UNISTD_H_) && defined(__USE_MISC)
#define _RTSOCK_COMPAT_UNISTD_H_

#include <sys/_rtsock_compat.h>

#ifdef __cplusplus
extern "C" {
#endif
#if defined(__RTSOCK_OPENBSD)
int (pledge)(const char *, const char *) __THROW;
int (unveil)(const char *, const char *) __THROW;
#endif
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY)
void (setproctitle)(const char *, ...) __THROW __attribute__((__format__(__printf__, 1, 2)));
#endif
#if defined(__RTSOCK_FREEBSD)
void (setproctitle_fast)(const char *, ...) __THROW __attribute__((__format__(__printf__, 1, 2)));
#endif
#ifdef __cplusplus
}
#endif

#endif /* !_RTSOCK_COMPAT_UNISTD_H_ */
