/*
 * rtsock compat: <net/if_media.h>, media words for SIOCGIFMEDIA.
 *
 * A media word packs a network type (IFM_NMASK), a subtype (IFM_TMASK),
 * options (IFM_OMASK, IFM_GMASK) and an instance (IFM_IMASK). The status
 * word says whether link state is known (IFM_AVALID) and up (IFM_ACTIVE).
 * FreeBSD, NetBSD, DragonFly and macOS use 32-bit words with the same
 * layout; OpenBSD uses 64-bit words with its own. librtsock-compat answers
 * SIOCGIFMEDIA with an active Ethernet medium for rtsockd's interfaces.
 */
#ifndef _NET_IF_MEDIA_H_
#define _NET_IF_MEDIA_H_

#include <sys/_rtsock_compat.h>
#include <stdint.h>

#if defined(__RTSOCK_OPENBSD)

#define IFM_ETHER 0x0000000000000100ULL
#define IFM_IEEE80211 0x0000000000000400ULL
#define IFM_CARP 0x0000000000000500ULL

#define IFM_AUTO 0ULL
#define IFM_MANUAL 1ULL
#define IFM_NONE 2ULL

#define IFM_10_T 3
#define IFM_10_2 4
#define IFM_10_5 5
#define IFM_100_TX 6
#define IFM_100_FX 7
#define IFM_100_T4 8
#define IFM_100_VG 9
#define IFM_100_T2 10
#define IFM_1000_SX 11
#define IFM_10_STP 12
#define IFM_10_FL 13
#define IFM_1000_LX 14
#define IFM_1000_CX 15
#define IFM_1000_T 16
#define IFM_1000_TX IFM_1000_T
#define IFM_HPNA_1 17
#define IFM_10G_LR 18
#define IFM_10G_SR 19
#define IFM_10G_CX4 20
#define IFM_2500_SX 21
#define IFM_10G_T 22
#define IFM_10G_SFP_CU 23

#define IFM_FDX 0x0000010000000000ULL
#define IFM_HDX 0x0000020000000000ULL
#define IFM_FLOW 0x0000040000000000ULL
#define IFM_FLAG0 0x0000100000000000ULL
#define IFM_FLAG1 0x0000200000000000ULL
#define IFM_FLAG2 0x0000400000000000ULL
#define IFM_LOOP 0x0000800000000000ULL

#define IFM_NMASK 0x000000000000ff00ULL
#define IFM_TMASK 0x00000000000000ffULL
#define IFM_IMASK 0xff00000000000000ULL
#define IFM_ISHIFT 56
#define IFM_OMASK 0x00000000ffff0000ULL
#define IFM_MMASK 0x000000ff00000000ULL
#define IFM_MSHIFT 32
#define IFM_GMASK 0x00ffff0000000000ULL

#define IFM_AVALID 0x0000000000000001ULL
#define IFM_ACTIVE 0x0000000000000002ULL

#else

#define IFM_ETHER 0x00000020
#define IFM_IEEE80211 0x00000080
#define IFM_ATM 0x000000a0
#if defined(__RTSOCK_DARWIN) || defined(__RTSOCK_NETBSD)
#define IFM_TOKEN 0x00000040
#define IFM_FDDI 0x00000060
#endif

#define IFM_AUTO 0
#define IFM_MANUAL 1
#define IFM_NONE 2

#define IFM_10_T 3
#define IFM_10_2 4
#define IFM_10_5 5
#define IFM_100_TX 6
#define IFM_100_FX 7
#define IFM_100_T4 8
#define IFM_100_VG 9
#define IFM_100_T2 10
#define IFM_1000_SX 11
#define IFM_10_STP 12
#define IFM_10_FL 13
#define IFM_1000_LX 14
#define IFM_1000_CX 15
#define IFM_1000_T 16
#define IFM_HPNA_1 17
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY)
#define IFM_10G_LR 18
#define IFM_10G_SR 19
#define IFM_10G_CX4 20
#define IFM_2500_SX 21
#define IFM_10G_TWINAX 22
#define IFM_10G_TWINAX_LONG 23
#define IFM_10G_LRM 24
#define IFM_UNKNOWN 25
#define IFM_10G_T 26
#endif
#if defined(__RTSOCK_FREEBSD)
#define IFM_40G_CR4 27
#define IFM_40G_SR4 28
#define IFM_40G_LR4 29
#define IFM_1000_KX 30
#define IFM_OTHER 31
#define IFM_ETH_MASTER 0x00000100
#define IFM_ETH_RXPAUSE 0x00000200
#define IFM_ETH_TXPAUSE 0x00000400
#endif

#define IFM_IEEE80211_ADHOC 0x00000100
#define IFM_IEEE80211_HOSTAP 0x00000200
#define IFM_IEEE80211_IBSS 0x00000400
#define IFM_IEEE80211_MONITOR 0x00002000

#define IFM_FDX 0x00100000
#define IFM_HDX 0x00200000
#define IFM_FLOW 0x00400000
#define IFM_FLAG0 0x01000000
#define IFM_FLAG1 0x02000000
#define IFM_FLAG2 0x04000000
#define IFM_LOOP 0x08000000

#define IFM_NMASK 0x000000e0
#define IFM_TMASK 0x0000001f
#define IFM_IMASK 0xf0000000
#define IFM_ISHIFT 28
#define IFM_OMASK 0x0000ff00
#define IFM_MMASK 0x00070000
#define IFM_MSHIFT 16
#define IFM_GMASK 0x0ff00000

#define IFM_AVALID 0x00000001
#define IFM_ACTIVE 0x00000002

#endif

#define IFM_TYPE(x) ((x) & IFM_NMASK)
#define IFM_SUBTYPE(x) ((x) & IFM_TMASK)
#define IFM_TYPE_OPTIONS(x) ((x) & IFM_OMASK)
#define IFM_INST(x) (((x) & IFM_IMASK) >> IFM_ISHIFT)
#define IFM_OPTIONS(x) ((x) & (IFM_OMASK | IFM_GMASK))
#define IFM_MODE(x) ((x) & IFM_MMASK)

#define IFM_INST_MAX IFM_INST(IFM_IMASK)
#define IFM_STATUS_VALID IFM_AVALID

#endif /* !_NET_IF_MEDIA_H_ */
