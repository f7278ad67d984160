/*
 * rtsock compat, NetBSD 8 and later: <netinet6/nd6.h>, the per-interface
 * neighbour-discovery settings (SIOCGIFINFO_IN6, SIOCSIFINFO_FLAGS) and
 * their flags.
 */
#ifndef _NETINET6_ND6_H_
#define _NETINET6_ND6_H_

#include <sys/_rtsock_compat.h>
#include <netinet6/in6_var.h>

#define ND6_LLINFO_PURGE (-3)
#define ND6_LLINFO_NOSTATE (-2)
#define ND6_LLINFO_WAITDELETE (-1)
#define ND6_LLINFO_INCOMPLETE 0
#define ND6_LLINFO_REACHABLE 1
#define ND6_LLINFO_STALE 2
#define ND6_LLINFO_DELAY 3
#define ND6_LLINFO_PROBE 4

struct nd_ifinfo {
  uint32_t linkmtu;
  uint32_t maxmtu;
  uint32_t basereachable;
  uint32_t reachable;
  uint32_t retrans;
  uint32_t flags;
  int recalctm;
  uint8_t chlim;
  uint8_t initialized;
  uint8_t randomseed0[8];
  uint8_t randomseed1[8];
  uint8_t randomid[8];
};

#define ND6_IFF_PERFORMNUD 0x01
#define ND6_IFF_ACCEPT_RTADV 0x02
#define ND6_IFF_PREFER_SOURCE 0x04
#define ND6_IFF_IFDISABLED 0x08
#define ND6_IFF_OVERRIDE_RTADV 0x10
#define ND6_IFF_AUTO_LINKLOCAL 0x20

struct in6_nbrinfo {
  char ifname[IFNAMSIZ];
  struct in6_addr addr;
  long asked;
  int isrouter;
  int state;
  int expire;
};

struct in6_ndireq {
  char ifname[IFNAMSIZ];
  struct nd_ifinfo ndi;
};

#define ND6_INFINITE_LIFETIME 0xffffffff

#endif /* !_NETINET6_ND6_H_ */
