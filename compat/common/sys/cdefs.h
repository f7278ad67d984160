/*
 * rtsock compat: <sys/cdefs.h> is glibc's plus the BSD helper macros that
 * BSD programs use without a second thought (__FBSDID, __RCSID, __unused,
 * __dead2, __printflike, __DECONST, ...). glibc's own headers include this
 * file, so the macros are there as soon as any system header is.
 *
 * Left out on purpose: __used (glibc's <spawn.h> has a member of that name)
 * and BSD's one-argument __nonnull (glibc's takes a parenthesised list).
 */
#include_next <sys/cdefs.h>

#ifndef _RTSOCK_COMPAT_CDEFS_H_
#define _RTSOCK_COMPAT_CDEFS_H_

#include <sys/_rtsock_compat.h>

/* A program may set __BSD_VISIBLE itself (FreeBSD's way to keep BSD names
 * under _POSIX_C_SOURCE; <features.h> then asks glibc for them). */
#ifndef __BSD_VISIBLE
#ifdef __USE_MISC
#define __BSD_VISIBLE 1
#else
#define __BSD_VISIBLE 0
#endif
#endif
#ifndef __POSIX_VISIBLE
#define __POSIX_VISIBLE 200809
#endif
#ifndef __XSI_VISIBLE
#define __XSI_VISIBLE 700
#endif
#ifndef __ISO_C_VISIBLE
#define __ISO_C_VISIBLE 2011
#endif

#ifndef __GNUC_PREREQ__
#define __GNUC_PREREQ__(ma, mi) __GNUC_PREREQ(ma, mi)
#endif

/* Identification strings: kept out of the object, as with -DSTRIP_FBSDID. */
#ifndef __IDSTRING
#define __IDSTRING(name, string) struct __rtsock_idstring_unused
#endif
#ifndef __FBSDID
#define __FBSDID(s) struct __rtsock_idstring_unused
#endif
#ifndef __RCSID
#define __RCSID(s) struct __rtsock_idstring_unused
#endif
#ifndef __SCCSID
#define __SCCSID(s) struct __rtsock_idstring_unused
#endif
#ifndef __COPYRIGHT
#define __COPYRIGHT(s) struct __rtsock_idstring_unused
#endif
#ifndef __KERNEL_RCSID
#define __KERNEL_RCSID(n, s) struct __rtsock_idstring_unused
#endif

#ifndef __unused
#define __unused __attribute__((__unused__))
#endif
#ifndef __dead2
#define __dead2 __attribute__((__noreturn__))
#endif
#ifndef __dead
#define __dead __attribute__((__noreturn__))
#endif
#ifndef __pure2
#define __pure2 __attribute__((__const__))
#endif
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif
#ifndef __aligned
#define __aligned(x) __attribute__((__aligned__(x)))
#endif
#ifndef __section
#define __section(x) __attribute__((__section__(x)))
#endif
#ifndef __weak_symbol
#define __weak_symbol __attribute__((__weak__))
#endif
#ifndef __noinline
#define __noinline __attribute__((__noinline__))
#endif
#ifndef __printflike
#define __printflike(fmtarg, firstvararg) \
  __attribute__((__format__(__printf__, fmtarg, firstvararg)))
#endif
#ifndef __printf0like
#define __printf0like(fmtarg, firstvararg) \
  __attribute__((__format__(__printf__, fmtarg, firstvararg)))
#endif
#ifndef __scanflike
#define __scanflike(fmtarg, firstvararg) \
  __attribute__((__format__(__scanf__, fmtarg, firstvararg)))
#endif
#ifndef __format_arg
#define __format_arg(fmtarg) __attribute__((__format_arg__(fmtarg)))
#endif
#ifndef __malloc_like
#define __malloc_like __attribute__((__malloc__))
#endif
#ifndef __result_use_check
#define __result_use_check __attribute__((__warn_unused_result__))
#endif
#ifndef __returns_twice
#define __returns_twice __attribute__((__returns_twice__))
#endif
#ifndef __predict_true
#define __predict_true(exp) __builtin_expect((exp) != 0, 1)
#endif
#ifndef __predict_false
#define __predict_false(exp) __builtin_expect((exp) != 0, 0)
#endif
#ifndef __unreachable
#define __unreachable() __builtin_unreachable()
#endif
#ifndef __offsetof
#define __offsetof(type, field) __builtin_offsetof(type, field)
#endif
#ifndef __rangeof
#define __rangeof(type, start, end) (__offsetof(type, end) - __offsetof(type, start))
#endif
#ifndef __containerof
#define __containerof(x, s, m) ((s *)(void *)((char *)(x) - __offsetof(s, m)))
#endif
#ifndef __DECONST
#define __DECONST(type, var) ((type)(__UINTPTR_TYPE__)(const void *)(var))
#endif
#ifndef __DEVOLATILE
#define __DEVOLATILE(type, var) ((type)(__UINTPTR_TYPE__)(volatile void *)(var))
#endif
#ifndef __DEQUALIFY
#define __DEQUALIFY(type, var) ((type)(__UINTPTR_TYPE__)(const volatile void *)(var))
#endif
#ifndef __UNCONST
#define __UNCONST(a) ((void *)(__UINTPTR_TYPE__)(const void *)(a))
#endif
#ifndef __UNVOLATILE
#define __UNVOLATILE(a) ((void *)(__UINTPTR_TYPE__)(volatile void *)(a))
#endif
#ifndef __arraycount
#define __arraycount(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __nitems
#define __nitems(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef __CTASSERT
#ifdef __cplusplus
#define __CTASSERT(x) static_assert(x, "compile-time assertion failed")
#else
#define __CTASSERT(x) _Static_assert(x, "compile-time assertion failed")
#endif
#endif
#ifndef __alloc_size
#define __alloc_size(x) __attribute__((__alloc_size__(x)))
#endif
#ifndef __alloc_size2
#define __alloc_size2(n, x) __attribute__((__alloc_size__(n, x)))
#endif
#ifndef __alloc_align
#define __alloc_align(x) __attribute__((__alloc_align__(x)))
#endif
#ifndef __exported
#define __exported __attribute__((__visibility__("default")))
#endif
#ifndef __hidden
#define __hidden __attribute__((__visibility__("hidden")))
#endif
#ifndef __dso_public
#define __dso_public __attribute__((__visibility__("default")))
#endif
#ifndef __dso_hidden
#define __dso_hidden __attribute__((__visibility__("hidden")))
#endif
#ifndef __BEGIN_HIDDEN_DECLS
#define __BEGIN_HIDDEN_DECLS _Pragma("GCC visibility push(hidden)")
#define __END_HIDDEN_DECLS _Pragma("GCC visibility pop")
#endif
#ifndef __BEGIN_PUBLIC_DECLS
#define __BEGIN_PUBLIC_DECLS _Pragma("GCC visibility push(default)") __BEGIN_DECLS
#define __END_PUBLIC_DECLS __END_DECLS _Pragma("GCC visibility pop")
#endif
/* NetBSD: variables used only in assertions or debug code. */
#ifndef __diagused
#define __diagused __attribute__((__unused__))
#endif
#ifndef __debugused
#define __debugused __attribute__((__unused__))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((__noreturn__))
#endif
#if defined(__RTSOCK_OPENBSD) && !defined(__bounded__)
/* OpenBSD's compiler checks buffer bounds given as
 * __attribute__((__bounded__(...))); others do not know the attribute. */
#define __bounded__(type, buf, len)
#endif
#if defined(__RTSOCK_NETBSD)
/* NetBSD's bit-field helpers. */
#ifndef __BIT
#define __BIT(__n) \
  (((__UINTMAX_TYPE__)(__n) >= __CHAR_BIT__ * sizeof(__UINTMAX_TYPE__)) ? 0 \
       : ((__UINTMAX_TYPE__)1 << (__UINTMAX_TYPE__)((__n) & (__CHAR_BIT__ * sizeof(__UINTMAX_TYPE__) - 1))))
#define __BITS(__m, __n) \
  ((__BIT(((__m) > (__n)) ? (__m) : (__n)) * 2 - 1) - (__BIT(((__m) < (__n)) ? (__m) : (__n)) - 1))
#define __LOWEST_SET_BIT(__mask) ((((__mask) - 1) & (__mask)) ^ (__mask))
#define __SHIFTOUT(__x, __mask) (((__x) & (__mask)) / __LOWEST_SET_BIT(__mask))
#define __SHIFTIN(__x, __mask) ((__x) * __LOWEST_SET_BIT(__mask))
#define __SHIFTOUT_MASK(__mask) __SHIFTOUT((__mask), (__mask))
#endif
#endif
#ifndef __LONG_LONG_SUPPORTED
#define __LONG_LONG_SUPPORTED 1
#endif

#endif /* !_RTSOCK_COMPAT_CDEFS_H_ */
