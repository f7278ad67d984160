/*
 * Header and macro usage of BSD interface code (the shape of dhcpcd's
 * src/if-bsd.c, ifconfig(8), libdnet's intf.c and the KAME tools ndp(8),
 * rtsold(8)): the long include list in that order, ioctls with BSD request
 * structures, media words, IPv6 address lifetimes and flags, ND flags,
 * getifaddrs with AF_LINK entries and if_data, ether_addr and link-level
 * sockaddrs. Written for rtsock; compiled by programs.sh for every
 * personality.
 */
#include <sys/ioctl.h>
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/if_media.h>
#include <net/if_types.h>
#include <net/route.h>
#include <netinet/if_ether.h>
#include <netinet/in.h>
#include <netinet/in_var.h>
#include <netinet/icmp6.h>
#include <netinet/ip6.h>
#include <netinet6/in6_var.h>
#include <netinet6/nd6.h>

#include <assert.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <paths.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(OpenBSD) && OpenBSD >= 201411
#undef IPV6CTL_ACCEPT_RTADV
#endif

#define satosin(sa) ((struct sockaddr_in *)(void *)(sa))
#define satosin6(sa) ((struct sockaddr_in6 *)(void *)(sa))

static int link_up(const void *ifadata) {
#ifdef LINK_STATE_UP
  const struct if_data *ifi = (const struct if_data *)ifadata;
  if (ifi->ifi_link_state >= LINK_STATE_UP)
    return 1;
  if (ifi->ifi_link_state == LINK_STATE_UNKNOWN)
    return -1;
  return 0;
#else
  (void)ifadata;
  return -1;
#endif
}

static int media(int s, const char *ifname) {
  struct ifmediareq ifmr;
  memset(&ifmr, 0, sizeof(ifmr));
  strlcpy(ifmr.ifm_name, ifname, sizeof(ifmr.ifm_name));
  if (ioctl(s, SIOCGIFMEDIA, &ifmr) == -1)
    return -1;
  if (ifmr.ifm_status & IFM_AVALID && IFM_TYPE(ifmr.ifm_active) == IFM_IEEE80211)
    return 2;
  if (IFM_TYPE(ifmr.ifm_active) == IFM_ETHER && IFM_SUBTYPE(ifmr.ifm_active) == IFM_AUTO)
    return 3;
  return (ifmr.ifm_status & IFM_ACTIVE) ? 1 : 0;
}

static int addr4(int s, const char *ifname, const char *addr, const char *mask, int del) {
  struct in_aliasreq ifra;
  memset(&ifra, 0, sizeof(ifra));
  strlcpy(ifra.ifra_name, ifname, sizeof(ifra.ifra_name));
#define ADDADDR(v, a)                                  \
  do {                                                 \
    (v).sin_family = AF_INET;                          \
    (v).sin_len = sizeof(v);                           \
    if (inet_pton(AF_INET, (a), &(v).sin_addr) != 1)   \
      return -1;                                       \
  } while (0)
  ADDADDR(ifra.ifra_addr, addr);
  ADDADDR(ifra.ifra_mask, mask);
  ADDADDR(ifra.ifra_broadaddr, "192.0.2.255");
#undef ADDADDR
  return ioctl(s, del ? SIOCDIFADDR : SIOCAIFADDR, &ifra);
}

static int addr6(int s, const char *ifname, const struct in6_addr *a, int plen) {
  struct in6_aliasreq ifa;
  struct in6_ifreq ifr6;
  int i;

  memset(&ifa, 0, sizeof(ifa));
  strlcpy(ifa.ifra_name, ifname, sizeof(ifa.ifra_name));
  ifa.ifra_addr.sin6_family = AF_INET6;
  ifa.ifra_addr.sin6_len = sizeof(ifa.ifra_addr);
  ifa.ifra_addr.sin6_addr = *a;
  ifa.ifra_prefixmask.sin6_family = AF_INET6;
  ifa.ifra_prefixmask.sin6_len = sizeof(ifa.ifra_prefixmask);
  for (i = 0; i < plen / 8; i++)
    ifa.ifra_prefixmask.sin6_addr.s6_addr[i] = 0xff;
  ifa.ifra_flags = 0;
#ifdef IN6_IFF_NODAD /* not on OpenBSD */
  ifa.ifra_flags |= IN6_IFF_NODAD;
#endif
#ifdef IN6_IFF_AUTOCONF
  ifa.ifra_flags |= IN6_IFF_AUTOCONF;
#endif
  ifa.ifra_lifetime.ia6t_vltime = ND6_INFINITE_LIFETIME;
  ifa.ifra_lifetime.ia6t_pltime = ND6_INFINITE_LIFETIME;
  ifa.ifra_lifetime.ia6t_expire = 0;
  ifa.ifra_lifetime.ia6t_preferred = 0;
  if (ioctl(s, SIOCAIFADDR_IN6, &ifa) == -1)
    return -1;

  memset(&ifr6, 0, sizeof(ifr6));
  strlcpy(ifr6.ifr_name, ifname, sizeof(ifr6.ifr_name));
  ifr6.ifr_addr = ifa.ifra_addr;
  if (ioctl(s, SIOCGIFAFLAG_IN6, &ifr6) == -1)
    return -1;
  if (ifr6.ifr_ifru.ifru_flags6 & (IN6_IFF_TENTATIVE | IN6_IFF_DUPLICATED | IN6_IFF_DETACHED |
                                   IN6_IFF_DEPRECATED))
    return 1;
  return 0;
}

static int nd_flags(int s, const char *ifname) {
#ifdef SIOCGIFINFO_IN6
  struct in6_ndireq nd;
  memset(&nd, 0, sizeof(nd));
  strlcpy(nd.ifname, ifname, sizeof(nd.ifname));
  if (ioctl(s, SIOCGIFINFO_IN6, &nd) == -1)
    return -1;
#ifdef ND6_IFF_ACCEPT_RTADV
  if (nd.ndi.flags & ND6_IFF_ACCEPT_RTADV)
    return 1;
#endif
#ifdef ND6_IFF_AUTO_LINKLOCAL
  if (nd.ndi.flags & ND6_IFF_AUTO_LINKLOCAL)
    return 2;
#endif
  return (int)nd.ndi.reachable;
#else
  (void)s;
  (void)ifname;
  return 0;
#endif
}

static int ip6_forwarding(void) {
  int mib[] = {CTL_NET, PF_INET6, IPPROTO_IPV6, IPV6CTL_FORWARDING};
  int val = 0;
  size_t len = sizeof(val);
  if (sysctl(mib, (unsigned int)(sizeof(mib) / sizeof(mib[0])), &val, &len, NULL, 0) == -1)
    return errno == ENOENT ? 0 : -1;
#ifdef IPV6CTL_ACCEPT_RTADV
  mib[3] = IPV6CTL_ACCEPT_RTADV;
  (void)sysctl(mib, 4, &val, &len, NULL, 0);
#endif
  return val;
}

static void walk(void) {
  struct ifaddrs *ifaddrs, *ifa;
  const struct sockaddr_dl *sdl;
  char hw[3 * 20], host[NI_MAXHOST];

  if (getifaddrs(&ifaddrs) == -1)
    err(EXIT_FAILURE, "getifaddrs");
  for (ifa = ifaddrs; ifa != NULL; ifa = ifa->ifa_next) {
    if (ifa->ifa_addr == NULL)
      continue;
    switch (ifa->ifa_addr->sa_family) {
    case AF_LINK:
      sdl = (const struct sockaddr_dl *)(const void *)ifa->ifa_addr;
      if (sdl->sdl_type == IFT_ETHER && sdl->sdl_alen == ETHER_ADDR_LEN) {
        const struct ether_addr *ea = (const struct ether_addr *)(const void *)LLADDR(sdl);
        snprintf(hw, sizeof(hw), "%s", ether_ntoa(ea));
      } else {
        snprintf(hw, sizeof(hw), "%s", link_ntoa(sdl));
      }
      if (ifa->ifa_data != NULL) {
        const struct if_data *ifd = (const struct if_data *)ifa->ifa_data;
        printf("%s %s mtu %lu metric %lu link %d in %llu out %llu\n", ifa->ifa_name, hw,
               (unsigned long)ifd->ifi_mtu, (unsigned long)ifd->ifi_metric, link_up(ifd),
               (unsigned long long)ifd->ifi_ipackets, (unsigned long long)ifd->ifi_opackets);
      }
      break;
    case AF_INET:
    case AF_INET6:
      if (getnameinfo(ifa->ifa_addr, ifa->ifa_addr->sa_len, host, sizeof(host), NULL, 0,
                      NI_NUMERICHOST) == 0)
        printf("%s %s%s\n", ifa->ifa_name, host,
               (ifa->ifa_flags & IFF_POINTOPOINT) && ifa->ifa_dstaddr ? " (p2p)" : "");
      if (ifa->ifa_addr->sa_family == AF_INET6 &&
          IN6_IS_ADDR_LINKLOCAL(&satosin6(ifa->ifa_addr)->sin6_addr)) {
#ifdef __KAME__
        struct in6_addr *in6 = &satosin6(ifa->ifa_addr)->sin6_addr;
        in6->s6_addr[2] = in6->s6_addr[3] = '\0';
#endif
      }
      break;
    default:
      break;
    }
  }
  freeifaddrs(ifaddrs);
}

static int flags(int s, const char *ifname) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof(ifr));
  strlcpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));
  if (ioctl(s, SIOCGIFFLAGS, &ifr) == -1)
    return -1;
  if (!(ifr.ifr_flags & IFF_UP)) {
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) == -1)
      return -1;
  }
  if (ioctl(s, SIOCGIFMTU, &ifr) == -1)
    return -1;
  if (ioctl(s, SIOCGIFADDR, &ifr) == 0 && ifr.ifr_addr.sa_family == AF_INET)
    printf("%s\n", inet_ntoa(satosin(&ifr.ifr_addr)->sin_addr));
  memset(&ifr.ifr_addr, 0, sizeof(ifr.ifr_addr));
  ifr.ifr_addr.sa_family = AF_LINK;
  ifr.ifr_addr.sa_len = ETHER_ADDR_LEN;
  return ifr.ifr_mtu;
}

static void ra(const unsigned char *p, size_t len) {
  const struct nd_router_advert *nra = (const struct nd_router_advert *)(const void *)p;
  const struct nd_opt_hdr *opt;
  const struct nd_opt_prefix_info *pi;
  const struct nd_opt_mtu *mtu;
  if (len < sizeof(*nra) || nra->nd_ra_type != ND_ROUTER_ADVERT)
    return;
  printf("M %d O %d lifetime %u\n", !!(nra->nd_ra_flags_reserved & ND_RA_FLAG_MANAGED),
         !!(nra->nd_ra_flags_reserved & ND_RA_FLAG_OTHER), ntohs(nra->nd_ra_router_lifetime));
  for (p += sizeof(*nra), len -= sizeof(*nra); len >= sizeof(*opt);) {
    opt = (const struct nd_opt_hdr *)(const void *)p;
    if (opt->nd_opt_len == 0 || (size_t)opt->nd_opt_len * 8 > len)
      break;
    switch (opt->nd_opt_type) {
    case ND_OPT_PREFIX_INFORMATION:
      pi = (const struct nd_opt_prefix_info *)(const void *)opt;
      printf("prefix /%u %s\n", pi->nd_opt_pi_prefix_len,
             (pi->nd_opt_pi_flags_reserved & ND_OPT_PI_FLAG_AUTO) ? "auto" : "");
      break;
    case ND_OPT_MTU:
      mtu = (const struct nd_opt_mtu *)(const void *)opt;
      printf("mtu %u\n", (unsigned)ntohl(mtu->nd_opt_mtu_mtu));
      break;
    default:
      break;
    }
    p += opt->nd_opt_len * 8;
    len -= (size_t)opt->nd_opt_len * 8;
  }
}

int main(int argc, char **argv) {
  int s, s6;
  struct in6_addr a6;
  struct icmp6_filter filt;
  struct utsname un;

  if (argc < 2) {
    fprintf(stderr, "usage: %s interface\n", getprogname());
    return 64;
  }
  if ((s = socket(PF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
    err(1, "socket");
  if ((s6 = socket(PF_INET6, SOCK_DGRAM, 0)) == -1)
    warn("socket(PF_INET6)");
  ICMP6_FILTER_SETBLOCKALL(&filt);
  ICMP6_FILTER_SETPASS(ND_ROUTER_ADVERT, &filt);
  (void)uname(&un);
  printf("%s %d %d\n", un.sysname, flags(s, argv[1]), media(s, argv[1]));
  if (argc > 2) {
    if (addr4(s, argv[1], "192.0.2.10", "255.255.255.0", 0) == -1)
      warn("SIOCAIFADDR");
    if (inet_pton(AF_INET6, "2001:db8::10", &a6) == 1 && addr6(s6, argv[1], &a6, 64) == -1)
      warn("SIOCAIFADDR_IN6");
  }
  printf("nd %d fwd %d\n", nd_flags(s6, argv[1]), ip6_forwarding());
  walk();
  ra((const unsigned char *)&filt, 0);
  assert(access(_PATH_DEVNULL, F_OK) == 0);
  (void)fnmatch("vether*", argv[1], 0);
  close(s);
  if (s6 != -1)
    close(s6);
  return 0;
}
