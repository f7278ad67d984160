/*
 * rtsock compat, FreeBSD 14: <net/if.h>. Interface flags, struct if_data and
 * the interface messages of the routing socket (layouts from rtsock's abi
 * profile "freebsd14-amd64"), and the ioctl request structures in FreeBSD's
 * layout (struct ifreq is 32 bytes). glibc's <net/if.h> is not used: its
 * ifreq and flags are Linux's.
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

/* Interface cloners (SIOCIFGCLONERS). */
struct if_clonereq {
  int ifcr_total;      /* total cloners (out) */
  int ifcr_count;      /* room for this many in user buffer */
  char *ifcr_buffer;   /* buffer for cloner names */
};

/* Structure describing information about an interface. */
struct if_data {
  /* generic interface information */
  uint8_t ifi_type;       /* IFT_* */
  uint8_t ifi_physical;   /* e.g., AUI, Thinnet, 10base-T, etc */
  uint8_t ifi_addrlen;    /* media address length */
  uint8_t ifi_hdrlen;     /* media header length */
  uint8_t ifi_link_state; /* LINK_STATE_* */
  uint8_t ifi_vhid;       /* carp vhid */
  uint16_t ifi_datalen;   /* length of this data struct */
  uint32_t ifi_mtu;       /* maximum transmission unit */
  uint32_t ifi_metric;    /* routing metric (external only) */
  uint64_t ifi_baudrate;  /* linespeed */
  /* volatile statistics */
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
  uint64_t ifi_noproto;   /* destined for unsupported protocol */
  uint64_t ifi_hwassist;  /* HW offload capabilities */
  union {                 /* uptime at attach or stat reset */
    time_t tt;
    uint64_t ph;
  } __ifi_epoch;
#define ifi_epoch __ifi_epoch.tt
  union {                 /* time of last administrative change */
    struct timeval tv;
    struct {
      uint64_t ph1;
      uint64_t ph2;
    } ph;
  } __ifi_lastchange;
#define ifi_lastchange __ifi_lastchange.tv
};

/* Interface flags (ifr_flags, ifm_flags). */
#define IFF_UP 0x1            /* interface is up */
#define IFF_BROADCAST 0x2     /* broadcast address valid */
#define IFF_DEBUG 0x4         /* turn on debugging */
#define IFF_LOOPBACK 0x8      /* is a loopback net */
#define IFF_POINTOPOINT 0x10  /* is a point-to-point link */
#define IFF_NEEDSEPOCH 0x20   /* calls if_input in net epoch */
#define IFF_DRV_RUNNING 0x40  /* resources allocated */
#define IFF_NOARP 0x80        /* no address resolution protocol */
#define IFF_PROMISC 0x100     /* receive all packets */
#define IFF_ALLMULTI 0x200    /* receive all multicast packets */
#define IFF_DRV_OACTIVE 0x400 /* tx hardware queue is full */
#define IFF_SIMPLEX 0x800     /* can't hear own transmissions */
#define IFF_LINK0 0x1000      /* per link layer defined bit */
#define IFF_LINK1 0x2000      /* per link layer defined bit */
#define IFF_LINK2 0x4000      /* per link layer defined bit */
#define IFF_ALTPHYS IFF_LINK2 /* use alternate physical connection */
#define IFF_MULTICAST 0x8000  /* supports multicast */
#define IFF_CANTCONFIG 0x10000 /* unconfigurable using ioctl(2) */
#define IFF_PPROMISC 0x20000  /* user-requested promisc mode */
#define IFF_MONITOR 0x40000   /* user-requested monitor mode */
#define IFF_STATICARP 0x80000 /* static ARP */
#define IFF_STICKYARP 0x100000 /* sticky ARP */
#define IFF_DYING 0x200000    /* interface is winding down */
#define IFF_RENAMING 0x400000 /* interface is being renamed */

/* Old names of the driver-owned flags, kept for userland. */
#define IFF_RUNNING IFF_DRV_RUNNING
#define IFF_OACTIVE IFF_DRV_OACTIVE

/* Flags that cannot be changed by SIOCSIFFLAGS. */
#define IFF_CANTCHANGE                                                        \
  (IFF_BROADCAST | IFF_POINTOPOINT | IFF_DRV_RUNNING | IFF_DRV_OACTIVE |      \
   IFF_SIMPLEX | IFF_MULTICAST | IFF_ALLMULTI | IFF_PROMISC | IFF_DYING |     \
   IFF_CANTCONFIG | IFF_NEEDSEPOCH)

/* Values for ifi_link_state. */
#define LINK_STATE_UNKNOWN 0
#define LINK_STATE_DOWN 1
#define LINK_STATE_UP 2

/* Line speeds for ifi_baudrate. */
#define IF_Kbps(x) ((uintmax_t)(x) * 1000)
#define IF_Mbps(x) (IF_Kbps((x) * 1000))
#define IF_Gbps(x) (IF_Mbps((x) * 1000))

/* Capabilities (ifr_reqcap, ifr_curcap). */
#define IFCAP_RXCSUM 0x00001
#define IFCAP_TXCSUM 0x00002
#define IFCAP_NETCONS 0x00004
#define IFCAP_VLAN_MTU 0x00008
#define IFCAP_VLAN_HWTAGGING 0x00010
#define IFCAP_JUMBO_MTU 0x00020
#define IFCAP_POLLING 0x00040
#define IFCAP_VLAN_HWCSUM 0x00080
#define IFCAP_TSO4 0x00100
#define IFCAP_TSO6 0x00200
#define IFCAP_LRO 0x00400
#define IFCAP_WOL_UCAST 0x00800
#define IFCAP_WOL_MCAST 0x01000
#define IFCAP_WOL_MAGIC 0x02000
#define IFCAP_TOE4 0x04000
#define IFCAP_TOE6 0x08000
#define IFCAP_VLAN_HWFILTER 0x10000
#define IFCAP_VLAN_HWTSO 0x40000
#define IFCAP_LINKSTATE 0x80000
#define IFCAP_NETMAP 0x100000
#define IFCAP_RXCSUM_IPV6 0x200000
#define IFCAP_TXCSUM_IPV6 0x400000
#define IFCAP_HWSTATS 0x800000
#define IFCAP_HWCSUM_IPV6 (IFCAP_RXCSUM_IPV6 | IFCAP_TXCSUM_IPV6)
#define IFCAP_HWCSUM (IFCAP_RXCSUM | IFCAP_TXCSUM)
#define IFCAP_TSO (IFCAP_TSO4 | IFCAP_TSO6)
#define IFCAP_WOL (IFCAP_WOL_UCAST | IFCAP_WOL_MCAST | IFCAP_WOL_MAGIC)
#define IFCAP_TOE (IFCAP_TOE4 | IFCAP_TOE6)

#define IFQ_MAXLEN 50
#define IFNET_SLOWHZ 1

/*
 * Interface message (RTM_IFINFO), and the longer form of NET_RT_IFLISTL
 * whose ifm_data_off says where if_data starts.
 */
struct if_msghdr {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  int ifm_addrs;            /* RTA_* present after the header */
  int ifm_flags;            /* IFF_* */
  unsigned short ifm_index; /* interface index */
  unsigned short _ifm_spare1;
  struct if_data ifm_data;
};

struct if_msghdrl {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  unsigned short ifm_index;
  unsigned short _ifm_spare1;
  unsigned short ifm_len;      /* length of this header */
  unsigned short ifm_data_off; /* offset of ifm_data from the start */
  int _ifm_spare2;
  struct if_data ifm_data;
};

/* Address message (RTM_NEWADDR, RTM_DELADDR), and the NET_RT_IFLISTL form. */
struct ifa_msghdr {
  unsigned short ifam_msglen;
  unsigned char ifam_version;
  unsigned char ifam_type;
  int ifam_addrs;
  int ifam_flags;            /* address flags */
  unsigned short ifam_index; /* interface index */
  unsigned short _ifam_spare1;
  int ifam_metric;           /* the interface's metric */
};

struct ifa_msghdrl {
  unsigned short ifam_msglen;
  unsigned char ifam_version;
  unsigned char ifam_type;
  int ifam_addrs;
  int ifam_flags;
  unsigned short ifam_index;
  unsigned short _ifam_spare1;
  unsigned short ifam_len;      /* length of this header */
  unsigned short ifam_data_off; /* offset of ifam_data from the start */
  int ifam_metric;
  struct if_data ifam_data;
};

/* Multicast membership message (RTM_NEWMADDR, RTM_DELMADDR). */
struct ifma_msghdr {
  unsigned short ifmam_msglen;
  unsigned char ifmam_version;
  unsigned char ifmam_type;
  int ifmam_addrs;
  int ifmam_flags;
  unsigned short ifmam_index;
  unsigned short _ifmam_spare1;
};

/* Interface arrival and departure (RTM_IFANNOUNCE, RTM_IEEE80211). */
struct if_announcemsghdr {
  unsigned short ifan_msglen;
  unsigned char ifan_version;
  unsigned char ifan_type;
  unsigned short ifan_index;
  char ifan_name[IFNAMSIZ];
  unsigned short ifan_what;  /* IFAN_* */
};

#define IFAN_ARRIVAL 0
#define IFAN_DEPARTURE 1

/* A user buffer for ioctls that carry one. */
struct ifreq_buffer {
  size_t length;
  void *buffer;
};

struct ifreq_cap_nv {
  unsigned int buf_length;
  unsigned int length;
  void *buffer;
};

/* Interface request: most SIOC[GS]IF* ioctls. */
struct ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr ifru_addr;
    struct sockaddr ifru_dstaddr;
    struct sockaddr ifru_broadaddr;
    struct ifreq_buffer ifru_buffer;
    short ifru_flags[2];
    short ifru_index;
    int ifru_jid;
    int ifru_metric;
    int ifru_mtu;
    int ifru_phys;
    int ifru_media;
    char *ifru_data; /* caddr_t, spelled so that strict POSIX modes, which hide caddr_t, keep it */
    int ifru_cap[2];
    unsigned int ifru_fib;
    unsigned char ifru_vlan_pcp;
    struct ifreq_cap_nv ifru_cap_nv;
  } ifr_ifru;
#define ifr_addr ifr_ifru.ifru_addr
#define ifr_dstaddr ifr_ifru.ifru_dstaddr
#define ifr_broadaddr ifr_ifru.ifru_broadaddr
#define ifr_buffer ifr_ifru.ifru_buffer
#define ifr_flags ifr_ifru.ifru_flags[0]
#define ifr_flagshigh ifr_ifru.ifru_flags[1]
#define ifr_jid ifr_ifru.ifru_jid
#define ifr_metric ifr_ifru.ifru_metric
#define ifr_mtu ifr_ifru.ifru_mtu
#define ifr_phys ifr_ifru.ifru_phys
#define ifr_media ifr_ifru.ifru_media
#define ifr_data ifr_ifru.ifru_data
#define ifr_reqcap ifr_ifru.ifru_cap[0]
#define ifr_curcap ifr_ifru.ifru_cap[1]
#define ifr_index ifr_ifru.ifru_index
#define ifr_fib ifr_ifru.ifru_fib
#define ifr_vlan_pcp ifr_ifru.ifru_vlan_pcp
#define ifr_lan_pcp ifr_ifru.ifru_vlan_pcp
#define ifr_cap_nv ifr_ifru.ifru_cap_nv
};

#define _SIZEOF_ADDR_IFREQ(ifr)                                  \
  ((ifr).ifr_addr.sa_len > sizeof(struct sockaddr)               \
       ? (sizeof(struct ifreq) - sizeof(struct sockaddr) +       \
          (ifr).ifr_addr.sa_len)                                 \
       : sizeof(struct ifreq))

/* Address with broadcast (or destination) and mask: SIOCAIFADDR. */
struct ifaliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr ifra_addr;
  struct sockaddr ifra_broadaddr;
  struct sockaddr ifra_mask;
  int ifra_vhid;
};

/* The FreeBSD 9 form without ifra_vhid (OSIOCAIFADDR). */
struct oifaliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr ifra_addr;
  struct sockaddr ifra_broadaddr;
  struct sockaddr ifra_mask;
};

struct ifmediareq {
  char ifm_name[IFNAMSIZ];
  int ifm_current; /* current media options */
  int ifm_mask;    /* don't-care mask */
  int ifm_status;  /* media status */
  int ifm_active;  /* active options */
  int ifm_count;   /* entries in ifm_ulist */
  int *ifm_ulist;  /* media words */
};

struct ifdrv {
  char ifd_name[IFNAMSIZ];
  unsigned long ifd_cmd;
  size_t ifd_len;
  void *ifd_data;
};

/* SIOCGIFSTATUS: a text description of the interface's status. */
#define IFSTATMAX 800
struct ifstat {
  char ifs_name[IFNAMSIZ];
  char ascii[IFSTATMAX + 1];
};

/* SIOCGIFCONF: a buffer filled with ifreq records. */
struct ifconf {
  int ifc_len;
  union {
    char *ifcu_buf; /* caddr_t */
    struct ifreq *ifcu_req;
  } ifc_ifcu;
#define ifc_buf ifc_ifcu.ifcu_buf
#define ifc_req ifc_ifcu.ifcu_req
};

/* Interface groups (SIOC[ADG]IFGROUP, SIOCGIFGMEMB). */
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

/* SIOCGIFDOWNREASON. */
#define IFDR_MSG_SIZE 64
#define IFDR_REASON_MSG 1
#define IFDR_REASON_VENDOR 2
struct ifdownreason {
  char ifdr_name[IFNAMSIZ];
  uint32_t ifdr_reason;
  uint32_t ifdr_vendor;
  char ifdr_msg[IFDR_MSG_SIZE];
};

/* if_nameindex(3) and friends. */
struct if_nameindex {
  unsigned int if_index; /* 1, 2, ... */
  char *if_name;         /* null terminated name: "le0", ... */
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
