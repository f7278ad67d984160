/*
 * rtsock compat: <netinet/if_ether.h> is glibc's (struct ether_arp, struct
 * arphdr from <net/if_arp.h>: the BSD layouts), plus what every BSD's copy
 * gives whatever the feature-test macros say: the Ethernet names of our
 * <net/ethernet.h> (ETHER_ADDR_LEN, struct ether_addr, struct ether_header,
 * ETHERTYPE_*; OpenBSD has no <net/ethernet.h> and defines them here) and the
 * multicast mapping macros. Not provided: FreeBSD's and macOS's struct
 * sockaddr_inarp (arp(8)'s RTM_GET on an ARP entry).
 */
#include_next <netinet/if_ether.h>

#ifndef _RTSOCK_COMPAT_NETINET_IF_ETHER_H_
#define _RTSOCK_COMPAT_NETINET_IF_ETHER_H_

#include <sys/_rtsock_compat.h>
#include <net/ethernet.h>

/* The Ethernet group address of an IPv4 or IPv6 multicast address. */
#ifndef ETHER_MAP_IP_MULTICAST
#define ETHER_MAP_IP_MULTICAST(ipaddr, enaddr)                              \
  {                                                                         \
    (enaddr)[0] = 0x01;                                                     \
    (enaddr)[1] = 0x00;                                                     \
    (enaddr)[2] = 0x5e;                                                     \
    (enaddr)[3] = ((const unsigned char *)(const void *)(ipaddr))[1] & 0x7f; \
    (enaddr)[4] = ((const unsigned char *)(const void *)(ipaddr))[2];        \
    (enaddr)[5] = ((const unsigned char *)(const void *)(ipaddr))[3];        \
  }
#endif
#ifndef ETHER_MAP_IPV6_MULTICAST
#define ETHER_MAP_IPV6_MULTICAST(ip6addr, enaddr)                      \
  {                                                                    \
    (enaddr)[0] = 0x33;                                                \
    (enaddr)[1] = 0x33;                                                \
    (enaddr)[2] = ((const unsigned char *)(const void *)(ip6addr))[12]; \
    (enaddr)[3] = ((const unsigned char *)(const void *)(ip6addr))[13]; \
    (enaddr)[4] = ((const unsigned char *)(const void *)(ip6addr))[14]; \
    (enaddr)[5] = ((const unsigned char *)(const void *)(ip6addr))[15]; \
  }
#endif

#endif /* !_RTSOCK_COMPAT_NETINET_IF_ETHER_H_ */
