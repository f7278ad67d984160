/*
 * rtsock compat, NetBSD 8 and later: <net/route.h>, the routing socket's
 * messages (RTM_VERSION 4; rt_msghdr is 120 bytes with 64-bit metrics on
 * every arch), RT_ROUNDUP and the RO_*FILTER socket options. Layouts and
 * numbers follow rtsock's abi profile "netbsd"; tests/compat checks them.
 */
#ifndef _NET_ROUTE_H_
#define _NET_ROUTE_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h> /* NetBSD's <net/route.h> brings it (and programs rely on it) */
#include <stdint.h>

/* Route metrics: all 64-bit; note the order (expire and pksent last). */
struct rt_metrics {
  uint64_t rmx_locks;    /* metrics that may not be changed (RTV_*) */
  uint64_t rmx_mtu;      /* MTU for this path */
  uint64_t rmx_hopcount; /* hops to the destination */
  uint64_t rmx_recvpipe; /* inbound delay-bandwidth product */
  uint64_t rmx_sendpipe; /* outbound delay-bandwidth product */
  uint64_t rmx_ssthresh; /* outbound gateway buffer limit */
  uint64_t rmx_rtt;      /* estimated round trip time */
  uint64_t rmx_rttvar;   /* estimated rtt variance */
  time_t rmx_expire;     /* lifetime of the route */
  time_t rmx_pksent;     /* packets sent using this route */
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
#define RTF_MASK 0x80
#define RTF_CONNECTED 0x100
#define RTF_LLDATA 0x400
#define RTF_LLINFO RTF_LLDATA
#define RTF_STATIC 0x800
#define RTF_BLACKHOLE 0x1000
#define RTF_PROTO2 0x4000
#define RTF_PROTO1 0x8000
#define RTF_SRC 0x10000
#define RTF_ANNOUNCE 0x20000
#define RTF_LOCAL 0x40000
#define RTF_BROADCAST 0x80000
#define RTF_UPDATING 0x100000
#define RTF_DONTCHANGEIFA 0x200000

/* Header of the route messages. */
struct rt_msghdr {
  unsigned short rtm_msglen __attribute__((__aligned__(8)));
  unsigned char rtm_version; /* RTM_VERSION */
  unsigned char rtm_type;    /* RTM_* */
  unsigned short rtm_index;  /* interface index */
  int rtm_flags;             /* RTF_* */
  int rtm_addrs;             /* RTA_*: which sockaddrs follow */
  pid_t rtm_pid;             /* sender; 0 for the kernel */
  int rtm_seq;               /* for the sender to match replies */
  int rtm_errno;             /* why the request failed */
  int rtm_use;               /* from rtentry */
  int rtm_inits;             /* RTV_*: metrics being set */
  struct rt_metrics rtm_rmx __attribute__((__aligned__(8)));
};

#define RTM_VERSION 4

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
#define RTM_ONEWADDR 0xc   /* pre-8.0 RTM_NEWADDR */
#define RTM_ODELADDR 0xd   /* pre-8.0 RTM_DELADDR */
#define RTM_OOIFINFO 0xe   /* pre-1.5 RTM_IFINFO */
#define RTM_OIFINFO 0xf    /* pre-64-bit-time RTM_IFINFO */
#define RTM_IFANNOUNCE 0x10
#define RTM_IEEE80211 0x11
#define RTM_SETGATE 0x12
#define RTM_LLINFO_UPD 0x13
#define RTM_IFINFO 0x14
#define RTM_OCHGADDR 0x15  /* pre-8.0 RTM_CHGADDR */
#define RTM_NEWADDR 0x16
#define RTM_DELADDR 0x17
#define RTM_CHGADDR 0x18

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
#define RTA_TAG 0x100

/* Sockaddr slot indexes. */
#define RTAX_DST 0
#define RTAX_GATEWAY 1
#define RTAX_NETMASK 2
#define RTAX_GENMASK 3
#define RTAX_IFP 4
#define RTAX_IFA 5
#define RTAX_AUTHOR 6
#define RTAX_BRD 7
#define RTAX_TAG 8
#define RTAX_MAX 9

/* Sockaddrs follow the header padded to 8 bytes on every arch. */
#define RT_ROUNDUP2(a, n) ((a) > 0 ? (1 + (((a) - 1U) | ((n) - 1))) : (n))
#define RT_ROUNDUP(a) RT_ROUNDUP2((a), sizeof(uint64_t))
#define RT_ADVANCE(x, n) (x += RT_ROUNDUP((n)->sa_len))

/* Options at level AF_ROUTE (setsockopt on a routing socket). */
#define RO_MSGFILTER 1  /* array of rtm_type values to receive */
#define RO_MISSFILTER 2 /* array of sockaddrs: RTM_MISS only for these */
#define RO_FILTSA_MAX 30

#endif /* !_NET_ROUTE_H_ */
