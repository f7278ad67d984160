/*
 * rtsock compat: BSD visibility rules on top of glibc's <features.h>.
 *
 * A BSD libc exposes its BSD names (u_char, caddr_t, ...) unless the program
 * asks for a strict POSIX or X/Open environment, whatever -std says; glibc
 * hides them under -std=c99. Asking glibc for its default set in exactly the
 * cases where a BSD would show its names keeps both views the same.
 */
#if !defined(_DEFAULT_SOURCE) && !defined(_GNU_SOURCE) && !defined(_BSD_SOURCE) && \
    !defined(_SVID_SOURCE) && !defined(_POSIX_SOURCE) && !defined(_POSIX_C_SOURCE) && \
    !defined(_XOPEN_SOURCE) && !defined(_ANSI_SOURCE) && !defined(_C99_SOURCE) && \
    !defined(_C11_SOURCE)
#define _DEFAULT_SOURCE 1
#endif
#include_next <features.h>
