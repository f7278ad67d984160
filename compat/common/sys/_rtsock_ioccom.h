/*
 * rtsock compat: the BSD ioctl encoding, kept apart from Linux's _IO*
 * macros (glibc's <sys/ioctl.h> defines those with other direction bits).
 * A BSD request is direction | (size & 0x1fff) << 16 | group << 8 | number;
 * the compat SIOC* names use these so their values are the BSD's whatever
 * else the program includes.
 */
#ifndef _RTSOCK_COMPAT_IOCCOM_H_
#define _RTSOCK_COMPAT_IOCCOM_H_

#define __RTSOCK_IOCPARM_MASK 0x1fff
#define __RTSOCK_IOC_VOID 0x20000000UL
#define __RTSOCK_IOC_OUT 0x40000000UL
#define __RTSOCK_IOC_IN 0x80000000UL
#define __RTSOCK_IOC_INOUT (__RTSOCK_IOC_IN | __RTSOCK_IOC_OUT)

#define __RTSOCK_IOC(inout, group, num, len) \
  ((unsigned long)((inout) | ((unsigned long)((len) & __RTSOCK_IOCPARM_MASK) << 16) | \
                   ((unsigned long)(group) << 8) | (unsigned long)(num)))
#define __RTSOCK_IO(g, n) __RTSOCK_IOC(__RTSOCK_IOC_VOID, (g), (n), 0)
#define __RTSOCK_IOR(g, n, t) __RTSOCK_IOC(__RTSOCK_IOC_OUT, (g), (n), sizeof(t))
#define __RTSOCK_IOW(g, n, t) __RTSOCK_IOC(__RTSOCK_IOC_IN, (g), (n), sizeof(t))
#define __RTSOCK_IOWR(g, n, t) __RTSOCK_IOC(__RTSOCK_IOC_INOUT, (g), (n), sizeof(t))

#endif /* !_RTSOCK_COMPAT_IOCCOM_H_ */
