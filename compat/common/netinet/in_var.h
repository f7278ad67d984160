/*
 * rtsock compat: <netinet/in_var.h>, for userland the IPv4 form of the
 * SIOCAIFADDR request (struct in_aliasreq), in the personality's layout.
 */
#ifndef _NETINET_IN_VAR_H_
#define _NETINET_IN_VAR_H_

#include <sys/_rtsock_compat.h>
#include <net/if.h>
#include <netinet/in.h>

#if defined(__RTSOCK_OPENBSD)
struct in_aliasreq {
  char ifra_name[IFNAMSIZ];
  union {
    struct sockaddr_in ifrau_addr;
    int ifrau_align;
  } ifra_ifrau;
#define ifra_addr ifra_ifrau.ifrau_addr
  struct sockaddr_in ifra_dstaddr;
#define ifra_broadaddr ifra_dstaddr
  struct sockaddr_in ifra_mask;
};
#elif defined(__RTSOCK_NETBSD)
struct in_aliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr_in ifra_addr;
  struct sockaddr_in ifra_dstaddr;
#define ifra_broadaddr ifra_dstaddr
  struct sockaddr_in ifra_mask;
};
#else
struct in_aliasreq {
  char ifra_name[IFNAMSIZ];
  struct sockaddr_in ifra_addr;
  struct sockaddr_in ifra_broadaddr;
#define ifra_dstaddr ifra_broadaddr
  struct sockaddr_in ifra_mask;
#if defined(__RTSOCK_FREEBSD)
  int ifra_vhid;
#endif
};
#endif

#endif /* !_NETINET_IN_VAR_H_ */
