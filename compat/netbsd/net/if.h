/*
 * rtsock compat, NetBSD 8 and later: <net/if.h>. Interface flags, link
 * states, struct if_data (136 bytes, 64-bit counters, timespec) and the
 * routing socket's interface messages (the 8.0 ifa_msghdr with ifam_pid and
 * ifam_addrflags), and the ioctl request structures in NetBSD's layout:
 * struct ifreq holds a sockaddr_storage and is 144 bytes.
 */
#ifndef _NET_IF_H_
#define _NET_IF_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/time.h>
#include <bits/types/struct_timespec.h> /* ifi_lastchange, whatever _POSIX_C_SOURCE hides */
#include <sys/socket.h>
#include <stdint.h>

#define IF_NAMESIZE 16
#define IFNAMSIZ IF_NAMESIZE

struct if_nameindex {
  unsigned int if_index;
  char *if_name;
};

#ifdef __cplusplus
extern "C" {
#endif
unsigned int if_nametoindex(const char *);
char *if_indextoname(unsigned int, char *);
struct if_nameindex *if_nameindex(void);
void if_freenameindex(struct if_nameindex *);
#ifdef __cplusplus
}
#endif

struct if_clonereq {
  int ifcr_total;
  int ifcr_count;
  char *ifcr_buffer;
};

/* Per-interface statistics and state (RTM_IFINFO, NET_RT_IFLIST). */
struct if_data {
  unsigned char ifi_type;    /* IFT_* */
  unsigned char ifi_addrlen; /* media address length */
  unsigned char ifi_hdrlen;  /* media header length */
  int ifi_link_state;        /* LINK_STATE_* */
  uint64_t ifi_mtu;
  uint64_t ifi_metric;
  uint64_t ifi_baudrate;
  uint64_t ifi_ipackets;
  uint64_t ifi_ierrors;
  uint64_t ifi_opackets;
  uint64_t ifi_oerrors;
  uint64_t ifi_collisions;
  uint64_t ifi_ibytes;
  uint64_t ifi_obytes;
  uint64_t ifi_imcasts;
  uint64_t ifi_omcasts;
  uint64_t ifi_iqdrops;
  uint64_t ifi_noproto;
  struct timespec ifi_lastchange; /* last operational state change */
};

#define LINK_STATE_UNKNOWN 0
#define LINK_STATE_DOWN 1
#define LINK_STATE_UP 2

/* Interface flags (ifr_flags, ifm_flags). */
#define IFF_UP 0x0001
#define IFF_BROADCAST 0x0002
#define IFF_DEBUG 0x0004
#define IFF_LOOPBACK 0x0008
#define IFF_POINTOPOINT 0x0010
#define IFF_NOTRAILERS 0x0020
#define IFF_RUNNING 0x0040
#define IFF_NOARP 0x0080
#define IFF_PROMISC 0x0100
#define IFF_ALLMULTI 0x0200
#define IFF_OACTIVE 0x0400
#define IFF_SIMPLEX 0x0800
#define IFF_LINK0 0x1000
#define IFF_LINK1 0x2000
#define IFF_LINK2 0x4000
#define IFF_MULTICAST 0x8000

#define IFF_CANTCHANGE                                                          \
  (IFF_BROADCAST | IFF_POINTOPOINT | IFF_RUNNING | IFF_OACTIVE | IFF_SIMPLEX |  \
   IFF_MULTICAST | IFF_ALLMULTI | IFF_PROMISC)

/* RTM_IFINFO. */
struct if_msghdr {
  unsigned short ifm_msglen __attribute__((__aligned__(8)));
  unsigned char ifm_version;
  unsigned char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  unsigned short ifm_index;
  struct if_data ifm_data __attribute__((__aligned__(8)));
};

/* RTM_NEWADDR, RTM_DELADDR, RTM_CHGADDR. */
struct ifa_msghdr {
  unsigned short ifam_msglen __attribute__((__aligned__(8)));
  unsigned char ifam_version;
  unsigned char ifam_type;
  unsigned short ifam_index; /* interface index */
  int ifam_flags;            /* address flags */
  int ifam_addrs;            /* RTA_* present after the header */
  pid_t ifam_pid;            /* process that caused the change */
  int ifam_addrflags;        /* IN_IFF_* / IN6_IFF_* */
  int ifam_metric;
};

/* RTM_IFANNOUNCE, RTM_IEEE80211. */
struct if_announcemsghdr {
  unsigned short ifan_msglen __attribute__((__aligned__(8)));
  unsigned char ifan_version;
  unsigned char ifan_type;
  unsigned short ifan_index;
  char ifan_name[IFNAMSIZ];
  unsigned short ifan_what;
};

#define IFAN_ARRIVAL 0
#define IFAN_DEPARTURE 1

/* Interface request: most SIOC[GS]IF* ioctls. */
struct ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr ifru_addr;
    struct sockaddr ifru_dstaddr;
    struct sockaddr ifru_broadaddr;
    struct sockaddr_storage ifru_space;
    short ifru_flags;
    int ifru_addrflags;
    int ifru_metric;
    int ifru_mtu;
    int ifru_dlt;
    unsigned int ifru_value;
    void *ifru_data;
    struct {
      uint32_t b_buflen;
      void *b_buf;
    } ifru_b;
  } ifr_ifru;
#define ifr_addr ifr_ifru.ifru_addr
#define ifr_dstaddr ifr_ifru.ifru_dstaddr
#define ifr_broadaddr ifr_ifru.ifru_broadaddr
#define ifr_space ifr_ifru.ifru_space
#define ifr_flags ifr_ifru.ifru_flags
#define ifr_addrflags ifr_ifru.ifru_addrflags
#define ifr_metric ifr_ifru.ifru_metric
#define ifr_mtu ifr_ifru.ifru_mtu
#define ifr_dlt ifr_ifru.ifru_dlt
#define ifr_value ifr_ifru.ifru_value
#define ifr_media ifr_ifru.ifru_metric
#define ifr_data ifr_ifru.ifru_data
#define ifr_buf ifr_ifru.ifru_b.b_buf
#define ifr_buflen ifr_ifru.ifru_b.b_buflen
#define ifr_index ifr_ifru.ifru_value
};

#define ifreq_setaddr(__ifr, __sa) \
  ((void)__builtin_memcpy(&(__ifr)->ifr_addr, (__sa), (__sa)->sa_len))
#define ifreq_getaddr(__ifr) (&(__ifr)->ifr_addr)

struct ifcapreq {
  char ifcr_name[IFNAMSIZ];
  uint64_t ifcr_capabilities; /* supported capabilities */
  uint64_t ifcr_capenable;    /* capabilities enabled */
};

struct ifaliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr ifra_addr;
  struct sockaddr ifra_dstaddr;
#define ifra_broadaddr ifra_dstaddr
  struct sockaddr ifra_mask;
};

struct ifdatareq {
  char ifdr_name[IFNAMSIZ];
  struct if_data ifdr_data;
};

struct ifmediareq {
  char ifm_name[IFNAMSIZ];
  int ifm_current;
  int ifm_mask;
  int ifm_status;
  int ifm_active;
  int ifm_count;
  int *ifm_ulist;
};

struct ifdrv {
  char ifd_name[IFNAMSIZ];
  unsigned long ifd_cmd;
  size_t ifd_len;
  void *ifd_data;
};
#define IFLINKSTR_QUERYLEN 0x01
#define IFLINKSTR_UNSET 0x02

struct ifconf {
  int ifc_len;
  union {
    void *ifcu_buf;
    struct ifreq *ifcu_req;
  } ifc_ifcu;
#define ifc_buf ifc_ifcu.ifcu_buf
#define ifc_req ifc_ifcu.ifcu_req
};

/* SIOC[AGD]LIFADDR, SIOC[SG]LIFPHYADDR. */
struct if_laddrreq {
  char iflr_name[IFNAMSIZ];
  unsigned int flags;
#define IFLR_PREFIX 0x8000
#define IFLR_ACTIVE 0x4000
#define IFLR_FACTORY 0x2000
  unsigned int prefixlen;
  struct sockaddr_storage addr;
  struct sockaddr_storage dstaddr;
};

/* SIOC[SG]IFADDRPREF: source-address preference. */
struct if_addrprefreq {
  char ifap_name[IFNAMSIZ];
  int16_t ifap_preference;
  struct sockaddr_storage ifap_addr;
};

#endif /* !_NET_IF_H_ */
