/*
 * rtsock compat, FreeBSD: <sys/_types.h>. GCC's own <stddef.h> includes it
 * when __FreeBSD__ is defined and wants __rune_t from it; the other
 * double-underscore types are glibc's.
 */
#ifndef _SYS__TYPES_H_
#define _SYS__TYPES_H_

#include <bits/types.h>

typedef int __rune_t;
typedef int __ct_rune_t;

#endif /* !_SYS__TYPES_H_ */
