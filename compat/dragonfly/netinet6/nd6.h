/*
 * rtsock compat, DragonFly 5.8 and later: <netinet6/nd6.h>, the neighbour-discovery
 * structures programs exchange with the kernel (SIOCGIFINFO_IN6 and
 * SIOCSIFINFO_FLAGS with struct in6_ndireq) and their flags.
 */
#ifndef _NETINET6_ND6_H_
#define _NETINET6_ND6_H_

#include <sys/_rtsock_compat.h>
#include <netinet6/in6_var.h>

#define ND6_LLINFO_NOSTATE (-2)
#define ND6_LLINFO_INCOMPLETE 0
#define ND6_LLINFO_REACHABLE 1
#define ND6_LLINFO_STALE 2
#define ND6_LLINFO_DELAY 3
#define ND6_LLINFO_PROBE 4

#define ND6_INFINITE_LIFETIME 0xffffffff

struct nd_ifinfo {
  uint32_t linkmtu;       /* LinkMTU */
  uint32_t maxmtu;        /* upper bound of LinkMTU */
  uint32_t basereachable; /* BaseReachableTime */
  uint32_t reachable;     /* Reachable Time */
  uint32_t retrans;       /* Retrans Timer */
  uint32_t flags;         /* ND6_IFF_* */
  int recalctm;           /* BaseReachable re-calculation timer */
  uint8_t chlim;          /* CurHopLimit */
  uint8_t initialized;
  uint8_t randomseed0[8];
  uint8_t randomseed1[8];
  uint8_t randomid[8];
};

#define ND6_IFF_PERFORMNUD 0x1
#define ND6_IFF_ACCEPT_RTADV 0x2
#define ND6_IFF_PREFER_SOURCE 0x4
#define ND6_IFF_IFDISABLED 0x8
#define ND6_IFF_DONT_SET_IFROUTE 0x10
#define ND6_IFF_AUTO_LINKLOCAL 0x20
#define ND6_IFF_NO_RADR 0x40
#define ND6_IFF_NO_PREFER_IFACE 0x80
#define ND6_IFF_NO_DAD 0x100

struct in6_nbrinfo {
  char ifname[IFNAMSIZ];
  struct in6_addr addr;
  long asked;    /* queries already sent for this address */
  int isrouter;
  int state;     /* ND6_LLINFO_* */
  int expire;    /* lifetime for the state transition */
};

#define DRLSTSIZ 10
#define PRLSTSIZ 10

struct in6_drlist {
  char ifname[IFNAMSIZ];
  struct {
    struct in6_addr rtaddr;
    unsigned char flags;
    unsigned short rtlifetime;
    unsigned long expire;
    unsigned short if_index;
  } defrouter[DRLSTSIZ];
};

struct in6_defrouter {
  struct sockaddr_in6 rtaddr;
  unsigned char flags;
  unsigned short rtlifetime;
  unsigned long expire;
  unsigned short if_index;
};

struct in6_ndireq {
  char ifname[IFNAMSIZ];
  struct nd_ifinfo ndi;
};

struct in6_ndifreq {
  char ifname[IFNAMSIZ];
  unsigned long ifindex;
};

#endif /* !_NETINET6_ND6_H_ */
