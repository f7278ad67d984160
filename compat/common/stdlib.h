/*
 * rtsock compat: <stdlib.h> is the C library's, plus the BSD functions every
 * BSD <stdlib.h> declares and glibc lacks. librtsock-compat provides them.
 */
#include_next <stdlib.h>

#if !defined(_RTSOCK_COMPAT_STDLIB_H_) && defined(__USE_MISC) && !defined(__need_malloc_and_calloc)
#define _RTSOCK_COMPAT_STDLIB_H_

#include <sys/_rtsock_compat.h>

#ifdef __cplusplus
extern "C" {
#endif
const char *getprogname(void) __THROW;
void setprogname(const char *) __THROW;
long long strtonum(const char *, long long, long long, const char **) __THROW;
#if defined(__RTSOCK_OPENBSD) || defined(__RTSOCK_NETBSD)
void (setproctitle)(const char *, ...) __THROW __attribute__((__format__(__printf__, 1, 2)));
#endif
#if defined(__RTSOCK_OPENBSD)
void *(recallocarray)(void *, size_t, size_t, size_t) __THROW __wur;
void (freezero)(void *, size_t) __THROW;
#endif
#ifdef __cplusplus
}
#endif

#endif /* !_RTSOCK_COMPAT_STDLIB_H_ */
