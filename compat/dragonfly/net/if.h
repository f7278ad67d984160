/*
 * rtsock compat, DragonFly 5.8 and later: <net/if.h>. Interface flags,
 * link states, struct if_data (160 bytes) and the routing socket's
 * interface messages in their 5.8 order (index, flags, addrs), and the
 * ioctl request structures in DragonFly's layout (struct ifreq 32 bytes).
 */
#ifndef _NET_IF_H_
#define _NET_IF_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <stdint.h>

#define IF_NAMESIZE 16
#define IFNAMSIZ IF_NAMESIZE
#define IF_MAXUNIT 0x7fff

struct if_clonereq {
  int ifcr_total;
  int ifcr_count;
  char *ifcr_buffer;
};

/* Per-interface statistics and state (RTM_IFINFO, NET_RT_IFLIST). */
struct if_data {
  unsigned char ifi_type;      /* IFT_* */
  unsigned char ifi_physical;  /* e.g., AUI, Thinnet, 10base-T, etc */
  unsigned char ifi_addrlen;   /* media address length */
  unsigned char ifi_hdrlen;    /* media header length */
  unsigned char ifi_recvquota; /* polling quota for receive intrs */
  unsigned char ifi_xmitquota; /* polling quota for xmit intrs */
  unsigned long ifi_mtu;
  unsigned long ifi_metric;
  unsigned long ifi_link_state; /* LINK_STATE_* */
  uint64_t ifi_baudrate;
  unsigned long ifi_ipackets;
  unsigned long ifi_ierrors;
  unsigned long ifi_opackets;
  unsigned long ifi_oerrors;
  unsigned long ifi_collisions;
  unsigned long ifi_ibytes;
  unsigned long ifi_obytes;
  unsigned long ifi_imcasts;
  unsigned long ifi_omcasts;
  unsigned long ifi_iqdrops;
  unsigned long ifi_noproto;
  unsigned long ifi_hwassist;
  unsigned long ifi_oqdrops;
  struct timeval ifi_lastchange;
};

#define LINK_STATE_UNKNOWN 0
#define LINK_STATE_DOWN 1
#define LINK_STATE_UP 2

/* Interface flags (ifr_flags, ifm_flags). */
#define IFF_UP 0x1
#define IFF_BROADCAST 0x2
#define IFF_DEBUG 0x4
#define IFF_LOOPBACK 0x8
#define IFF_POINTOPOINT 0x10
#define IFF_SMART 0x20
#define IFF_RUNNING 0x40
#define IFF_NOARP 0x80
#define IFF_PROMISC 0x100
#define IFF_ALLMULTI 0x200
#define IFF_OACTIVE 0x400
#define IFF_SIMPLEX 0x800
#define IFF_LINK0 0x1000
#define IFF_LINK1 0x2000
#define IFF_LINK2 0x4000
#define IFF_ALTPHYS IFF_LINK2
#define IFF_MULTICAST 0x8000
#define IFF_POLLING 0x10000
#define IFF_PPROMISC 0x20000
#define IFF_MONITOR 0x40000
#define IFF_STATICARP 0x80000
#define IFF_NPOLLING 0x100000
#define IFF_IDIRECT 0x200000

#define IFF_CANTCHANGE                                                          \
  (IFF_BROADCAST | IFF_POINTOPOINT | IFF_RUNNING | IFF_OACTIVE | IFF_SIMPLEX |  \
   IFF_MULTICAST | IFF_ALLMULTI | IFF_SMART | IFF_PROMISC | IFF_POLLING)

#define IFCAP_RXCSUM 0x0001
#define IFCAP_TXCSUM 0x0002
#define IFCAP_NETCONS 0x0004
#define IFCAP_VLAN_MTU 0x0008
#define IFCAP_VLAN_HWTAGGING 0x0010
#define IFCAP_JUMBO_MTU 0x0020
#define IFCAP_RSS 0x0040
#define IFCAP_VLAN_HWCSUM 0x0080
#define IFCAP_TSO4 0x0100
#define IFCAP_TSO6 0x0200
#define IFCAP_TSO (IFCAP_TSO4 | IFCAP_TSO6)
#define IFCAP_HWCSUM (IFCAP_RXCSUM | IFCAP_TXCSUM)

#define IFQ_MAXLEN 50
#define IFNET_SLOWHZ 1

/* RTM_IFINFO (5.8 order: index, flags, addrs). */
struct if_msghdr {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  unsigned short ifm_index; /* interface index */
  int ifm_flags;            /* IFF_* */
  int ifm_addrs;            /* RTA_* present after the header */
  struct if_data ifm_data;
};

/* RTM_NEWADDR, RTM_DELADDR. */
struct ifa_msghdr {
  unsigned short ifam_msglen;
  unsigned char ifam_version;
  unsigned char ifam_type;
  unsigned short ifam_index;
  int ifam_flags;
  int ifam_addrs;
  int ifam_addrflags; /* IN6_IFF_* */
  int ifam_metric;
};

/* RTM_NEWMADDR, RTM_DELMADDR. */
struct ifma_msghdr {
  unsigned short ifmam_msglen;
  unsigned char ifmam_version;
  unsigned char ifmam_type;
  unsigned short ifmam_index;
  int ifmam_flags;
  int ifmam_addrs;
};

/* RTM_IFANNOUNCE, RTM_IEEE80211. */
struct if_announcemsghdr {
  unsigned short ifan_msglen;
  unsigned char ifan_version;
  unsigned char ifan_type;
  unsigned short ifan_index;
  char ifan_name[IFNAMSIZ];
  unsigned short ifan_what;
};

#define IFAN_ARRIVAL 0
#define IFAN_DEPARTURE 1

struct ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr ifru_addr;
    struct sockaddr ifru_dstaddr;
    struct sockaddr ifru_broadaddr;
    short ifru_flags[2];
    short ifru_index;
    int ifru_metric;
    int ifru_mtu;
    int ifru_phys;
    int ifru_media;
    void *ifru_data;
    int ifru_cap[2];
    int ifru_pollcpu;
    int ifru_tsolen;
  } ifr_ifru;
#define ifr_addr ifr_ifru.ifru_addr
#define ifr_dstaddr ifr_ifru.ifru_dstaddr
#define ifr_broadaddr ifr_ifru.ifru_broadaddr
#define ifr_flags ifr_ifru.ifru_flags[0]
#define ifr_flagshigh ifr_ifru.ifru_flags[1]
#define ifr_index ifr_ifru.ifru_index
#define ifr_metric ifr_ifru.ifru_metric
#define ifr_mtu ifr_ifru.ifru_mtu
#define ifr_phys ifr_ifru.ifru_phys
#define ifr_media ifr_ifru.ifru_media
#define ifr_data ifr_ifru.ifru_data
#define ifr_reqcap ifr_ifru.ifru_cap[0]
#define ifr_curcap ifr_ifru.ifru_cap[1]
#define ifr_pollcpu ifr_ifru.ifru_pollcpu
#define ifr_tsolen ifr_ifru.ifru_tsolen
};

#define _SIZEOF_ADDR_IFREQ(ifr)                            \
  ((ifr).ifr_addr.sa_len > sizeof(struct sockaddr)         \
       ? (sizeof(struct ifreq) - sizeof(struct sockaddr) + \
          (ifr).ifr_addr.sa_len)                           \
       : sizeof(struct ifreq))

struct ifaliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr ifra_addr;
  struct sockaddr ifra_broadaddr;
  struct sockaddr ifra_mask;
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

#define IFSTATMAX 800
struct ifstat {
  char ifs_name[IFNAMSIZ];
  char ascii[IFSTATMAX + 1];
};

struct ifconf {
  int ifc_len;
  union {
    char *ifcu_buf;
    struct ifreq *ifcu_req;
  } ifc_ifcu;
#define ifc_buf ifc_ifcu.ifcu_buf
#define ifc_req ifc_ifcu.ifcu_req
};

struct ifdrv {
  char ifd_name[IFNAMSIZ];
  unsigned long ifd_cmd;
  size_t ifd_len;
  void *ifd_data;
};

struct if_laddrreq {
  char iflr_name[IFNAMSIZ];
  unsigned int flags;
#define IFLR_PREFIX 0x8000
  unsigned int prefixlen;
  struct sockaddr_storage addr;
  struct sockaddr_storage dstaddr;
};

#define IFG_ALL "all"
#define IFG_EGRESS "egress"

struct ifg_req {
  union {
    char ifgrqu_group[IFNAMSIZ];
    char ifgrqu_member[IFNAMSIZ];
  } ifgrq_ifgrqu;
#define ifgrq_group ifgrq_ifgrqu.ifgrqu_group
#define ifgrq_member ifgrq_ifgrqu.ifgrqu_member
};

struct ifgroupreq {
  char ifgr_name[IFNAMSIZ];
  unsigned int ifgr_len;
  union {
    char ifgru_group[IFNAMSIZ];
    struct ifg_req *ifgru_groups;
  } ifgr_ifgru;
#define ifgr_group ifgr_ifgru.ifgru_group
#define ifgr_groups ifgr_ifgru.ifgru_groups
};

struct if_nameindex {
  unsigned int if_index;
  char *if_name;
};

#ifdef __cplusplus
extern "C" {
#endif
void if_freenameindex(struct if_nameindex *);
char *if_indextoname(unsigned int, char *);
struct if_nameindex *if_nameindex(void);
unsigned int if_nametoindex(const char *);
#ifdef __cplusplus
}
#endif

#endif /* !_NET_IF_H_ */
