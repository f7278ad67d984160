/*
 * rtsock compat: <string.h> is the C library's, plus the BSD functions a BSD
 * <string.h> declares and glibc (before 2.38) lacks. librtsock-compat
 * provides them.
 */
#include_next <string.h>

#if !defined(_RTSOCK_COMPAT_STRING_H_) && defined(__USE_MISC)
#define _RTSOCK_COMPAT_STRING_H_

#include <sys/_rtsock_compat.h>

#ifdef __cplusplus
extern "C" {
#endif
#if !__GLIBC_PREREQ(2, 38)
size_t strlcpy(char *__restrict, const char *__restrict, size_t) __THROW;
size_t strlcat(char *__restrict, const char *__restrict, size_t) __THROW;
#endif
#ifdef __cplusplus
}
#endif

#endif /* !_RTSOCK_COMPAT_STRING_H_ */
