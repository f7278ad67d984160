/*
 * rtsock compat headers, personality "dragonfly": DragonFly 5.8 and later (x86_64).
 *
 * Every compat header includes this file first. It names the personality for
 * the shared headers in compat/common and emits the personality note.
 */
#ifndef _RTSOCK_COMPAT_H_
#define _RTSOCK_COMPAT_H_

#define __RTSOCK_COMPAT__ 1
#define __RTSOCK_DRAGONFLY 1
#define __RTSOCK_PERSONALITY "dragonfly"

#include <sys/_rtsock_note.h>

#endif /* !_RTSOCK_COMPAT_H_ */
