/*
 * rtsock compat, DragonFly 5.8 and later: <net/route.h>, the routing
 * socket's messages (RTM_VERSION 7; rt_msghdr 152 bytes; the metrics keep
 * DragonFly's own order and add the MSL and initial-window metrics).
 * Layouts and numbers follow rtsock's abi profile "dragonfly"; tests/compat
 * checks them.
 */
#ifndef _NET_ROUTE_H_
#define _NET_ROUTE_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/socket.h>

struct rt_metrics {
  unsigned long rmx_locks;     /* metrics that may not be changed (RTV_*) */
  unsigned long rmx_mtu;       /* MTU for this path */
  unsigned long rmx_pksent;    /* packets sent using this route */
  unsigned long rmx_expire;    /* lifetime of the route */
  unsigned long rmx_sendpipe;  /* outbound delay-bandwidth product */
  unsigned long rmx_ssthresh;  /* outbound gateway buffer limit */
  unsigned long rmx_rtt;       /* estimated round trip time */
  unsigned long rmx_rttvar;    /* estimated rtt variance */
  unsigned long rmx_recvpipe;  /* inbound delay-bandwidth product */
  unsigned long rmx_hopcount;  /* hops to the destination */
  unsigned short rmx_mssopt;   /* peer's cached MSS */
  unsigned short rmx_pad;
  unsigned long rmx_msl;       /* maximum segment lifetime, unit: ms */
  unsigned long rmx_iwmaxsegs; /* largest initial window (segments) */
  unsigned long rmx_iwcapsegs; /* initial window cap (segments) */
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
#define RTF_XRESOLVE 0x200
#define RTF_LLINFO 0x400
#define RTF_STATIC 0x800
#define RTF_BLACKHOLE 0x1000
#define RTF_PROTO2 0x4000
#define RTF_PROTO1 0x8000
#define RTF_PRCLONING 0x10000
#define RTF_WASCLONED 0x20000
#define RTF_PROTO3 0x40000
#define RTF_PINNED 0x100000
#define RTF_LOCAL 0x200000
#define RTF_BROADCAST 0x400000
#define RTF_MULTICAST 0x800000
#define RTF_MPLSOPS 0x1000000

struct rt_msghdr {
  unsigned short rtm_msglen; /* length of the message, sockaddrs included */
  unsigned char rtm_version; /* RTM_VERSION */
  unsigned char rtm_type;    /* RTM_* */
  unsigned short rtm_index;  /* interface index */
  int rtm_flags;             /* RTF_* */
  int rtm_addrs;             /* RTA_*: which sockaddrs follow */
  pid_t rtm_pid;             /* sender; 0 for the kernel */
  int rtm_seq;               /* for the sender to match replies */
  int rtm_errno;             /* why the request failed */
  int rtm_use;               /* from rtentry */
  unsigned long rtm_inits;   /* RTV_*: metrics being set */
  struct rt_metrics rtm_rmx; /* the metrics */
};

#define RTM_VERSION 7

/* Message types (rtm_type). */
#define RTM_ADD 0x1
#define RTM_DELETE 0x2
#define RTM_CHANGE 0x3
#define RTM_GET 0x4
#define RTM_LOSING 0x5
#define RTM_REDIRECT 0x6
#define RTM_MISS 0x7
#define RTM_LOCK 0x8
#define RTM_OLDADD 0x9
#define RTM_OLDDEL 0xa
#define RTM_RESOLVE 0xb
#define RTM_NEWADDR 0xc
#define RTM_DELADDR 0xd
#define RTM_IFINFO 0xe
#define RTM_NEWMADDR 0xf
#define RTM_DELMADDR 0x10
#define RTM_IFANNOUNCE 0x11
#define RTM_IEEE80211 0x12

/* Metric bits (rtm_inits and rmx_locks). */
#define RTV_MTU 0x1
#define RTV_HOPCOUNT 0x2
#define RTV_EXPIRE 0x4
#define RTV_RPIPE 0x8
#define RTV_SPIPE 0x10
#define RTV_SSTHRESH 0x20
#define RTV_RTT 0x40
#define RTV_RTTVAR 0x80
#define RTV_MSL 0x100
#define RTV_IWMAXSEGS 0x200
#define RTV_IWCAPSEGS 0x400

/* Sockaddr bits (rtm_addrs). */
#define RTA_DST 0x1
#define RTA_GATEWAY 0x2
#define RTA_NETMASK 0x4
#define RTA_GENMASK 0x8
#define RTA_IFP 0x10
#define RTA_IFA 0x20
#define RTA_AUTHOR 0x40
#define RTA_BRD 0x80
#define RTA_MPLS1 0x100
#define RTA_MPLS2 0x200
#define RTA_MPLS3 0x400

/* Sockaddr slot indexes. */
#define RTAX_DST 0
#define RTAX_GATEWAY 1
#define RTAX_NETMASK 2
#define RTAX_GENMASK 3
#define RTAX_IFP 4
#define RTAX_IFA 5
#define RTAX_AUTHOR 6
#define RTAX_BRD 7
#define RTAX_MPLS1 8
#define RTAX_MPLS2 9
#define RTAX_MPLS3 10
#define RTAX_MAX 11

#endif /* !_NET_ROUTE_H_ */
