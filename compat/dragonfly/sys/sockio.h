/*
 * rtsock compat, DragonFly 5.8 and later: <sys/sockio.h>, the interface
 * ioctls with DragonFly's encodings and structures (struct ifreq 32 bytes).
 * SIOCATMARK and SIOC[SG]PGRP keep Linux's numbers: they go to the real
 * kernel.
 */
#ifndef _SYS_SOCKIO_H_
#define _SYS_SOCKIO_H_

#include <sys/_rtsock_compat.h>
#include <sys/_rtsock_ioccom.h>
#include <sys/_rtsock_linux_sockios.h>

#define SIOCGETVIFCNT __RTSOCK_IOWR('r', 15, struct sioc_vif_req)
#define SIOCGETSGCNT __RTSOCK_IOWR('r', 16, struct sioc_sg_req)

#define SIOCSIFADDR __RTSOCK_IOW('i', 12, struct ifreq)
#define SIOCGIFADDR __RTSOCK_IOWR('i', 33, struct ifreq)
#define SIOCSIFDSTADDR __RTSOCK_IOW('i', 14, struct ifreq)
#define SIOCGIFDSTADDR __RTSOCK_IOWR('i', 34, struct ifreq)
#define SIOCSIFFLAGS __RTSOCK_IOW('i', 16, struct ifreq)
#define SIOCGIFFLAGS __RTSOCK_IOWR('i', 17, struct ifreq)
#define SIOCGIFBRDADDR __RTSOCK_IOWR('i', 35, struct ifreq)
#define SIOCSIFBRDADDR __RTSOCK_IOW('i', 19, struct ifreq)
#define SIOCGIFCONF __RTSOCK_IOWR('i', 36, struct ifconf)
#define SIOCGIFNETMASK __RTSOCK_IOWR('i', 37, struct ifreq)
#define SIOCSIFNETMASK __RTSOCK_IOW('i', 22, struct ifreq)
#define SIOCGIFMETRIC __RTSOCK_IOWR('i', 23, struct ifreq)
#define SIOCSIFMETRIC __RTSOCK_IOW('i', 24, struct ifreq)
#define SIOCDIFADDR __RTSOCK_IOW('i', 25, struct ifreq)
#define SIOCAIFADDR __RTSOCK_IOW('i', 26, struct ifaliasreq)
#define SIOCALIFADDR __RTSOCK_IOW('i', 27, struct if_laddrreq)
#define SIOCGLIFADDR __RTSOCK_IOWR('i', 28, struct if_laddrreq)
#define SIOCDLIFADDR __RTSOCK_IOW('i', 29, struct if_laddrreq)
#define SIOCSIFCAP __RTSOCK_IOW('i', 30, struct ifreq)
#define SIOCGIFCAP __RTSOCK_IOWR('i', 31, struct ifreq)
#define SIOCGIFINDEX __RTSOCK_IOWR('i', 32, struct ifreq)
#define SIOCGIFDATA __RTSOCK_IOWR('i', 38, struct ifreq)
#define SIOCSIFNAME __RTSOCK_IOW('i', 40, struct ifreq)
#define SIOCGIFALIAS __RTSOCK_IOWR('i', 41, struct ifaliasreq)

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
#define SIOCGIFSTATUS __RTSOCK_IOWR('i', 59, struct ifstat)
#define SIOCSIFLLADDR __RTSOCK_IOW('i', 60, struct ifreq)

#define SIOCSIFPHYADDR __RTSOCK_IOW('i', 70, struct ifaliasreq)
#define SIOCGIFPSRCADDR __RTSOCK_IOWR('i', 71, struct ifreq)
#define SIOCGIFPDSTADDR __RTSOCK_IOWR('i', 72, struct ifreq)
#define SIOCDIFPHYADDR __RTSOCK_IOW('i', 73, struct ifreq)
#define SIOCSLIFPHYADDR __RTSOCK_IOW('i', 74, struct if_laddrreq)
#define SIOCGLIFPHYADDR __RTSOCK_IOWR('i', 75, struct if_laddrreq)

#define SIOCGPRIVATE_0 __RTSOCK_IOWR('i', 80, struct ifreq)
#define SIOCGPRIVATE_1 __RTSOCK_IOWR('i', 81, struct ifreq)

#define SIOCIFGCLONERS __RTSOCK_IOWR('i', 120, struct if_clonereq)
#define SIOCIFDESTROY __RTSOCK_IOW('i', 121, struct ifreq)
#define SIOCIFCREATE __RTSOCK_IOWR('i', 122, struct ifreq)
#define SIOCSDRVSPEC __RTSOCK_IOW('i', 123, struct ifdrv)
#define SIOCGDRVSPEC __RTSOCK_IOWR('i', 123, struct ifdrv)
#define SIOCIFCREATE2 __RTSOCK_IOWR('i', 124, struct ifreq)
#define SIOCSIFPOLLCPU __RTSOCK_IOW('i', 125, struct ifreq)
#define SIOCGIFPOLLCPU __RTSOCK_IOWR('i', 126, struct ifreq)
#define SIOCSIFTSOLEN __RTSOCK_IOW('i', 127, struct ifreq)
#define SIOCGIFTSOLEN __RTSOCK_IOWR('i', 128, struct ifreq)

#define SIOCAIFGROUP __RTSOCK_IOW('i', 135, struct ifgroupreq)
#define SIOCGIFGROUP __RTSOCK_IOWR('i', 136, struct ifgroupreq)
#define SIOCDIFGROUP __RTSOCK_IOW('i', 137, struct ifgroupreq)
#define SIOCGIFGMEMB __RTSOCK_IOWR('i', 138, struct ifgroupreq)

#endif /* !_SYS_SOCKIO_H_ */
