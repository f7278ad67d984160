/*
 * rtsock compat, OpenBSD: <net/if.h>. Interface flags and extended flags,
 * link states, struct if_data (144 bytes) and the routing socket's
 * interface messages (with their ifm_hdrlen/ifam_hdrlen/ifan_hdrlen and
 * table ids), and the ioctl request structures in OpenBSD's layout.
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
#define IFDESCRSIZE 64

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

#define MCLPOOLS 8

/* Per-interface statistics and state (RTM_IFINFO, NET_RT_IFLIST). */
struct if_data {
  unsigned char ifi_type;       /* IFT_* */
  unsigned char ifi_addrlen;    /* media address length */
  unsigned char ifi_hdrlen;     /* media header length */
  unsigned char ifi_link_state; /* LINK_STATE_* */
  uint32_t ifi_mtu;             /* maximum transmission unit */
  uint32_t ifi_metric;          /* routing metric (external only) */
  uint32_t ifi_rdomain;         /* routing instance */
  uint64_t ifi_baudrate;        /* linespeed */
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
  uint64_t ifi_oqdrops;
  uint64_t ifi_noproto;
  uint32_t ifi_capabilities;
  struct timeval ifi_lastchange; /* last operational state change */
};

#define IFQ_NQUEUES 8
#define IFQ_MAXPRIO (IFQ_NQUEUES - 1)
#define IFQ_DEFPRIO 3

/* Interface flags (ifr_flags, ifm_flags). */
#define IFF_UP 0x1
#define IFF_BROADCAST 0x2
#define IFF_DEBUG 0x4
#define IFF_LOOPBACK 0x8
#define IFF_POINTOPOINT 0x10
#define IFF_STATICARP 0x20
#define IFF_RUNNING 0x40
#define IFF_NOARP 0x80
#define IFF_PROMISC 0x100
#define IFF_ALLMULTI 0x200
#define IFF_OACTIVE 0x400
#define IFF_SIMPLEX 0x800
#define IFF_LINK0 0x1000
#define IFF_LINK1 0x2000
#define IFF_LINK2 0x4000
#define IFF_MULTICAST 0x8000

#define IFF_CANTCHANGE                                                           \
  (IFF_BROADCAST | IFF_POINTOPOINT | IFF_RUNNING | IFF_OACTIVE | IFF_SIMPLEX |   \
   IFF_MULTICAST | IFF_ALLMULTI)

/* Extended flags (ifm_xflags, SIOCGIFXFLAGS). */
#define IFXF_MPSAFE 0x1
#define IFXF_CLONED 0x2
#define IFXF_AUTOCONF6TEMP 0x4
#define IFXF_MPLS 0x8
#define IFXF_WOL 0x10
#define IFXF_AUTOCONF6 0x20
#define IFXF_INET6_NOSOII 0x40
#define IFXF_AUTOCONF4 0x80
#define IFXF_MONITOR 0x100
#define IFXF_LRO 0x200
#define IFXF_CANTCHANGE (IFXF_MPSAFE | IFXF_CLONED)

/* Capabilities (ifi_capabilities). */
#define IFCAP_CSUM_IPv4 0x00000001
#define IFCAP_CSUM_TCPv4 0x00000002
#define IFCAP_CSUM_UDPv4 0x00000004
#define IFCAP_VLAN_MTU 0x00000010
#define IFCAP_VLAN_HWTAGGING 0x00000020
#define IFCAP_CSUM_TCPv6 0x00000080
#define IFCAP_CSUM_UDPv6 0x00000100
#define IFCAP_TSOv4 0x00001000
#define IFCAP_TSOv6 0x00002000
#define IFCAP_LRO 0x00004000
#define IFCAP_WOL 0x00008000

/* Link states (ifi_link_state). */
#define LINK_STATE_UNKNOWN 0
#define LINK_STATE_INVALID 1
#define LINK_STATE_DOWN 2
#define LINK_STATE_KALIVE_DOWN 3
#define LINK_STATE_UP 4
#define LINK_STATE_HALF_DUPLEX 5
#define LINK_STATE_FULL_DUPLEX 6
#define LINK_STATE_IS_UP(_s) ((_s) >= LINK_STATE_UP || (_s) == LINK_STATE_UNKNOWN)

/* RTM_IFINFO. */
struct if_msghdr {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  unsigned short ifm_hdrlen;  /* sizeof(if_msghdr) */
  unsigned short ifm_index;   /* interface index */
  unsigned short ifm_tableid; /* routing table id */
  unsigned char ifm_pad1;
  unsigned char ifm_pad2;
  int ifm_addrs;  /* RTA_* present after the header */
  int ifm_flags;  /* IFF_* */
  int ifm_xflags; /* IFXF_* */
  struct if_data ifm_data;
};

/* RTM_NEWADDR, RTM_DELADDR, RTM_CHGADDRATTR. */
struct ifa_msghdr {
  unsigned short ifam_msglen;
  unsigned char ifam_version;
  unsigned char ifam_type;
  unsigned short ifam_hdrlen;
  unsigned short ifam_index;
  unsigned short ifam_tableid;
  unsigned char ifam_pad1;
  unsigned char ifam_pad2;
  int ifam_addrs;
  int ifam_flags;
  int ifam_metric;
};

/* RTM_IFANNOUNCE. */
struct if_announcemsghdr {
  unsigned short ifan_msglen;
  unsigned char ifan_version;
  unsigned char ifan_type;
  unsigned short ifan_hdrlen;
  unsigned short ifan_index;
  unsigned short ifan_what; /* IFAN_* */
  char ifan_name[IFNAMSIZ];
};

#define IFAN_ARRIVAL 0
#define IFAN_DEPARTURE 1

/* Interface request: most SIOC[GS]IF* ioctls (32 bytes). */
struct ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr ifru_addr;
    struct sockaddr ifru_dstaddr;
    struct sockaddr ifru_broadaddr;
    short ifru_flags;
    int ifru_metric;
    int64_t ifru_vnetid;
    uint64_t ifru_media;
    char *ifru_data;
    unsigned int ifru_index;
  } ifr_ifru;
#define ifr_addr ifr_ifru.ifru_addr
#define ifr_dstaddr ifr_ifru.ifru_dstaddr
#define ifr_broadaddr ifr_ifru.ifru_broadaddr
#define ifr_flags ifr_ifru.ifru_flags
#define ifr_metric ifr_ifru.ifru_metric
#define ifr_mtu ifr_ifru.ifru_metric
#define ifr_hardmtu ifr_ifru.ifru_metric
#define ifr_media ifr_ifru.ifru_media
#define ifr_rdomainid ifr_ifru.ifru_metric
#define ifr_vnetid ifr_ifru.ifru_vnetid
#define ifr_ttl ifr_ifru.ifru_metric
#define ifr_df ifr_ifru.ifru_metric
#define ifr_data ifr_ifru.ifru_data
#define ifr_index ifr_ifru.ifru_index
#define ifr_llprio ifr_ifru.ifru_metric
#define ifr_hdrprio ifr_ifru.ifru_metric
};

/* SIOCAIFADDR: address, broadcast (or destination) and mask. */
struct ifaliasreq {
  char ifra_name[IFNAMSIZ];
  union {
    struct sockaddr ifrau_addr;
    int ifrau_align;
  } ifra_ifrau;
#define ifra_addr ifra_ifrau.ifrau_addr
  struct sockaddr ifra_dstaddr;
#define ifra_broadaddr ifra_dstaddr
  struct sockaddr ifra_mask;
};

/* SIOCGIFMEDIA: 64-bit media words. */
struct ifmediareq {
  char ifm_name[IFNAMSIZ];
  uint64_t ifm_current;
  uint64_t ifm_mask;
  uint64_t ifm_status;
  uint64_t ifm_active;
  int ifm_count;
  uint64_t *ifm_ulist;
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

/* Tunnel end points (SIOC[SG]LIFPHYADDR). */
struct if_laddrreq {
  char iflr_name[IFNAMSIZ];
  unsigned int flags;
#define IFLR_PREFIX 0x8000
  unsigned int prefixlen;
  struct sockaddr_storage addr;
  struct sockaddr_storage dstaddr;
};

/* SIOC[SG]IFPARENT. */
struct if_parent {
  char ifp_name[IFNAMSIZ];
  char ifp_parent[IFNAMSIZ];
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

struct ifg_attrib {
  int ifg_carp_demoted;
};

struct ifgroupreq {
  char ifgr_name[IFNAMSIZ];
  unsigned int ifgr_len;
  union {
    char ifgru_group[IFNAMSIZ];
    struct ifg_req *ifgru_groups;
    struct ifg_attrib ifgru_attrib;
  } ifgr_ifgru;
#define ifgr_group ifgr_ifgru.ifgru_group
#define ifgr_groups ifgr_ifgru.ifgru_groups
#define ifgr_attrib ifgr_ifgru.ifgru_attrib
};

#endif /* !_NET_IF_H_ */
