/*
 * rtsock compat headers, personality "openbsd": OpenBSD (amd64/arm64).
 *
 * Every compat header includes this file first. It names the personality for
 * the shared headers in compat/common and emits the personality note.
 */
#ifndef _RTSOCK_COMPAT_H_
#define _RTSOCK_COMPAT_H_

#define __RTSOCK_COMPAT__ 1
#define __RTSOCK_OPENBSD 1
#define __RTSOCK_PERSONALITY "openbsd"

#include <sys/_rtsock_note.h>

#endif /* !_RTSOCK_COMPAT_H_ */
