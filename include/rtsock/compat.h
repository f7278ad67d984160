/*
 * rtsock/compat.h — librtsock-compat.so, the run-time half of rtsock's BSD
 * compatibility layer (docs/compat.md). A program built with rtsock-cc (or
 * run under rtsock-run) needs nothing from this header: the library
 * replaces socket(PF_ROUTE, ...), sysctl(3), the SIOC* ioctls, getifaddrs(3)
 * and the sockaddr-carrying calls behind the program's back. This is for
 * tools and tests that want to know what it decided.
 */
#ifndef RTSOCK_COMPAT_H
#define RTSOCK_COMPAT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The ABI profile the library emulates for this process ("freebsd14-amd64",
 * "openbsd", ...), from the personality note the compat headers put into the
 * program; NULL when the library is passive (a program not built against
 * the compat headers: every call goes to the C library untouched).
 */
const char* rtsock_compat_personality(void);

#ifdef __cplusplus
}
#endif

#endif /* RTSOCK_COMPAT_H */
