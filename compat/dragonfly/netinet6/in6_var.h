/*
 * rtsock compat, DragonFly 5.8 and later: <netinet6/in6_var.h>, the parts userland uses:
 * the IPv6 address ioctls (SIOCAIFADDR_IN6 with struct in6_aliasreq,
 * SIOCDIFADDR_IN6 and friends with struct in6_ifreq) and the address flags.
 */
#ifndef _NETINET6_IN6_VAR_H_
#define _NETINET6_IN6_VAR_H_

#include <sys/_rtsock_compat.h>
#include <sys/_rtsock_ioccom.h>
#include <sys/types.h>
#include <sys/time.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>

/* Address lifetimes: the times are absolute, the lifetimes in seconds. */
struct in6_addrlifetime {
  time_t ia6t_expire;    /* valid lifetime expiration time */
  time_t ia6t_preferred; /* preferred lifetime expiration time */
  uint32_t ia6t_vltime;  /* valid lifetime */
  uint32_t ia6t_pltime;  /* prefix lifetime */
};

/* Per-interface IPv6 statistics (RFC 2465). */
struct in6_ifstat {
  uint64_t ifs6_in_receive;
  uint64_t ifs6_in_hdrerr;
  uint64_t ifs6_in_toobig;
  uint64_t ifs6_in_noroute;
  uint64_t ifs6_in_addrerr;
  uint64_t ifs6_in_protounknown;
  uint64_t ifs6_in_truncated;
  uint64_t ifs6_in_discard;
  uint64_t ifs6_in_deliver;
  uint64_t ifs6_out_forward;
  uint64_t ifs6_out_request;
  uint64_t ifs6_out_discard;
  uint64_t ifs6_out_fragok;
  uint64_t ifs6_out_fragfail;
  uint64_t ifs6_out_fragcreat;
  uint64_t ifs6_reass_reqd;
  uint64_t ifs6_reass_ok;
  uint64_t ifs6_reass_fail;
  uint64_t ifs6_in_mcast;
  uint64_t ifs6_out_mcast;
};

/* Per-interface ICMPv6 statistics (RFC 2466). */
struct icmp6_ifstat {
  uint64_t ifs6_in_msg;
  uint64_t ifs6_in_error;
  uint64_t ifs6_in_dstunreach;
  uint64_t ifs6_in_adminprohib;
  uint64_t ifs6_in_timeexceed;
  uint64_t ifs6_in_paramprob;
  uint64_t ifs6_in_pkttoobig;
  uint64_t ifs6_in_echo;
  uint64_t ifs6_in_echoreply;
  uint64_t ifs6_in_routersolicit;
  uint64_t ifs6_in_routeradvert;
  uint64_t ifs6_in_neighborsolicit;
  uint64_t ifs6_in_neighboradvert;
  uint64_t ifs6_in_redirect;
  uint64_t ifs6_in_mldquery;
  uint64_t ifs6_in_mldreport;
  uint64_t ifs6_in_mlddone;
  uint64_t ifs6_out_msg;
  uint64_t ifs6_out_error;
  uint64_t ifs6_out_dstunreach;
  uint64_t ifs6_out_adminprohib;
  uint64_t ifs6_out_timeexceed;
  uint64_t ifs6_out_paramprob;
  uint64_t ifs6_out_pkttoobig;
  uint64_t ifs6_out_echo;
  uint64_t ifs6_out_echoreply;
  uint64_t ifs6_out_routersolicit;
  uint64_t ifs6_out_routeradvert;
  uint64_t ifs6_out_neighborsolicit;
  uint64_t ifs6_out_neighboradvert;
  uint64_t ifs6_out_redirect;
  uint64_t ifs6_out_mldquery;
  uint64_t ifs6_out_mldreport;
  uint64_t ifs6_out_mlddone;
};

/* The request of the single-address IPv6 ioctls. */
struct in6_ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr_in6 ifru_addr;
    struct sockaddr_in6 ifru_dstaddr;
    int ifru_flags;
    int ifru_flags6;
    int ifru_metric;
    char *ifru_data;
    struct in6_addrlifetime ifru_lifetime;
    struct in6_ifstat ifru_stat;
    struct icmp6_ifstat ifru_icmp6stat;
    uint32_t ifru_scope_id[16];
  } ifr_ifru;
};

/* SIOCAIFADDR_IN6: an address, its peer or prefix mask, and lifetimes. */
struct in6_aliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr_in6 ifra_addr;
  struct sockaddr_in6 ifra_dstaddr;
  struct sockaddr_in6 ifra_prefixmask;
  int ifra_flags;
  struct in6_addrlifetime ifra_lifetime;
};

/* Address selection policy (SIOC[AD]ADDRCTL_POLICY). */
struct in6_addrpolicy {
  struct sockaddr_in6 addr;
  struct sockaddr_in6 addrmask;
  int preced;
  int label;
  uint64_t use;
};

#define SIOCSIFADDR_IN6 __RTSOCK_IOW('i', 12, struct in6_ifreq)
#define SIOCGIFADDR_IN6 __RTSOCK_IOWR('i', 33, struct in6_ifreq)
#define SIOCGIFDSTADDR_IN6 __RTSOCK_IOWR('i', 34, struct in6_ifreq)
#define SIOCGIFNETMASK_IN6 __RTSOCK_IOWR('i', 37, struct in6_ifreq)
#define SIOCDIFADDR_IN6 __RTSOCK_IOW('i', 25, struct in6_ifreq)
#define SIOCAIFADDR_IN6 __RTSOCK_IOW('i', 26, struct in6_aliasreq)
#define SIOCSIFPHYADDR_IN6 __RTSOCK_IOW('i', 70, struct in6_aliasreq)
#define SIOCGIFPSRCADDR_IN6 __RTSOCK_IOWR('i', 71, struct in6_ifreq)
#define SIOCGIFPDSTADDR_IN6 __RTSOCK_IOWR('i', 72, struct in6_ifreq)
#define SIOCGIFAFLAG_IN6 __RTSOCK_IOWR('i', 73, struct in6_ifreq)
#define SIOCGDRLST_IN6 __RTSOCK_IOWR('i', 74, struct in6_drlist)
#define SIOCGIFINFO_IN6 __RTSOCK_IOWR('i', 76, struct in6_ndireq)
#define SIOCSNDFLUSH_IN6 __RTSOCK_IOWR('i', 77, struct in6_ifreq)
#define SIOCGNBRINFO_IN6 __RTSOCK_IOWR('i', 78, struct in6_nbrinfo)
#define SIOCSPFXFLUSH_IN6 __RTSOCK_IOWR('i', 79, struct in6_ifreq)
#define SIOCSRTRFLUSH_IN6 __RTSOCK_IOWR('i', 80, struct in6_ifreq)
#define SIOCGIFALIFETIME_IN6 __RTSOCK_IOWR('i', 81, struct in6_ifreq)
#define SIOCSIFALIFETIME_IN6 __RTSOCK_IOWR('i', 82, struct in6_ifreq)
#define SIOCGIFSTAT_IN6 __RTSOCK_IOWR('i', 83, struct in6_ifreq)
#define SIOCGIFSTAT_ICMP6 __RTSOCK_IOWR('i', 84, struct in6_ifreq)
#define SIOCSDEFIFACE_IN6 __RTSOCK_IOWR('i', 85, struct in6_ndifreq)
#define SIOCGDEFIFACE_IN6 __RTSOCK_IOWR('i', 86, struct in6_ndifreq)
#define SIOCSIFINFO_FLAGS __RTSOCK_IOWR('i', 87, struct in6_ndireq)
#define SIOCSSCOPE6 __RTSOCK_IOW('i', 88, struct in6_ifreq)
#define SIOCGSCOPE6 __RTSOCK_IOWR('i', 89, struct in6_ifreq)
#define SIOCGSCOPE6DEF __RTSOCK_IOWR('i', 90, struct in6_ifreq)
#define SIOCAADDRCTL_POLICY __RTSOCK_IOW('u', 108, struct in6_addrpolicy)
#define SIOCDADDRCTL_POLICY __RTSOCK_IOW('u', 109, struct in6_addrpolicy)

/* Address flags (ifru_flags6, ifra_flags). */
#define IN6_IFF_ANYCAST 0x01
#define IN6_IFF_TENTATIVE 0x02
#define IN6_IFF_DUPLICATED 0x04
#define IN6_IFF_DETACHED 0x08
#define IN6_IFF_DEPRECATED 0x10
#define IN6_IFF_NODAD 0x20
#define IN6_IFF_AUTOCONF 0x40
#define IN6_IFF_TEMPORARY 0x80
#define IN6_IFF_PREFER_SOURCE 0x0100
#define IN6_IFF_NOPFX 0x8000
#define IN6_IFF_NOTREADY (IN6_IFF_TENTATIVE | IN6_IFF_DUPLICATED)

#endif /* !_NETINET6_IN6_VAR_H_ */
