/*
 * rtsock compat, macOS: <sys/sockio.h>, the interface ioctls with xnu's
 * encodings and structures (struct ifreq 32 bytes, struct ifconf 12,
 * struct ifmediareq 44). SIOCATMARK and SIOC[SG]PGRP keep Linux's numbers:
 * they go to the real kernel.
 */
#ifndef _SYS_SOCKIO_H_
#define _SYS_SOCKIO_H_

#include <sys/_rtsock_compat.h>
#include <sys/_rtsock_ioccom.h>
#include <sys/_rtsock_linux_sockios.h>

#define SIOCSIFADDR __RTSOCK_IOW('i', 12, struct ifreq)
#define SIOCSIFDSTADDR __RTSOCK_IOW('i', 14, struct ifreq)
#define SIOCSIFFLAGS __RTSOCK_IOW('i', 16, struct ifreq)
#define SIOCGIFFLAGS __RTSOCK_IOWR('i', 17, struct ifreq)
#define SIOCSIFBRDADDR __RTSOCK_IOW('i', 19, struct ifreq)
#define SIOCSIFNETMASK __RTSOCK_IOW('i', 22, struct ifreq)
#define SIOCGIFMETRIC __RTSOCK_IOWR('i', 23, struct ifreq)
#define SIOCSIFMETRIC __RTSOCK_IOW('i', 24, struct ifreq)
#define SIOCDIFADDR __RTSOCK_IOW('i', 25, struct ifreq)
#define SIOCAIFADDR __RTSOCK_IOW('i', 26, struct ifaliasreq)

#define SIOCGIFADDR __RTSOCK_IOWR('i', 33, struct ifreq)
#define SIOCGIFDSTADDR __RTSOCK_IOWR('i', 34, struct ifreq)
#define SIOCGIFBRDADDR __RTSOCK_IOWR('i', 35, struct ifreq)
#define SIOCGIFCONF __RTSOCK_IOWR('i', 36, struct ifconf)
#define SIOCGIFNETMASK __RTSOCK_IOWR('i', 37, struct ifreq)
#define SIOCAUTOADDR __RTSOCK_IOWR('i', 38, struct ifreq)
#define SIOCAUTONETMASK __RTSOCK_IOW('i', 39, struct ifreq)
#define SIOCARPIPLL __RTSOCK_IOWR('i', 40, struct ifreq)

#define SIOCADDMULTI __RTSOCK_IOW('i', 49, struct ifreq)
#define SIOCDELMULTI __RTSOCK_IOW('i', 50, struct ifreq)
#define SIOCGIFMTU __RTSOCK_IOWR('i', 51, struct ifreq)
#define SIOCSIFMTU __RTSOCK_IOW('i', 52, struct ifreq)
#define SIOCGIFPHYS __RTSOCK_IOWR('i', 53, struct ifreq)
#define SIOCSIFPHYS __RTSOCK_IOW('i', 54, struct ifreq)
#define SIOCSIFMEDIA __RTSOCK_IOWR('i', 55, struct ifreq)
#define SIOCGIFMEDIA __RTSOCK_IOWR('i', 56, struct ifmediareq)

#define SIOCSIFGENERIC __RTSOCK_IOW('i', 57, struct ifreq)
#define SIOCGIFGENERIC __RTSOCK_IOWR('i', 58, struct ifreq)
#define SIOCRSLVMULTI __RTSOCK_IOWR('i', 59, struct rslvmulti_req)

#define SIOCSIFLLADDR __RTSOCK_IOW('i', 60, struct ifreq)
#define SIOCGIFSTATUS __RTSOCK_IOWR('i', 61, struct ifstat)
#define SIOCSIFPHYADDR __RTSOCK_IOW('i', 62, struct ifaliasreq)
#define SIOCGIFPSRCADDR __RTSOCK_IOWR('i', 63, struct ifreq)
#define SIOCGIFPDSTADDR __RTSOCK_IOWR('i', 64, struct ifreq)
#define SIOCDIFPHYADDR __RTSOCK_IOW('i', 65, struct ifreq)

#define SIOCGIFDEVMTU __RTSOCK_IOWR('i', 68, struct ifreq)
#define SIOCSIFALTMTU __RTSOCK_IOW('i', 69, struct ifreq)
#define SIOCGIFALTMTU __RTSOCK_IOWR('i', 72, struct ifreq)
#define SIOCSIFBOND __RTSOCK_IOW('i', 70, struct ifreq)
#define SIOCGIFBOND __RTSOCK_IOWR('i', 71, struct ifreq)
#define SIOCGIFXMEDIA __RTSOCK_IOWR('i', 72, struct ifmediareq)

#define SIOCSIFCAP __RTSOCK_IOW('i', 90, struct ifreq)
#define SIOCGIFCAP __RTSOCK_IOWR('i', 91, struct ifreq)
#define SIOCSIFMANAGEMENT __RTSOCK_IOWR('i', 92, struct ifreq)

#define SIOCIFCREATE __RTSOCK_IOWR('i', 120, struct ifreq)
#define SIOCIFDESTROY __RTSOCK_IOW('i', 121, struct ifreq)
#define SIOCIFCREATE2 __RTSOCK_IOWR('i', 122, struct ifreq)

#define SIOCSDRVSPEC __RTSOCK_IOW('i', 123, struct ifdrv)
#define SIOCGDRVSPEC __RTSOCK_IOWR('i', 123, struct ifdrv)

#define SIOCSIFVLAN __RTSOCK_IOW('i', 126, struct ifreq)
#define SIOCGIFVLAN __RTSOCK_IOWR('i', 127, struct ifreq)
#define SIOCSETVLAN SIOCSIFVLAN
#define SIOCGETVLAN SIOCGIFVLAN

#define SIOCIFGCLONERS __RTSOCK_IOWR('i', 129, struct if_clonereq)

#define SIOCGIFASYNCMAP __RTSOCK_IOWR('i', 124, struct ifreq)
#define SIOCSIFASYNCMAP __RTSOCK_IOW('i', 125, struct ifreq)

#define SIOCGIFMAC __RTSOCK_IOWR('i', 130, struct ifreq)
#define SIOCSIFMAC __RTSOCK_IOW('i', 131, struct ifreq)
#define SIOCSIFKPI __RTSOCK_IOW('i', 134, struct ifreq)
#define SIOCGIFKPI __RTSOCK_IOWR('i', 135, struct ifreq)
#define SIOCGIFWAKEFLAGS __RTSOCK_IOWR('i', 136, struct ifreq)
#define SIOCGIFFUNCTIONALTYPE __RTSOCK_IOWR('i', 173, struct ifreq)

#define SIOCSIF6LOWPAN __RTSOCK_IOW('i', 196, struct ifreq)
#define SIOCGIF6LOWPAN __RTSOCK_IOWR('i', 197, struct ifreq)

#endif /* !_SYS_SOCKIO_H_ */
