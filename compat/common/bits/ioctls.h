/*
 * rtsock compat: <sys/ioctl.h> without Linux's socket ioctls.
 *
 * glibc's <sys/ioctl.h> takes the terminal and file ioctls (TIOC*, FIO*) from
 * the kernel headers and defines Linux's SIOC* numbers (0x89xx) here. A BSD
 * program wants its own SIOC* encodings with BSD structures, so this
 * replacement keeps the kernel's terminal and file ioctls and takes the
 * socket ones from the personality's <sys/sockio.h>, as a BSD <sys/ioctl.h>
 * does.
 */
#ifndef _RTSOCK_COMPAT_BITS_IOCTLS_H_
#define _RTSOCK_COMPAT_BITS_IOCTLS_H_

#include <asm/ioctls.h>
#include <sys/sockio.h>

#endif /* !_RTSOCK_COMPAT_BITS_IOCTLS_H_ */
