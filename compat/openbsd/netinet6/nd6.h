/*
 * rtsock compat, OpenBSD: <netinet6/nd6.h>: OpenBSD's much reduced
 * neighbour-discovery structures.
 */
#ifndef _NETINET6_ND6_H_
#define _NETINET6_ND6_H_

#include <sys/_rtsock_compat.h>
#include <netinet6/in6_var.h>

#define ND6_LLINFO_PURGE (-3)
#define ND6_LLINFO_NOSTATE (-2)
#define ND6_LLINFO_INCOMPLETE 0
#define ND6_LLINFO_REACHABLE 1
#define ND6_LLINFO_STALE 2
#define ND6_LLINFO_DELAY 3
#define ND6_LLINFO_PROBE 4

struct nd_ifinfo {
  uint32_t basereachable; /* BaseReachableTime */
  uint32_t reachable;     /* Reachable Time */
  uint32_t retrans;       /* Retrans Timer */
  int recalctm;           /* BaseReachable re-calculation timer */
  uint8_t initialized;
};

struct in6_nbrinfo {
  char ifname[IFNAMSIZ];
  struct in6_addr addr;
  time_t expire; /* lifetime for the state transition */
  long asked;
  int isrouter;
  int state;
};

struct in6_ndireq {
  char ifname[IFNAMSIZ];
  struct nd_ifinfo ndi;
};

struct in6_ndifreq {
  char ifname[IFNAMSIZ];
  unsigned long ifindex;
};

#define NDPRF_ONLINK 0x1
#define NDPRF_DETACHED 0x2
#define NDPRF_HOME 0x4

#define ND6_INFINITE_LIFETIME 0xffffffff

#endif /* !_NETINET6_ND6_H_ */
