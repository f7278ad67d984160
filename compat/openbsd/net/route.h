/*
 * rtsock compat, OpenBSD: <net/route.h>, the routing socket's messages:
 * rt_msghdr with rtm_hdrlen (sockaddrs start at rtm + rtm_hdrlen), routing
 * tables (rtm_tableid), route priorities and the socket filters. Layouts
 * and numbers follow rtsock's abi profile "openbsd"; tests/compat checks them.
 */
#ifndef _NET_ROUTE_H_
#define _NET_ROUTE_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>

/* Route metrics (56 bytes on every arch). */
struct rt_metrics {
  uint64_t rmx_pksent;   /* packets sent using this route */
  int64_t rmx_expire;    /* lifetime of the route */
  unsigned int rmx_locks;    /* metrics that may not be changed */
  unsigned int rmx_mtu;      /* MTU for this path */
  unsigned int rmx_refcnt;   /* references held on the route */
  unsigned int rmx_hopcount; /* hops to the destination */
  unsigned int rmx_recvpipe; /* inbound delay-bandwidth product */
  unsigned int rmx_sendpipe; /* outbound delay-bandwidth product */
  unsigned int rmx_ssthresh; /* outbound gateway buffer limit */
  unsigned int rmx_rtt;      /* estimated round trip time */
  unsigned int rmx_rttvar;   /* estimated rtt variance */
  unsigned int rmx_pad;
};

#define RTM_RTTUNIT 1000000

/* Route flags (rtm_flags). */
#define RTF_UP 0x1
#define RTF_GATEWAY 0x2
#define RTF_HOST 0x4
#define RTF_REJECT 0x8
#define RTF_DYNAMIC 0x10
#define RTF_MODIFIED 0x20
#define RTF_DONE 0x40
#define RTF_CLONING 0x100
#define RTF_MULTICAST 0x200
#define RTF_LLINFO 0x400
#define RTF_STATIC 0x800
#define RTF_BLACKHOLE 0x1000
#define RTF_PROTO3 0x2000
#define RTF_PROTO2 0x4000
#define RTF_ANNOUNCE RTF_PROTO2
#define RTF_PROTO1 0x8000
#define RTF_CLONED 0x10000
#define RTF_CACHED 0x20000
#define RTF_MPATH 0x40000
#define RTF_MPLS 0x100000
#define RTF_LOCAL 0x200000
#define RTF_BROADCAST 0x400000
#define RTF_CONNECTED 0x800000
#define RTF_BFD 0x1000000

/* Obsolete names still accepted. */
#define RTF_USETRAILERS RTF_PROTO1
#define RTF_PERMANENT_ARP RTF_PROTO3

/* The flags RTM_CHANGE may alter, selected by rtm_fmask. */
#define RTF_FMASK                                                                 \
  (RTF_LLINFO | RTF_PROTO1 | RTF_PROTO2 | RTF_PROTO3 | RTF_BLACKHOLE | RTF_REJECT | \
   RTF_STATIC | RTF_MPLS | RTF_BFD)

/* Route priorities (rtm_priority); smaller wins. */
#define RTP_NONE 0
#define RTP_LOCAL 1
#define RTP_CONNECTED 4
#define RTP_STATIC 8
#define RTP_EIGRP 28
#define RTP_OSPF 32
#define RTP_ISIS 36
#define RTP_RIP 40
#define RTP_BGP 48
#define RTP_DEFAULT 56
#define RTP_PROPOSAL_STATIC 57
#define RTP_PROPOSAL_DHCLIENT 58
#define RTP_PROPOSAL_SLAAC 59
#define RTP_PROPOSAL_UMB 60
#define RTP_PROPOSAL_PPP 61
#define RTP_PROPOSAL_SOLICIT 62
#define RTP_MAX 63
#define RTP_ANY 64
#define RTP_MASK 0x7f
#define RTP_DOWN 0x80

/* Header of the route messages (96 bytes on every arch). */
struct rt_msghdr {
  unsigned short rtm_msglen;  /* length of the message, sockaddrs included */
  unsigned char rtm_version;  /* RTM_VERSION */
  unsigned char rtm_type;     /* RTM_* */
  unsigned short rtm_hdrlen;  /* sizeof(struct rt_msghdr): where sockaddrs start */
  unsigned short rtm_index;   /* interface index */
  unsigned short rtm_tableid; /* routing table id */
  unsigned char rtm_priority; /* RTP_* */
  unsigned char rtm_mpls;     /* MPLS additional infos */
  int rtm_addrs;              /* RTA_*: which sockaddrs follow */
  int rtm_flags;              /* RTF_* */
  int rtm_fmask;              /* flags RTM_CHANGE sets or clears */
  pid_t rtm_pid;              /* sender; 0 for the kernel */
  int rtm_seq;                /* for the sender to match replies */
  int rtm_errno;              /* why the request failed */
  unsigned int rtm_inits;     /* RTV_*: metrics being set */
  struct rt_metrics rtm_rmx;  /* the metrics */
};
#define rtm_use rtm_rmx.rmx_pksent

#define RTM_VERSION 5
#define RTM_MAXSIZE 2048 /* largest request the kernel accepts */

/* Message types (rtm_type). */
#define RTM_ADD 0x1
#define RTM_DELETE 0x2
#define RTM_CHANGE 0x3
#define RTM_GET 0x4
#define RTM_LOSING 0x5
#define RTM_REDIRECT 0x6
#define RTM_MISS 0x7
#define RTM_RESOLVE 0xb
#define RTM_NEWADDR 0xc
#define RTM_DELADDR 0xd
#define RTM_IFINFO 0xe
#define RTM_IFANNOUNCE 0xf
#define RTM_DESYNC 0x10
#define RTM_INVALIDATE 0x11
#define RTM_BFD 0x12
#define RTM_PROPOSAL 0x13
#define RTM_CHGADDRATTR 0x14
#define RTM_80211INFO 0x15
#define RTM_SOURCE 0x16

/* Metric bits (rtm_inits and rmx_locks). */
#define RTV_MTU 0x1
#define RTV_HOPCOUNT 0x2
#define RTV_EXPIRE 0x4
#define RTV_RPIPE 0x8
#define RTV_SPIPE 0x10
#define RTV_SSTHRESH 0x20
#define RTV_RTT 0x40
#define RTV_RTTVAR 0x80

/* Sockaddr bits (rtm_addrs). */
#define RTA_DST 0x1
#define RTA_GATEWAY 0x2
#define RTA_NETMASK 0x4
#define RTA_GENMASK 0x8
#define RTA_IFP 0x10
#define RTA_IFA 0x20
#define RTA_AUTHOR 0x40
#define RTA_BRD 0x80
#define RTA_SRC 0x100
#define RTA_SRCMASK 0x200
#define RTA_LABEL 0x400
#define RTA_BFD 0x800
#define RTA_DNS 0x1000
#define RTA_STATIC 0x2000
#define RTA_SEARCH 0x4000

/* Sockaddr slot indexes. */
#define RTAX_DST 0
#define RTAX_GATEWAY 1
#define RTAX_NETMASK 2
#define RTAX_GENMASK 3
#define RTAX_IFP 4
#define RTAX_IFA 5
#define RTAX_AUTHOR 6
#define RTAX_BRD 7
#define RTAX_SRC 8
#define RTAX_SRCMASK 9
#define RTAX_LABEL 10
#define RTAX_BFD 11
#define RTAX_DNS 12
#define RTAX_STATIC 13
#define RTAX_SEARCH 14
#define RTAX_MAX 15

/* Options at level AF_ROUTE (setsockopt on a routing socket). */
#define ROUTE_MSGFILTER 1   /* bitmask of RTM_* types to receive */
#define ROUTE_TABLEFILTER 2 /* only messages of this table (RTABLE_ANY: all) */
#define ROUTE_PRIOFILTER 3  /* only messages of this priority or better */
#define ROUTE_FLAGFILTER 4  /* drop messages with any of these flags */
#define ROUTE_FILTER(m) (1 << (m))
#define RTABLE_ANY 0xffffffff

/* RT_TABLEID_MAX and friends: <sys/socket.h>, as on OpenBSD. */

/* NET_RT_TABLE reply. */
struct rt_tableinfo {
  unsigned short rti_tableid;  /* routing table id */
  unsigned short rti_domainid; /* routing domain id */
};

/* Route label (RTA_LABEL). */
#define RTLABEL_LEN 32
struct sockaddr_rtlabel {
  uint8_t sr_len;
  sa_family_t sr_family;
  char sr_label[RTLABEL_LEN];
};

/* Resolvers, static routes and search domains in RTM_PROPOSAL. */
#define RTDNS_LEN 128
struct sockaddr_rtdns {
  uint8_t sr_len;
  sa_family_t sr_family;
  char sr_dns[RTDNS_LEN];
};

#define RTSTATIC_LEN 128
struct sockaddr_rtstatic {
  uint8_t sr_len;
  sa_family_t sr_family;
  char sr_static[RTSTATIC_LEN];
};

#define RTSEARCH_LEN 128
struct sockaddr_rtsearch {
  uint8_t sr_len;
  sa_family_t sr_family;
  char sr_search[RTSEARCH_LEN];
};

#endif /* !_NET_ROUTE_H_ */
