/*
 * rtsock compat: BSD visibility rules on top of glibc's <features.h>.
 *
 * A BSD libc exposes its BSD names (u_char, caddr_t, strlcpy, ...) unless
 * the program asks for a strict POSIX or X/Open environment, whatever -std
 * says; glibc hides them under -std=c99. Asking glibc for its default set in
 * exactly the cases where a BSD would show its own names keeps both views
 * the same:
 *
 *  - no feature-test macro at all (the BSD default);
 *  - a strict request together with the macro that system documents for
 *    getting its own names back: __BSD_VISIBLE (FreeBSD, DragonFly),
 *    _DARWIN_C_SOURCE (macOS), _NETBSD_SOURCE (NetBSD), _BSD_SOURCE
 *    (OpenBSD, and everyone's historical spelling);
 *  - _BSD_SOURCE or _SVID_SOURCE alone, which glibc still honours but warns
 *    about (#warning, an error under -Werror) unless _DEFAULT_SOURCE is
 *    there too: a BSD program that says _BSD_SOURCE gets the same names
 *    without the warning.
 */
#if defined(_BSD_SOURCE) || defined(_SVID_SOURCE) || defined(_NETBSD_SOURCE) || \
    defined(_DARWIN_C_SOURCE) || defined(_OPENBSD_SOURCE) ||                     \
    (defined(__BSD_VISIBLE) && (__BSD_VISIBLE + 0) != 0)
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#endif
#if !defined(_DEFAULT_SOURCE) && !defined(_GNU_SOURCE) && !defined(_POSIX_SOURCE) && \
    !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_ANSI_SOURCE) &&  \
    !defined(_C99_SOURCE) && !defined(_C11_SOURCE)
#define _DEFAULT_SOURCE 1
#endif
#include_next <features.h>
