/*
 * rtsock compat, NetBSD: <machine/ansi.h>. GCC's own <stddef.h> includes it
 * when __NetBSD__ is defined and relies on its _BSD_*_T_ names to decide
 * which types it still has to define.
 */
#ifndef _RTSOCK_COMPAT_MACHINE_ANSI_H_
#define _RTSOCK_COMPAT_MACHINE_ANSI_H_

#define _BSD_PTRDIFF_T_ long
#define _BSD_SIZE_T_ unsigned long
#define _BSD_SSIZE_T_ long
#define _BSD_WCHAR_T_ int

#endif /* !_RTSOCK_COMPAT_MACHINE_ANSI_H_ */
