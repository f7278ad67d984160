/*
 * rtsock compat, macOS: <net/if.h>. Interface flags, the interface messages
 * of the routing socket (if_msghdr 112 bytes, if_msghdr2 160, ifma_msghdr2)
 * with if_data from <net/if_var.h>, and the ioctl request structures in
 * xnu's layout (several packed to 4 bytes: struct ifconf is 12 bytes,
 * struct ifmediareq 44).
 */
#ifndef _NET_IF_H_
#define _NET_IF_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <net/if_var.h>
#include <stdint.h>

#define IF_NAMESIZE 16
#define IFNAMSIZ IF_NAMESIZE

struct if_clonereq {
  int ifcr_total;    /* total cloners (out) */
  int ifcr_count;    /* room for this many in user buffer */
  char *ifcr_buffer; /* buffer for cloner names */
};

#define IFF_UP 0x1
#define IFF_BROADCAST 0x2
#define IFF_DEBUG 0x4
#define IFF_LOOPBACK 0x8
#define IFF_POINTOPOINT 0x10
#define IFF_NOTRAILERS 0x20
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

#define IFCAP_RXCSUM 0x00001
#define IFCAP_TXCSUM 0x00002
#define IFCAP_VLAN_MTU 0x00004
#define IFCAP_VLAN_HWTAGGING 0x00008
#define IFCAP_JUMBO_MTU 0x00010
#define IFCAP_TSO4 0x00020
#define IFCAP_TSO6 0x00040
#define IFCAP_LRO 0x00080
#define IFCAP_AV 0x00100
#define IFCAP_TXSTATUS 0x00200
#define IFCAP_HWCSUM (IFCAP_RXCSUM | IFCAP_TXCSUM)
#define IFCAP_TSO (IFCAP_TSO4 | IFCAP_TSO6)

#define IFQ_MAXLEN 128
#define IFNET_SLOWHZ 1

/* RTM_IFINFO. */
struct if_msghdr {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  int ifm_addrs;            /* RTA_* present after the header */
  int ifm_flags;            /* IFF_* */
  unsigned short ifm_index; /* interface index */
  struct if_data ifm_data;
};

/* RTM_NEWADDR, RTM_DELADDR. */
struct ifa_msghdr {
  unsigned short ifam_msglen;
  unsigned char ifam_version;
  unsigned char ifam_type;
  int ifam_addrs;
  int ifam_flags;
  unsigned short ifam_index;
  int ifam_metric;
};

/* RTM_NEWMADDR, RTM_DELMADDR. */
struct ifma_msghdr {
  unsigned short ifmam_msglen;
  unsigned char ifmam_version;
  unsigned char ifmam_type;
  int ifmam_addrs;
  int ifmam_flags;
  unsigned short ifmam_index;
};

/* RTM_IFINFO2 (NET_RT_IFLIST2): with send-queue figures and 64-bit counters. */
struct if_msghdr2 {
  unsigned short ifm_msglen;
  unsigned char ifm_version;
  unsigned char ifm_type;
  int ifm_addrs;
  int ifm_flags;
  unsigned short ifm_index;
  int ifm_snd_len;    /* instantaneous length of send queue */
  int ifm_snd_maxlen; /* maximum length of send queue */
  int ifm_snd_drops;  /* number of drops in send queue */
  int ifm_timer;      /* time until if_watchdog called */
  struct if_data64 ifm_data;
};

/* RTM_NEWMADDR2. */
struct ifma_msghdr2 {
  unsigned short ifmam_msglen;
  unsigned char ifmam_version;
  unsigned char ifmam_type;
  int ifmam_addrs;
  int ifmam_flags;
  unsigned short ifmam_index;
  int32_t ifmam_refcount;
};

struct ifdevmtu {
  int ifdm_current;
  int ifdm_min;
  int ifdm_max;
};

#pragma pack(4)
struct ifkpi {
  unsigned int ifk_module_id;
  unsigned int ifk_type;
  union {
    void *ifk_ptr;
    int ifk_value;
  } ifk_data;
};
#pragma pack()

#define IF_WAKE_ON_MAGIC_PACKET 0x01

struct ifreq {
  char ifr_name[IFNAMSIZ];
  union {
    struct sockaddr ifru_addr;
    struct sockaddr ifru_dstaddr;
    struct sockaddr ifru_broadaddr;
    short ifru_flags;
    int ifru_metric;
    int ifru_mtu;
    int ifru_phys;
    int ifru_media;
    int ifru_intval;
    char *ifru_data;
    struct ifdevmtu ifru_devmtu;
    struct ifkpi ifru_kpi;
    uint32_t ifru_wake_flags;
    uint32_t ifru_route_refcnt;
    int ifru_cap[2];
    uint32_t ifru_functional_type;
  } ifr_ifru;
#define ifr_addr ifr_ifru.ifru_addr
#define ifr_dstaddr ifr_ifru.ifru_dstaddr
#define ifr_broadaddr ifr_ifru.ifru_broadaddr
#define ifr_flags ifr_ifru.ifru_flags
#define ifr_metric ifr_ifru.ifru_metric
#define ifr_mtu ifr_ifru.ifru_mtu
#define ifr_phys ifr_ifru.ifru_phys
#define ifr_media ifr_ifru.ifru_media
#define ifr_data ifr_ifru.ifru_data
#define ifr_devmtu ifr_ifru.ifru_devmtu
#define ifr_intval ifr_ifru.ifru_intval
#define ifr_kpi ifr_ifru.ifru_kpi
#define ifr_wake_flags ifr_ifru.ifru_wake_flags
#define ifr_route_refcnt ifr_ifru.ifru_route_refcnt
#define ifr_reqcap ifr_ifru.ifru_cap[0]
#define ifr_curcap ifr_ifru.ifru_cap[1]
};

#define IFRTYPE_FUNCTIONAL_UNKNOWN 0
#define IFRTYPE_FUNCTIONAL_LOOPBACK 1
#define IFRTYPE_FUNCTIONAL_WIRED 2
#define IFRTYPE_FUNCTIONAL_WIFI_INFRA 3
#define IFRTYPE_FUNCTIONAL_WIFI_AWDL 4
#define IFRTYPE_FUNCTIONAL_CELLULAR 5

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

struct rslvmulti_req {
  struct sockaddr *sa;
  struct sockaddr **llsa;
};

#pragma pack(4)
struct ifmediareq {
  char ifm_name[IFNAMSIZ];
  int ifm_current;
  int ifm_mask;
  int ifm_status;
  int ifm_active;
  int ifm_count;
  int *ifm_ulist;
};
#pragma pack()

#pragma pack(4)
struct ifdrv {
  char ifd_name[IFNAMSIZ];
  unsigned long ifd_cmd;
  size_t ifd_len;
  void *ifd_data;
};
#pragma pack()

#define IFSTATMAX 800
struct ifstat {
  char ifs_name[IFNAMSIZ];
  char ascii[IFSTATMAX + 1];
};

#pragma pack(4)
struct ifconf {
  int ifc_len;
  union {
    char *ifcu_buf;
    struct ifreq *ifcu_req;
  } ifc_ifcu;
};
#pragma pack()
#define ifc_buf ifc_ifcu.ifcu_buf
#define ifc_req ifc_ifcu.ifcu_req

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

#endif /* !_NET_IF_H_ */
