/*
 * rtsock compat, macOS: <netinet6/nd6.h>, the neighbour-discovery request
 * structures (SIOCGIFINFO_IN6 takes struct in6_ondireq on macOS) and flags.
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

#define ND6_INFINITE_LIFETIME 0xffffffff

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

#define ND6_IFF_PERFORMNUD 0x1
#define ND6_IFF_ACCEPT_RTADV 0x2
#define ND6_IFF_PROXY_PREFIXES 0x4
#define ND6_IFF_IFDISABLED 0x8

struct in6_nbrinfo {
  char ifname[IFNAMSIZ];
  struct in6_addr addr;
  long asked;
  int isrouter;
  int state;
  int expire;
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

/* The older SIOCGIFINFO_IN6 reply. */
struct in6_ondireq {
  char ifname[IFNAMSIZ];
  struct {
    uint32_t linkmtu;
    uint32_t maxmtu;
    uint32_t basereachable;
    uint32_t reachable;
    uint32_t retrans;
    uint32_t flags;
    int recalctm;
    uint8_t chlim;
    uint8_t receivedra;
  } ndi;
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
