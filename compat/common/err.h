/*
 * rtsock compat: <err.h> is the C library's, plus the errc family every BSD
 * and macOS declares and glibc lacks (err(3): the message, then the text of
 * the given error code rather than errno's). librtsock-compat provides them.
 */
#include_next <err.h>

#ifndef _RTSOCK_COMPAT_ERR_H_
#define _RTSOCK_COMPAT_ERR_H_

#include <sys/_rtsock_compat.h>

#ifdef __cplusplus
extern "C" {
#endif
void (errc)(int, int, const char *, ...) __attribute__((__noreturn__, __format__(__printf__, 3, 4)));
void (verrc)(int, int, const char *, __gnuc_va_list) __attribute__((__noreturn__, __format__(__printf__, 3, 0)));
void (warnc)(int, const char *, ...) __THROW __attribute__((__format__(__printf__, 2, 3)));
void (vwarnc)(int, const char *, __gnuc_va_list) __THROW __attribute__((__format__(__printf__, 2, 0)));
#ifdef __cplusplus
}
#endif

#endif /* !_RTSOCK_COMPAT_ERR_H_ */
