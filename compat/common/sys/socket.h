/*
 * rtsock compat: <sys/socket.h> is glibc's, with the BSD personality's
 * address-family numbers and the routing-socket names.
 *
 * struct sockaddr and sockaddr_storage get sa_len/ss_len from our
 * <bits/sockaddr.h>. Everything else stays glibc's: SOL_SOCKET, the SO_*
 * options Linux has, MSG_*, SOCK_*, struct msghdr and cmsghdr, so ordinary
 * sockets need no translation beyond addresses and families. Names that only
 * a BSD routing socket knows carry the BSD value; librtsock-compat handles
 * them on routing sockets. Families Linux alone has (AF_NETLINK, AF_PACKET,
 * ...) do not exist here, as on the real system.
 */
#include_next <sys/socket.h>

#ifndef _RTSOCK_COMPAT_SYS_SOCKET_H_
#define _RTSOCK_COMPAT_SYS_SOCKET_H_

#include <sys/_rtsock_compat.h>

/* glibc's Linux families go; each BSD's own numbers replace them. */
#undef AF_UNSPEC
#undef PF_UNSPEC
#undef AF_LOCAL
#undef PF_LOCAL
#undef AF_UNIX
#undef PF_UNIX
#undef AF_FILE
#undef PF_FILE
#undef AF_INET
#undef PF_INET
#undef AF_AX25
#undef PF_AX25
#undef AF_IPX
#undef PF_IPX
#undef AF_APPLETALK
#undef PF_APPLETALK
#undef AF_NETROM
#undef PF_NETROM
#undef AF_BRIDGE
#undef PF_BRIDGE
#undef AF_ATMPVC
#undef PF_ATMPVC
#undef AF_X25
#undef PF_X25
#undef AF_INET6
#undef PF_INET6
#undef AF_ROSE
#undef PF_ROSE
#undef AF_DECnet
#undef PF_DECnet
#undef AF_NETBEUI
#undef PF_NETBEUI
#undef AF_SECURITY
#undef PF_SECURITY
#undef AF_KEY
#undef PF_KEY
#undef AF_NETLINK
#undef PF_NETLINK
#undef AF_ROUTE
#undef PF_ROUTE
#undef AF_PACKET
#undef PF_PACKET
#undef AF_ASH
#undef PF_ASH
#undef AF_ECONET
#undef PF_ECONET
#undef AF_ATMSVC
#undef PF_ATMSVC
#undef AF_RDS
#undef PF_RDS
#undef AF_SNA
#undef PF_SNA
#undef AF_IRDA
#undef PF_IRDA
#undef AF_PPPOX
#undef PF_PPPOX
#undef AF_WANPIPE
#undef PF_WANPIPE
#undef AF_LLC
#undef PF_LLC
#undef AF_IB
#undef PF_IB
#undef AF_MPLS
#undef PF_MPLS
#undef AF_CAN
#undef PF_CAN
#undef AF_TIPC
#undef PF_TIPC
#undef AF_BLUETOOTH
#undef PF_BLUETOOTH
#undef AF_IUCV
#undef PF_IUCV
#undef AF_RXRPC
#undef PF_RXRPC
#undef AF_ISDN
#undef PF_ISDN
#undef AF_PHONET
#undef PF_PHONET
#undef AF_IEEE802154
#undef PF_IEEE802154
#undef AF_CAIF
#undef PF_CAIF
#undef AF_ALG
#undef PF_ALG
#undef AF_NFC
#undef PF_NFC
#undef AF_VSOCK
#undef PF_VSOCK
#undef AF_KCM
#undef PF_KCM
#undef AF_QIPCRTR
#undef PF_QIPCRTR
#undef AF_SMC
#undef PF_SMC
#undef AF_XDP
#undef PF_XDP
#undef AF_MCTP
#undef PF_MCTP
#undef AF_MAX
#undef PF_MAX

#if defined(__RTSOCK_FREEBSD)
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_IMPLINK 3
#define AF_PUP 4
#define AF_CHAOS 5
#define AF_NETBIOS 6
#define AF_ISO 7
#define AF_OSI AF_ISO
#define AF_ECMA 8
#define AF_DATAKIT 9
#define AF_CCITT 10
#define AF_SNA 11
#define AF_DECnet 12
#define AF_DLI 13
#define AF_LAT 14
#define AF_HYLINK 15
#define AF_APPLETALK 16
#define AF_ROUTE 17
#define AF_LINK 18
#define pseudo_AF_XTP 19
#define AF_COIP 20
#define AF_CNT 21
#define pseudo_AF_RTIP 22
#define AF_IPX 23
#define AF_SIP 24
#define pseudo_AF_PIP 25
#define AF_ISDN 26
#define AF_E164 AF_ISDN
#define pseudo_AF_KEY 27
#define AF_INET6 28
#define AF_NATM 29
#define AF_ATM 30
#define pseudo_AF_HDRCMPLT 31
#define AF_NETGRAPH 32
#define AF_SLOW 33
#define AF_SCLUSTER 34
#define AF_ARP 35
#define AF_BLUETOOTH 36
#define AF_IEEE80211 37
#define AF_INET_SDP 40
#define AF_INET6_SDP 42
#define AF_HYPERV 43
#define AF_DIVERT 44
#define AF_MAX 44

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_IMPLINK AF_IMPLINK
#define PF_PUP AF_PUP
#define PF_CHAOS AF_CHAOS
#define PF_NETBIOS AF_NETBIOS
#define PF_ISO AF_ISO
#define PF_OSI AF_OSI
#define PF_ECMA AF_ECMA
#define PF_DATAKIT AF_DATAKIT
#define PF_CCITT AF_CCITT
#define PF_SNA AF_SNA
#define PF_DECnet AF_DECnet
#define PF_DLI AF_DLI
#define PF_LAT AF_LAT
#define PF_HYLINK AF_HYLINK
#define PF_APPLETALK AF_APPLETALK
#define PF_ROUTE AF_ROUTE
#define PF_LINK AF_LINK
#define PF_XTP pseudo_AF_XTP
#define PF_COIP AF_COIP
#define PF_CNT AF_CNT
#define PF_RTIP pseudo_AF_RTIP
#define PF_IPX AF_IPX
#define PF_SIP AF_SIP
#define PF_PIP pseudo_AF_PIP
#define PF_ISDN AF_ISDN
#define PF_E164 AF_E164
#define PF_KEY pseudo_AF_KEY
#define PF_INET6 AF_INET6
#define PF_NATM AF_NATM
#define PF_ATM AF_ATM
#define PF_HDRCMPLT pseudo_AF_HDRCMPLT
#define PF_NETGRAPH AF_NETGRAPH
#define PF_SLOW AF_SLOW
#define PF_SCLUSTER AF_SCLUSTER
#define PF_ARP AF_ARP
#define PF_BLUETOOTH AF_BLUETOOTH
#define PF_IEEE80211 AF_IEEE80211
#define PF_INET_SDP AF_INET_SDP
#define PF_INET6_SDP AF_INET6_SDP
#define PF_HYPERV AF_HYPERV
#define PF_DIVERT AF_DIVERT
#define PF_MAX AF_MAX

#elif defined(__RTSOCK_DARWIN)
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_IMPLINK 3
#define AF_PUP 4
#define AF_CHAOS 5
#define AF_NS 6
#define AF_ISO 7
#define AF_OSI AF_ISO
#define AF_ECMA 8
#define AF_DATAKIT 9
#define AF_CCITT 10
#define AF_SNA 11
#define AF_DECnet 12
#define AF_DLI 13
#define AF_LAT 14
#define AF_HYLINK 15
#define AF_APPLETALK 16
#define AF_ROUTE 17
#define AF_LINK 18
#define pseudo_AF_XTP 19
#define AF_COIP 20
#define AF_CNT 21
#define pseudo_AF_RTIP 22
#define AF_IPX 23
#define AF_SIP 24
#define pseudo_AF_PIP 25
#define AF_NDRV 27
#define AF_ISDN 28
#define AF_E164 AF_ISDN
#define pseudo_AF_KEY 29
#define AF_INET6 30
#define AF_NATM 31
#define AF_SYSTEM 32
#define AF_NETBIOS 33
#define AF_PPP 34
#define pseudo_AF_HDRCMPLT 35
#define AF_RESERVED_36 36
#define AF_IEEE80211 37
#define AF_UTUN 38
#define AF_VSOCK 40
#define AF_MAX 41

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_IMPLINK AF_IMPLINK
#define PF_PUP AF_PUP
#define PF_CHAOS AF_CHAOS
#define PF_NS AF_NS
#define PF_ISO AF_ISO
#define PF_OSI AF_OSI
#define PF_ECMA AF_ECMA
#define PF_DATAKIT AF_DATAKIT
#define PF_CCITT AF_CCITT
#define PF_SNA AF_SNA
#define PF_DECnet AF_DECnet
#define PF_DLI AF_DLI
#define PF_LAT AF_LAT
#define PF_HYLINK AF_HYLINK
#define PF_APPLETALK AF_APPLETALK
#define PF_ROUTE AF_ROUTE
#define PF_LINK AF_LINK
#define PF_XTP pseudo_AF_XTP
#define PF_COIP AF_COIP
#define PF_CNT AF_CNT
#define PF_RTIP pseudo_AF_RTIP
#define PF_IPX AF_IPX
#define PF_SIP AF_SIP
#define PF_PIP pseudo_AF_PIP
#define PF_NDRV AF_NDRV
#define PF_ISDN AF_ISDN
#define PF_E164 AF_E164
#define PF_KEY pseudo_AF_KEY
#define PF_INET6 AF_INET6
#define PF_NATM AF_NATM
#define PF_SYSTEM AF_SYSTEM
#define PF_NETBIOS AF_NETBIOS
#define PF_PPP AF_PPP
#define PF_HDRCMPLT pseudo_AF_HDRCMPLT
#define PF_RESERVED_36 AF_RESERVED_36
#define PF_IEEE80211 AF_IEEE80211
#define PF_UTUN AF_UTUN
#define PF_VSOCK AF_VSOCK
#define PF_MAX AF_MAX

#elif defined(__RTSOCK_OPENBSD)
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_IMPLINK 3
#define AF_PUP 4
#define AF_CHAOS 5
#define AF_NS 6
#define AF_ISO 7
#define AF_OSI AF_ISO
#define AF_ECMA 8
#define AF_DATAKIT 9
#define AF_CCITT 10
#define AF_SNA 11
#define AF_DECnet 12
#define AF_DLI 13
#define AF_LAT 14
#define AF_HYLINK 15
#define AF_APPLETALK 16
#define AF_ROUTE 17
#define AF_LINK 18
#define pseudo_AF_XTP 19
#define AF_COIP 20
#define AF_CNT 21
#define pseudo_AF_RTIP 22
#define AF_IPX 23
#define AF_INET6 24
#define pseudo_AF_PIP 25
#define AF_ISDN 26
#define AF_E164 AF_ISDN
#define AF_NATM 27
#define AF_ENCAP 28
#define AF_SIP 29
#define AF_KEY 30
#define pseudo_AF_HDRCMPLT 31
#define AF_BLUETOOTH 32
#define AF_MPLS 33
#define pseudo_AF_PFLOW 34
#define pseudo_AF_PIPEX 35
#define AF_MAX 36

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_IMPLINK AF_IMPLINK
#define PF_PUP AF_PUP
#define PF_CHAOS AF_CHAOS
#define PF_NS AF_NS
#define PF_ISO AF_ISO
#define PF_OSI AF_OSI
#define PF_ECMA AF_ECMA
#define PF_DATAKIT AF_DATAKIT
#define PF_CCITT AF_CCITT
#define PF_SNA AF_SNA
#define PF_DECnet AF_DECnet
#define PF_DLI AF_DLI
#define PF_LAT AF_LAT
#define PF_HYLINK AF_HYLINK
#define PF_APPLETALK AF_APPLETALK
#define PF_ROUTE AF_ROUTE
#define PF_LINK AF_LINK
#define PF_XTP pseudo_AF_XTP
#define PF_COIP AF_COIP
#define PF_CNT AF_CNT
#define PF_RTIP pseudo_AF_RTIP
#define PF_IPX AF_IPX
#define PF_INET6 AF_INET6
#define PF_PIP pseudo_AF_PIP
#define PF_ISDN AF_ISDN
#define PF_E164 AF_E164
#define PF_NATM AF_NATM
#define PF_ENCAP AF_ENCAP
#define PF_SIP AF_SIP
#define PF_KEY AF_KEY
#define PF_HDRCMPLT pseudo_AF_HDRCMPLT
#define PF_BLUETOOTH AF_BLUETOOTH
#define PF_MPLS AF_MPLS
#define PF_PFLOW pseudo_AF_PFLOW
#define PF_PIPEX pseudo_AF_PIPEX
#define PF_MAX AF_MAX

#elif defined(__RTSOCK_NETBSD)
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_IMPLINK 3
#define AF_PUP 4
#define AF_CHAOS 5
#define AF_NS 6
#define AF_ISO 7
#define AF_OSI AF_ISO
#define AF_ECMA 8
#define AF_DATAKIT 9
#define AF_CCITT 10
#define AF_SNA 11
#define AF_DECnet 12
#define AF_DLI 13
#define AF_LAT 14
#define AF_HYLINK 15
#define AF_APPLETALK 16
#define AF_OROUTE 17
#define AF_LINK 18
#define pseudo_AF_XTP 19
#define AF_COIP 20
#define AF_CNT 21
#define pseudo_AF_RTIP 22
#define AF_IPX 23
#define AF_INET6 24
#define pseudo_AF_PIP 25
#define AF_ISDN 26
#define AF_E164 AF_ISDN
#define AF_NATM 27
#define AF_ARP 28
#define pseudo_AF_KEY 29
#define pseudo_AF_HDRCMPLT 30
#define AF_BLUETOOTH 31
#define AF_IEEE80211 32
#define AF_MPLS 33
#define AF_ROUTE 34
#define AF_CAN 35
#define AF_ETHER 36
#define AF_MAX 37

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_IMPLINK AF_IMPLINK
#define PF_PUP AF_PUP
#define PF_CHAOS AF_CHAOS
#define PF_NS AF_NS
#define PF_ISO AF_ISO
#define PF_OSI AF_OSI
#define PF_ECMA AF_ECMA
#define PF_DATAKIT AF_DATAKIT
#define PF_CCITT AF_CCITT
#define PF_SNA AF_SNA
#define PF_DECnet AF_DECnet
#define PF_DLI AF_DLI
#define PF_LAT AF_LAT
#define PF_HYLINK AF_HYLINK
#define PF_APPLETALK AF_APPLETALK
#define PF_OROUTE AF_OROUTE
#define PF_LINK AF_LINK
#define PF_XTP pseudo_AF_XTP
#define PF_COIP AF_COIP
#define PF_CNT AF_CNT
#define PF_RTIP pseudo_AF_RTIP
#define PF_IPX AF_IPX
#define PF_INET6 AF_INET6
#define PF_PIP pseudo_AF_PIP
#define PF_ISDN AF_ISDN
#define PF_E164 AF_E164
#define PF_NATM AF_NATM
#define PF_ARP AF_ARP
#define PF_KEY pseudo_AF_KEY
#define PF_HDRCMPLT pseudo_AF_HDRCMPLT
#define PF_BLUETOOTH AF_BLUETOOTH
#define PF_IEEE80211 AF_IEEE80211
#define PF_MPLS AF_MPLS
#define PF_ROUTE AF_ROUTE
#define PF_CAN AF_CAN
#define PF_ETHER AF_ETHER
#define PF_MAX AF_MAX

#elif defined(__RTSOCK_DRAGONFLY)
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_IMPLINK 3
#define AF_PUP 4
#define AF_CHAOS 5
#define AF_NETBIOS 6
#define AF_ISO 7
#define AF_OSI AF_ISO
#define AF_ECMA 8
#define AF_DATAKIT 9
#define AF_CCITT 10
#define AF_SNA 11
#define AF_DECnet 12
#define AF_DLI 13
#define AF_LAT 14
#define AF_HYLINK 15
#define AF_APPLETALK 16
#define AF_ROUTE 17
#define AF_LINK 18
#define pseudo_AF_XTP 19
#define AF_COIP 20
#define AF_CNT 21
#define pseudo_AF_RTIP 22
#define AF_IPX 23
#define AF_SIP 24
#define pseudo_AF_PIP 25
#define AF_ISDN 26
#define AF_E164 AF_ISDN
#define pseudo_AF_KEY 27
#define AF_INET6 28
#define AF_NATM 29
#define AF_ATM 30
#define pseudo_AF_HDRCMPLT 31
#define AF_NETGRAPH 32
#define AF_BLUETOOTH 33
#define AF_MPLS 34
#define AF_IEEE80211 35
#define AF_MAX 36

#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_LOCAL
#define PF_INET AF_INET
#define PF_IMPLINK AF_IMPLINK
#define PF_PUP AF_PUP
#define PF_CHAOS AF_CHAOS
#define PF_NETBIOS AF_NETBIOS
#define PF_ISO AF_ISO
#define PF_OSI AF_OSI
#define PF_ECMA AF_ECMA
#define PF_DATAKIT AF_DATAKIT
#define PF_CCITT AF_CCITT
#define PF_SNA AF_SNA
#define PF_DECnet AF_DECnet
#define PF_DLI AF_DLI
#define PF_LAT AF_LAT
#define PF_HYLINK AF_HYLINK
#define PF_APPLETALK AF_APPLETALK
#define PF_ROUTE AF_ROUTE
#define PF_LINK AF_LINK
#define PF_XTP pseudo_AF_XTP
#define PF_COIP AF_COIP
#define PF_CNT AF_CNT
#define PF_RTIP pseudo_AF_RTIP
#define PF_IPX AF_IPX
#define PF_SIP AF_SIP
#define PF_PIP pseudo_AF_PIP
#define PF_ISDN AF_ISDN
#define PF_E164 AF_E164
#define PF_KEY pseudo_AF_KEY
#define PF_INET6 AF_INET6
#define PF_NATM AF_NATM
#define PF_ATM AF_ATM
#define PF_HDRCMPLT pseudo_AF_HDRCMPLT
#define PF_NETGRAPH AF_NETGRAPH
#define PF_BLUETOOTH AF_BLUETOOTH
#define PF_MPLS AF_MPLS
#define PF_IEEE80211 AF_IEEE80211
#define PF_MAX AF_MAX
#endif

/* Linux-only socket levels. */
#undef SOL_PACKET
#undef SOL_NETLINK
#undef SOL_ALG
#undef SOL_XDP

/* Largest sa_len a sockaddr can carry. */
#ifndef SOCK_MAXADDRLEN
#define SOCK_MAXADDRLEN 255
#endif

#if defined(__RTSOCK_OPENBSD)
/* Routing tables (SO_RTABLE, rtm_tableid): OpenBSD keeps these here. */
#define RT_TABLEID_MAX 255
#define RT_TABLEID_BITS 8
#define RT_TABLEID_MASK 0xff
#endif

/* Routing-socket options at SOL_SOCKET with their BSD values. */
#define SO_USELOOPBACK 0x0040
#if defined(__RTSOCK_FREEBSD)
#define SO_SETFIB 0x1014
#define SO_RERROR 0x00020000
#elif defined(__RTSOCK_OPENBSD)
#define SO_RTABLE 0x1021
#elif defined(__RTSOCK_NETBSD)
#define SO_RERROR 0x4000
#elif defined(__RTSOCK_DRAGONFLY)
#define SO_RERROR 0x2000
#endif

/*
 * sysctl(3) names under CTL_NET.PF_ROUTE: { CTL_NET, PF_ROUTE, 0, af, op,
 * arg [, fib or table] }.
 */
#define NET_RT_DUMP 1
#define NET_RT_FLAGS 2
#if defined(__RTSOCK_FREEBSD)
#define NET_RT_IFLIST 3
#define NET_RT_IFMALIST 4
#define NET_RT_IFLISTL 5
#define NET_RT_NHOP 6
#define NET_RT_NHGRP 7
#elif defined(__RTSOCK_DARWIN)
#define NET_RT_IFLIST 3
#define NET_RT_STAT 4
#define NET_RT_TRASH 5
#define NET_RT_IFLIST2 6
#define NET_RT_DUMP2 7
#define NET_RT_MAXID 11
#elif defined(__RTSOCK_OPENBSD)
#define NET_RT_IFLIST 3
#define NET_RT_STATS 4
#define NET_RT_TABLE 5
#define NET_RT_IFNAMES 6
#define NET_RT_SOURCE 7
#define NET_RT_MAXID 8
#elif defined(__RTSOCK_NETBSD)
#define NET_RT_OOOIFLIST 3
#define NET_RT_OOIFLIST 4
#define NET_RT_OIFLIST 5
#define NET_RT_IFLIST 6
#define NET_RT_MAXID 7
#elif defined(__RTSOCK_DRAGONFLY)
#define NET_RT_IFLIST 3
#define NET_RT_MAXID 4
#endif

/*
 * The process's FIB (FreeBSD) or routing table (OpenBSD), where each declares
 * it. librtsock-compat keeps it: routing sockets opened afterwards start in
 * it and routing dumps without an explicit FIB read it (docs/compat.md).
 * The names are parenthesised against a program's own function-like macros.
 */
#if defined(__USE_MISC) && (defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_OPENBSD))
#ifdef __cplusplus
extern "C" {
#endif
#if defined(__RTSOCK_FREEBSD)
int (setfib)(int) __THROW;
#else
int (getrtable)(void) __THROW;
int (setrtable)(int) __THROW;
#endif
#ifdef __cplusplus
}
#endif
#endif

#endif /* !_RTSOCK_COMPAT_SYS_SOCKET_H_ */
