/*
 * rtsock compat, NetBSD 8 and later: <sys/sockio.h>, the interface ioctls
 * with NetBSD's encodings and structures (struct ifreq 144 bytes, so
 * SIOCGIFFLAGS is 0xc0906911). SIOCATMARK and SIOC[SG]PGRP keep Linux's
 * numbers: they go to the real kernel.
 */
#ifndef _SYS_SOCKIO_H_
#define _SYS_SOCKIO_H_

#include <sys/_rtsock_compat.h>
#include <sys/_rtsock_ioccom.h>
#include <sys/_rtsock_linux_sockios.h>

#define SIOCSIFADDR __RTSOCK_IOW('i', 12, struct ifreq)
#define SIOCGIFADDR __RTSOCK_IOWR('i', 33, struct ifreq)
#define SIOCSIFDSTADDR __RTSOCK_IOW('i', 14, struct ifreq)
#define SIOCGIFDSTADDR __RTSOCK_IOWR('i', 34, struct ifreq)
#define SIOCSIFFLAGS __RTSOCK_IOW('i', 16, struct ifreq)
#define SIOCGIFFLAGS __RTSOCK_IOWR('i', 17, struct ifreq)
#define SIOCGIFBRDADDR __RTSOCK_IOWR('i', 35, struct ifreq)
#define SIOCSIFBRDADDR __RTSOCK_IOW('i', 19, struct ifreq)
#define SIOCGIFCONF __RTSOCK_IOWR('i', 38, struct ifconf)
#define SIOCGIFNETMASK __RTSOCK_IOWR('i', 37, struct ifreq)
#define SIOCSIFNETMASK __RTSOCK_IOW('i', 22, struct ifreq)
#define SIOCGIFMETRIC __RTSOCK_IOWR('i', 23, struct ifreq)
#define SIOCSIFMETRIC __RTSOCK_IOW('i', 24, struct ifreq)
#define SIOCDIFADDR __RTSOCK_IOW('i', 25, struct ifreq)
#define SIOCAIFADDR __RTSOCK_IOW('i', 26, struct ifaliasreq)
#define SIOCGIFALIAS __RTSOCK_IOWR('i', 27, struct ifaliasreq)
#define SIOCGIFAFLAG_IN __RTSOCK_IOWR('i', 39, struct ifreq)

#define SIOCALIFADDR __RTSOCK_IOW('i', 28, struct if_laddrreq)
#define SIOCGLIFADDR __RTSOCK_IOWR('i', 29, struct if_laddrreq)
#define SIOCDLIFADDR __RTSOCK_IOW('i', 30, struct if_laddrreq)
#define SIOCSIFADDRPREF __RTSOCK_IOW('i', 31, struct if_addrprefreq)
#define SIOCGIFADDRPREF __RTSOCK_IOWR('i', 32, struct if_addrprefreq)

#define SIOCADDMULTI __RTSOCK_IOW('i', 49, struct ifreq)
#define SIOCDELMULTI __RTSOCK_IOW('i', 50, struct ifreq)

#define SIOCSIFMEDIA __RTSOCK_IOWR('i', 53, struct ifreq)
#define SIOCGIFMEDIA __RTSOCK_IOWR('i', 54, struct ifmediareq)

#define SIOCSIFGENERIC __RTSOCK_IOW('i', 57, struct ifreq)
#define SIOCGIFGENERIC __RTSOCK_IOWR('i', 58, struct ifreq)

#define SIOCSIFPHYADDR __RTSOCK_IOW('i', 70, struct ifaliasreq)
#define SIOCGIFPSRCADDR __RTSOCK_IOWR('i', 71, struct ifreq)
#define SIOCGIFPDSTADDR __RTSOCK_IOWR('i', 72, struct ifreq)
#define SIOCDIFPHYADDR __RTSOCK_IOW('i', 73, struct ifreq)
#define SIOCSLIFPHYADDR __RTSOCK_IOW('i', 74, struct if_laddrreq)
#define SIOCGLIFPHYADDR __RTSOCK_IOWR('i', 75, struct if_laddrreq)

#define SIOCSIFMTU __RTSOCK_IOW('i', 127, struct ifreq)
#define SIOCGIFMTU __RTSOCK_IOWR('i', 126, struct ifreq)
#define SIOCSIFASYNCMAP __RTSOCK_IOW('i', 125, struct ifreq)
#define SIOCGIFASYNCMAP __RTSOCK_IOWR('i', 124, struct ifreq)
#define SIOCSDRVSPEC __RTSOCK_IOW('i', 123, struct ifdrv)
#define SIOCGDRVSPEC __RTSOCK_IOWR('i', 123, struct ifdrv)
#define SIOCIFCREATE __RTSOCK_IOW('i', 122, struct ifreq)
#define SIOCIFDESTROY __RTSOCK_IOW('i', 121, struct ifreq)
#define SIOCIFGCLONERS __RTSOCK_IOWR('i', 120, struct if_clonereq)
#define SIOCGIFDLT __RTSOCK_IOWR('i', 119, struct ifreq)
#define SIOCGIFCAP __RTSOCK_IOWR('i', 118, struct ifcapreq)
#define SIOCSIFCAP __RTSOCK_IOW('i', 117, struct ifcapreq)

#define SIOCGIFDATA __RTSOCK_IOWR('i', 133, struct ifdatareq)
#define SIOCZIFDATA __RTSOCK_IOWR('i', 134, struct ifdatareq)
#define SIOCGLINKSTR __RTSOCK_IOWR('i', 135, struct ifdrv)
#define SIOCSLINKSTR __RTSOCK_IOW('i', 136, struct ifdrv)
#define SIOCGIFINDEX __RTSOCK_IOWR('i', 140, struct ifreq)
#define SIOCSIFDESCR __RTSOCK_IOW('i', 142, struct ifreq)
#define SIOCGIFDESCR __RTSOCK_IOWR('i', 143, struct ifreq)

#endif /* !_SYS_SOCKIO_H_ */
