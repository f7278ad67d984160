/*
 * rtsock compat: <net/ethernet.h> in the BSD form (glibc's names the
 * address bytes ether_addr_octet everywhere; FreeBSD, DragonFly and macOS
 * call them octet). The ether_ntoa(3) family is glibc's: same layout.
 */
#ifndef _NET_ETHERNET_H_
#define _NET_ETHERNET_H_
#define _NET_ETHERNET_H 1 /* glibc's guard */

#include <sys/_rtsock_compat.h>
#include <sys/cdefs.h>
#include <sys/types.h>
#include <stdint.h>

#define ETHER_ADDR_LEN 6
#define ETHER_TYPE_LEN 2
#define ETHER_CRC_LEN 4
#define ETHER_HDR_LEN (ETHER_ADDR_LEN * 2 + ETHER_TYPE_LEN)
#define ETHER_MIN_LEN 64
#define ETHER_MAX_LEN 1518
#define ETHER_MAX_LEN_JUMBO 9018
#define ETHERMTU (ETHER_MAX_LEN - ETHER_HDR_LEN - ETHER_CRC_LEN)
#define ETHERMIN (ETHER_MIN_LEN - ETHER_HDR_LEN - ETHER_CRC_LEN)
#define ETHERMTU_JUMBO (ETHER_MAX_LEN_JUMBO - ETHER_HDR_LEN - ETHER_CRC_LEN)
#define ETHER_VLAN_ENCAP_LEN 4
#define ETHER_IS_MULTICAST(addr) (*(addr) & 0x01)
#define ETHER_IS_BROADCAST(addr) \
  (((addr)[0] & (addr)[1] & (addr)[2] & (addr)[3] & (addr)[4] & (addr)[5]) == 0xff)

struct ether_header {
  uint8_t ether_dhost[ETHER_ADDR_LEN];
  uint8_t ether_shost[ETHER_ADDR_LEN];
  uint16_t ether_type;
} __attribute__((__packed__));

struct ether_addr {
#if defined(__RTSOCK_OPENBSD) || defined(__RTSOCK_NETBSD)
  uint8_t ether_addr_octet[ETHER_ADDR_LEN];
#else
  unsigned char octet[ETHER_ADDR_LEN];
#endif
} __attribute__((__packed__));

#define ETHERTYPE_PUP 0x0200
#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_REVARP 0x8035
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_PPP 0x880b
#define ETHERTYPE_SLOW 0x8809
#define ETHERTYPE_MPLS 0x8847
#define ETHERTYPE_MPLS_MCAST 0x8848
#define ETHERTYPE_PPPOEDISC 0x8863
#define ETHERTYPE_PPPOE 0x8864
#define ETHERTYPE_EAPOL 0x888e
#define ETHERTYPE_QINQ 0x88a8
#define ETHERTYPE_LLDP 0x88cc
#define ETHERTYPE_LOOPBACK 0x9000
#define ETHERTYPE_MAX 0xffff

#ifdef __cplusplus
extern "C" {
#endif
struct ether_addr *ether_aton(const char *) __THROW;
struct ether_addr *ether_aton_r(const char *, struct ether_addr *) __THROW;
char *ether_ntoa(const struct ether_addr *) __THROW;
char *ether_ntoa_r(const struct ether_addr *, char *) __THROW;
int ether_hostton(const char *, struct ether_addr *) __THROW;
int ether_ntohost(char *, const struct ether_addr *) __THROW;
int ether_line(const char *, struct ether_addr *, char *) __THROW;
#ifdef __cplusplus
}
#endif

#endif /* !_NET_ETHERNET_H_ */
