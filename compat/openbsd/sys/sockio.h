/*
 * rtsock compat, OpenBSD: <sys/sockio.h>, the interface ioctls with
 * OpenBSD's encodings and structures (struct ifreq 32 bytes, struct
 * ifmediareq 64, struct if_laddrreq 536). SIOCATMARK and SIOC[SG]PGRP keep
 * Linux's numbers: they go to the real kernel.
 */
#ifndef _SYS_SOCKIO_H_
#define _SYS_SOCKIO_H_

#include <sys/_rtsock_compat.h>
#include <sys/_rtsock_ioccom.h>
#include <sys/_rtsock_linux_sockios.h>

#define SIOCGETVIFCNT __RTSOCK_IOWR('u', 51, struct sioc_vif_req)
#define SIOCGETSGCNT __RTSOCK_IOWR('u', 52, struct sioc_sg_req)

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
#define SIOCGIFDATA __RTSOCK_IOWR('i', 27, struct ifreq)
#define SIOCSIFLLADDR __RTSOCK_IOW('i', 31, struct ifreq)

#define SIOCADDMULTI __RTSOCK_IOW('i', 49, struct ifreq)
#define SIOCDELMULTI __RTSOCK_IOW('i', 50, struct ifreq)
#define SIOCSIFMEDIA __RTSOCK_IOWR('i', 55, struct ifreq)
#define SIOCGIFMEDIA __RTSOCK_IOWR('i', 56, struct ifmediareq)
#define SIOCSIFGENERIC __RTSOCK_IOW('i', 57, struct ifreq)
#define SIOCGIFGENERIC __RTSOCK_IOWR('i', 58, struct ifreq)

#define SIOCDIFPHYADDR __RTSOCK_IOW('i', 73, struct ifreq)
#define SIOCSLIFPHYADDR __RTSOCK_IOW('i', 74, struct if_laddrreq)
#define SIOCGLIFPHYADDR __RTSOCK_IOWR('i', 75, struct if_laddrreq)

#define SIOCIFDESTROY __RTSOCK_IOW('i', 121, struct ifreq)
#define SIOCIFCREATE __RTSOCK_IOW('i', 122, struct ifreq)
#define SIOCIFGCLONERS __RTSOCK_IOWR('i', 120, struct if_clonereq)

#define SIOCGIFMTU __RTSOCK_IOWR('i', 126, struct ifreq)
#define SIOCSIFMTU __RTSOCK_IOW('i', 127, struct ifreq)
#define SIOCSIFDESCR __RTSOCK_IOW('i', 128, struct ifreq)
#define SIOCGIFDESCR __RTSOCK_IOWR('i', 129, struct ifreq)
#define SIOCSIFRTLABEL __RTSOCK_IOW('i', 130, struct ifreq)
#define SIOCGIFRTLABEL __RTSOCK_IOWR('i', 131, struct ifreq)

#define SIOCAIFGROUP __RTSOCK_IOW('i', 135, struct ifgroupreq)
#define SIOCGIFGROUP __RTSOCK_IOWR('i', 136, struct ifgroupreq)
#define SIOCDIFGROUP __RTSOCK_IOW('i', 137, struct ifgroupreq)
#define SIOCGIFGMEMB __RTSOCK_IOWR('i', 138, struct ifgroupreq)
#define SIOCGIFGATTR __RTSOCK_IOWR('i', 139, struct ifgroupreq)
#define SIOCSIFGATTR __RTSOCK_IOW('i', 140, struct ifgroupreq)
#define SIOCGIFGLIST __RTSOCK_IOWR('i', 141, struct ifgroupreq)

#define SIOCSETVLAN __RTSOCK_IOW('i', 143, struct ifreq)
#define SIOCGETVLAN __RTSOCK_IOWR('i', 144, struct ifreq)

#define SIOCSIFPRIORITY __RTSOCK_IOW('i', 155, struct ifreq)
#define SIOCGIFPRIORITY __RTSOCK_IOWR('i', 156, struct ifreq)
#define SIOCSIFXFLAGS __RTSOCK_IOW('i', 157, struct ifreq)
#define SIOCGIFXFLAGS __RTSOCK_IOWR('i', 158, struct ifreq)
#define SIOCSIFRDOMAIN __RTSOCK_IOW('i', 159, struct ifreq)
#define SIOCGIFRDOMAIN __RTSOCK_IOWR('i', 160, struct ifreq)
#define SIOCSLIFPHYRTABLE __RTSOCK_IOW('i', 161, struct ifreq)
#define SIOCGLIFPHYRTABLE __RTSOCK_IOWR('i', 162, struct ifreq)
#define SIOCGIFHARDMTU __RTSOCK_IOWR('i', 165, struct ifreq)
#define SIOCSVNETID __RTSOCK_IOW('i', 166, struct ifreq)
#define SIOCGVNETID __RTSOCK_IOWR('i', 167, struct ifreq)
#define SIOCSLIFPHYTTL __RTSOCK_IOW('i', 168, struct ifreq)
#define SIOCGLIFPHYTTL __RTSOCK_IOWR('i', 169, struct ifreq)
#define SIOCDVNETID __RTSOCK_IOW('i', 175, struct ifreq)
#define SIOCSIFPAIR __RTSOCK_IOW('i', 176, struct ifreq)
#define SIOCGIFPAIR __RTSOCK_IOWR('i', 177, struct ifreq)
#define SIOCSIFPARENT __RTSOCK_IOW('i', 178, struct if_parent)
#define SIOCGIFPARENT __RTSOCK_IOWR('i', 179, struct if_parent)
#define SIOCDIFPARENT __RTSOCK_IOW('i', 180, struct ifreq)
#define SIOCSIFLLPRIO __RTSOCK_IOW('i', 181, struct ifreq)
#define SIOCGIFLLPRIO __RTSOCK_IOWR('i', 182, struct ifreq)

#endif /* !_SYS_SOCKIO_H_ */
