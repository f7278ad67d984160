/*
 * rtsock compat headers, personality "darwin": macOS (x86_64 and arm64, LP64).
 *
 * Every compat header includes this file first. It names the personality for
 * the shared headers in compat/common and emits the personality note.
 */
#ifndef _RTSOCK_COMPAT_H_
#define _RTSOCK_COMPAT_H_

#define __RTSOCK_COMPAT__ 1
#define __RTSOCK_DARWIN 1
#define __RTSOCK_PERSONALITY "darwin"

#include <sys/_rtsock_note.h>

#endif /* !_RTSOCK_COMPAT_H_ */
