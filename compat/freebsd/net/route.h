/*
 * rtsock compat, FreeBSD 14: <net/route.h>, the routing socket's messages
 * (route(4)). Layouts and numbers follow rtsock's abi profile
 * "freebsd14-amd64"; tests/compat checks them against it.
 */
#ifndef _NET_ROUTE_H_
#define _NET_ROUTE_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/socket.h>

/*
 * Route metrics. Every member is a u_long; rmx_locks is accepted but the
 * kernel keeps no locks any more.
 */
struct rt_metrics {
  unsigned long rmx_locks;    /* metrics that may not be changed (RTV_*) */
  unsigned long rmx_mtu;      /* MTU for this path */
  unsigned long rmx_hopcount; /* hops to the destination */
  unsigned long rmx_expire;   /* lifetime of the route (wall-clock seconds) */
  unsigned long rmx_recvpipe; /* inbound delay-bandwidth product */
  unsigned long rmx_sendpipe; /* outbound delay-bandwidth product */
  unsigned long rmx_ssthresh; /* outbound gateway buffer limit */
  unsigned long rmx_rtt;      /* estimated round trip time (RTM_RTTUNIT) */
  unsigned long rmx_rttvar;   /* estimated rtt variance */
  unsigned long rmx_pksent;   /* packets sent using this route */
  unsigned long rmx_weight;   /* weight among paths to the destination */
  unsigned long rmx_nhidx;    /* nexthop index */
  unsigned long rmx_filler[2];
};

#define RTM_RTTUNIT 1000000 /* units for rtt and rttvar: microseconds */
#define rmx_state rmx_weight /* an lle's state (arp -a, ndp -a) */

#define RT_DEFAULT_FIB 0  /* the FIB a socket uses unless told */
#define RT_ALL_FIBS (-1)  /* every FIB, or the caller's in sysctl dumps */

/* Route flags (rtm_flags). */
#define RTF_UP 0x1
#define RTF_GATEWAY 0x2
#define RTF_HOST 0x4
#define RTF_REJECT 0x8
#define RTF_DYNAMIC 0x10
#define RTF_MODIFIED 0x20
#define RTF_DONE 0x40
#define RTF_XRESOLVE 0x200
#define RTF_LLINFO 0x400
#define RTF_LLDATA 0x400
#define RTF_STATIC 0x800
#define RTF_BLACKHOLE 0x1000
#define RTF_PROTO2 0x4000
#define RTF_PROTO1 0x8000
#define RTF_PROTO3 0x40000
#define RTF_FIXEDMTU 0x80000
#define RTF_PINNED 0x100000
#define RTF_LOCAL 0x200000
#define RTF_BROADCAST 0x400000
#define RTF_MULTICAST 0x800000
#define RTF_STICKY 0x10000000
#define RTF_GWFLAG_COMPAT 0x80000000

/* The flags RTM_CHANGE may alter, selected by rtm_fmask. */
#define RTF_FMASK \
  (RTF_PROTO1 | RTF_PROTO2 | RTF_PROTO3 | RTF_BLACKHOLE | RTF_REJECT | RTF_STATIC | RTF_STICKY)

/*
 * Message header of every route message (types RTM_ADD to RTM_RESOLVE).
 * Sockaddrs follow it, one per bit set in rtm_addrs, each SA_SIZE long.
 */
struct rt_msghdr {
  unsigned short rtm_msglen; /* length of the message, sockaddrs included */
  unsigned char rtm_version; /* RTM_VERSION */
  unsigned char rtm_type;    /* RTM_* */
  unsigned short rtm_index;  /* interface index */
  unsigned short _rtm_spare1;
  int rtm_flags;  /* RTF_* */
  int rtm_addrs;  /* RTA_*: which sockaddrs follow */
  pid_t rtm_pid;  /* sender; 0 for the kernel */
  int rtm_seq;    /* for the sender to match replies */
  int rtm_errno;  /* why the request failed */
  int rtm_fmask;  /* flags RTM_CHANGE sets or clears */
  unsigned long rtm_inits;    /* RTV_*: metrics being set */
  struct rt_metrics rtm_rmx;  /* the metrics */
};

#define RTM_VERSION 5

/* Message types (rtm_type). */
#define RTM_ADD 0x1
#define RTM_DELETE 0x2
#define RTM_CHANGE 0x3
#define RTM_GET 0x4
#define RTM_LOSING 0x5
#define RTM_REDIRECT 0x6
#define RTM_MISS 0x7
#define RTM_LOCK 0x8
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
#define RTV_WEIGHT 0x100

/* Sockaddr bits (rtm_addrs). */
#define RTA_DST 0x1
#define RTA_GATEWAY 0x2
#define RTA_NETMASK 0x4
#define RTA_GENMASK 0x8
#define RTA_IFP 0x10
#define RTA_IFA 0x20
#define RTA_AUTHOR 0x40
#define RTA_BRD 0x80

/* Sockaddr slot indexes. */
#define RTAX_DST 0
#define RTAX_GATEWAY 1
#define RTAX_NETMASK 2
#define RTAX_GENMASK 3
#define RTAX_IFP 4
#define RTAX_IFA 5
#define RTAX_AUTHOR 6
#define RTAX_BRD 7
#define RTAX_MAX 8

/*
 * Space a sockaddr takes after the header: sa_len rounded up to a long; an
 * empty one (sa_len 0) still takes a long.
 */
#define SA_SIZE(sa)                                           \
  ((((const struct sockaddr *)(sa))->sa_len == 0)             \
       ? sizeof(long)                                         \
       : 1 + ((((const struct sockaddr *)(sa))->sa_len - 1) | \
              (sizeof(long) - 1)))

#define sa_equal(a, b)                                                                 \
  ((((const struct sockaddr *)(a))->sa_len == ((const struct sockaddr *)(b))->sa_len) && \
   (__builtin_memcmp((a), (b), ((const struct sockaddr *)(b))->sa_len) == 0))

#endif /* !_NET_ROUTE_H_ */
