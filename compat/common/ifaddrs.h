/*
 * rtsock compat: <ifaddrs.h> in the BSD form. getifaddrs(3) is
 * librtsock-compat's and lists rtsockd's interfaces: one AF_LINK entry per
 * interface, whose ifa_data points at that system's struct if_data, then
 * the addresses. glibc's version (and its netlink source) is not used.
 */
#ifndef _IFADDRS_H_
#define _IFADDRS_H_
#define _IFADDRS_H 1 /* glibc's guard: its header must not come in too */

#include <sys/_rtsock_compat.h>
#include <sys/types.h>

struct ifaddrs {
  struct ifaddrs *ifa_next;
  char *ifa_name;
  unsigned int ifa_flags;
  struct sockaddr *ifa_addr;
  struct sockaddr *ifa_netmask;
  struct sockaddr *ifa_dstaddr;
  void *ifa_data;
#if defined(__RTSOCK_NETBSD)
  unsigned int ifa_addrflags;
#endif
};

/* The broadcast address shares the destination's slot. */
#ifndef ifa_broadaddr
#define ifa_broadaddr ifa_dstaddr
#endif

/* DragonFly's libc has no getifmaddrs (lib/libc/net: no getifmaddrs.c). */
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DARWIN)
struct ifmaddrs {
  struct ifmaddrs *ifma_next;
  struct sockaddr *ifma_name;
  struct sockaddr *ifma_addr;
  struct sockaddr *ifma_lladdr;
};
#endif

#ifdef __cplusplus
extern "C" {
#endif
int getifaddrs(struct ifaddrs **);
void freeifaddrs(struct ifaddrs *);
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DARWIN)
int getifmaddrs(struct ifmaddrs **);
void freeifmaddrs(struct ifmaddrs *);
#endif
#ifdef __cplusplus
}
#endif

#endif /* !_IFADDRS_H_ */
