/*
 * Header and macro usage of a BSD routing daemon's kernel interface (the
 * shape of bird's sysdep/bsd/krt-sock.c, zebra's kernel_socket.c and
 * miniupnpd's bsd/getroute.c and ifacewatcher.c): system headers in that
 * order, a message buffer of sockaddr_storage slots, the ROUNDUP idioms,
 * optional names tested with #ifdef, per-OS table selection. Written for
 * rtsock; compiled by programs.sh for every personality.
 */
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/param.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <net/route.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/if_types.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <syslog.h>

#ifndef RTAX_MAX
#define RTAX_MAX 8
#endif

/* The alignment of sockaddrs in a message, whichever way the OS spells it. */
#if defined(SA_SIZE)
#define SKIP_SA(sa) SA_SIZE(sa)
#elif defined(RT_ROUNDUP)
#define SKIP_SA(sa) RT_ROUNDUP((sa)->sa_len)
#else
#define ROUNDUP(a) ((a) > 0 ? (1 + (((a) - 1) | (sizeof(long) - 1))) : sizeof(long))
#define SKIP_SA(sa) ROUNDUP((sa)->sa_len)
#endif

/* dhcpcd takes RT_ADVANCE for granted wherever RT_ROUNDUP exists (NetBSD). */
#if defined(RT_ROUNDUP) && !defined(RT_ADVANCE)
#error "RT_ROUNDUP without RT_ADVANCE"
#endif

#ifdef __OpenBSD__
#define MAX_TABLES (RT_TABLEID_MAX + 1)
#elif defined(__FreeBSD__)
#define MAX_TABLES 256
#else
#define MAX_TABLES 1
#endif

struct kmsg {
  struct rt_msghdr rtm;
  struct sockaddr_storage buf[RTAX_MAX];
} __packed;

static volatile sig_atomic_t changed;
static unsigned int tables = MAX_TABLES;

static unsigned int max_tables(void) {
#ifdef __FreeBSD__
  int fibs = 0;
  size_t len = sizeof(fibs);
  if (sysctlbyname("net.fibs", &fibs, &len, NULL, 0) < 0 || fibs < 1)
    return 1;
  return (unsigned int)MIN(fibs, MAX_TABLES);
#else
  return MAX_TABLES;
#endif
}

static int open_socket(unsigned int table) {
  int s = socket(PF_ROUTE, SOCK_RAW, AF_UNSPEC);
  int on = 0;
  if (s < 0) {
    syslog(LOG_ERR, "socket(PF_ROUTE): %m");
    return -1;
  }
#ifdef SO_RERROR
  on = 1;
  (void)setsockopt(s, SOL_SOCKET, SO_RERROR, &on, sizeof(on));
  on = 0;
#endif
  (void)setsockopt(s, SOL_SOCKET, SO_USELOOPBACK, &on, sizeof(on));
#ifdef SO_SETFIB
  (void)setsockopt(s, SOL_SOCKET, SO_SETFIB, &table, sizeof(table));
#elif defined(SO_RTABLE)
  (void)setsockopt(s, SOL_SOCKET, SO_RTABLE, &table, sizeof(table));
#else
  (void)table;
#endif
#if defined(RO_MSGFILTER)
  {
    unsigned char filter[] = {RTM_ADD, RTM_DELETE, RTM_CHANGE, RTM_NEWADDR, RTM_DELADDR,
                              RTM_IFINFO, RTM_IFANNOUNCE};
    (void)setsockopt(s, PF_ROUTE, RO_MSGFILTER, filter, sizeof(filter));
  }
#elif defined(ROUTE_MSGFILTER)
  {
    unsigned int mask = ROUTE_FILTER(RTM_ADD) | ROUTE_FILTER(RTM_DELETE) |
                        ROUTE_FILTER(RTM_IFINFO) | ROUTE_FILTER(RTM_NEWADDR);
    (void)setsockopt(s, PF_ROUTE, ROUTE_MSGFILTER, &mask, sizeof(mask));
  }
#endif
  return s;
}

static int send_route(int s, int cmd, const struct sockaddr_in *dst,
                      const struct sockaddr_in *gw, const struct sockaddr_in *mask,
                      unsigned short ifindex) {
  static int seq;
  struct kmsg msg;
  char *body = (char *)msg.buf;
  int l;

  memset(&msg, 0, sizeof(msg));
  msg.rtm.rtm_version = RTM_VERSION;
  msg.rtm.rtm_type = (unsigned char)cmd;
  msg.rtm.rtm_seq = ++seq;
  msg.rtm.rtm_addrs = RTA_DST | RTA_GATEWAY;
  msg.rtm.rtm_flags = RTF_UP | RTF_GATEWAY | RTF_STATIC | RTF_PROTO1;
  msg.rtm.rtm_index = ifindex;
#ifdef __OpenBSD__
  msg.rtm.rtm_tableid = 0;
  msg.rtm.rtm_priority = RTP_STATIC;
  msg.rtm.rtm_hdrlen = sizeof(msg.rtm);
#endif
  if (mask != NULL)
    msg.rtm.rtm_addrs |= RTA_NETMASK;
  else
    msg.rtm.rtm_flags |= RTF_HOST;
  msg.rtm.rtm_inits = RTV_MTU | RTV_HOPCOUNT;
  msg.rtm.rtm_rmx.rmx_mtu = 1400;
  msg.rtm.rtm_rmx.rmx_hopcount = 1;
  msg.rtm.rtm_rmx.rmx_expire = 0;
#define NEXTADDR(w, u)                                      \
  if (msg.rtm.rtm_addrs & (w)) {                            \
    l = (int)SKIP_SA((const struct sockaddr *)(u));          \
    memmove(body, (u), (size_t)((const struct sockaddr *)(u))->sa_len); \
    body += l;                                              \
  }
  NEXTADDR(RTA_DST, dst);
  NEXTADDR(RTA_GATEWAY, gw);
  NEXTADDR(RTA_NETMASK, mask);
  msg.rtm.rtm_msglen = (unsigned short)(body - (char *)&msg);
  if (write(s, &msg, msg.rtm.rtm_msglen) < 0) {
    if (errno == EEXIST || errno == ESRCH || errno == ENETUNREACH)
      return 0;
    return -1;
  }
  return 0;
}

static void read_msg(const char *buf, size_t len) {
  const struct rt_msghdr *rtm = (const struct rt_msghdr *)(const void *)buf;
  const struct if_msghdr *ifm;
  const struct ifa_msghdr *ifam;
#ifdef RTM_IFANNOUNCE /* not on macOS */
  const struct if_announcemsghdr *ifan;
  char name[IFNAMSIZ];
#endif
  const struct sockaddr *sa, *rti_info[RTAX_MAX];
  const char *cp;
  int i;

  if (len < sizeof(*rtm) || rtm->rtm_version != RTM_VERSION)
    return;
  switch (rtm->rtm_type) {
  case RTM_IFINFO:
    ifm = (const struct if_msghdr *)(const void *)buf;
#ifdef LINK_STATE_UP /* not in xnu's if_data */
    if (ifm->ifm_data.ifi_link_state == LINK_STATE_UP || ifm->ifm_data.ifi_link_state == LINK_STATE_UNKNOWN)
      changed = 1;
#endif
    printf("%d %u %d %lu %u %u\n", ifm->ifm_flags & IFF_UP, ifm->ifm_index,
           ifm->ifm_data.ifi_type == IFT_ETHER, (unsigned long)ifm->ifm_data.ifi_mtu,
           (unsigned)ifm->ifm_data.ifi_addrlen, (unsigned)ifm->ifm_data.ifi_hdrlen);
    break;
#ifdef RTM_IFANNOUNCE
  case RTM_IFANNOUNCE:
    ifan = (const struct if_announcemsghdr *)(const void *)buf;
    memcpy(name, ifan->ifan_name, sizeof(name));
    printf("%s %u %s\n", name, ifan->ifan_index,
           ifan->ifan_what == IFAN_ARRIVAL ? "arrival" : ifan->ifan_what == IFAN_DEPARTURE ? "departure" : "?");
    break;
#endif
  case RTM_NEWADDR:
  case RTM_DELADDR:
    ifam = (const struct ifa_msghdr *)(const void *)buf;
    cp = (const char *)(ifam + 1);
    for (i = 0; i < RTAX_MAX; i++) {
      if (ifam->ifam_addrs & (1 << i)) {
        sa = (const struct sockaddr *)(const void *)cp;
        rti_info[i] = sa;
        cp += SKIP_SA(sa);
      } else {
        rti_info[i] = NULL;
      }
    }
    if (rti_info[RTAX_IFA] != NULL && rti_info[RTAX_IFA]->sa_family == AF_INET6)
      changed = 1;
    (void)ifam->ifam_metric;
    break;
  case RTM_ADD:
  case RTM_DELETE:
  case RTM_CHANGE:
  case RTM_GET:
  case RTM_MISS:
  case RTM_LOSING:
  case RTM_REDIRECT:
    if (!(rtm->rtm_flags & RTF_DONE) && rtm->rtm_pid == getpid())
      break;
    cp = (const char *)(rtm + 1);
    for (i = 1; i && i <= RTA_BRD; i <<= 1) {
      if (!(rtm->rtm_addrs & i))
        continue;
      sa = (const struct sockaddr *)(const void *)cp;
      if (i == RTA_GATEWAY && sa->sa_family == AF_LINK) {
        const struct sockaddr_dl *sdl = (const struct sockaddr_dl *)(const void *)sa;
        printf("link#%u %s\n", sdl->sdl_index, link_ntoa(sdl));
      }
      cp += SKIP_SA(sa);
    }
    printf("%d %d %ld\n", rtm->rtm_errno, rtm->rtm_seq,
           (long)rtm->rtm_rmx.rmx_expire);
    break;
  default:
    break;
  }
}

static int dump(int af, unsigned int table) {
  int mib[7] = {CTL_NET, PF_ROUTE, 0, af, NET_RT_DUMP, 0, (int)table};
  unsigned int nmib = 6;
  size_t needed = 0;
  char *buf, *next, *lim;
#ifdef __OpenBSD__
  nmib = 7;
#endif
  if (sysctl(mib, nmib, NULL, &needed, NULL, 0) < 0)
    return -1;
  if ((buf = (char *)malloc(needed)) == NULL)
    return -1;
  if (sysctl(mib, nmib, buf, &needed, NULL, 0) < 0) {
    free(buf);
    return -1;
  }
  lim = buf + needed;
  for (next = buf; next < lim; next += ((struct rt_msghdr *)(void *)next)->rtm_msglen)
    read_msg(next, (size_t)(lim - next));
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  struct sockaddr_in dst, gw;
  char buf[2048];
  ssize_t n;
  int s;

  (void)argv;
  tables = max_tables();
  if ((s = open_socket(0)) < 0)
    return 1;
  if (dump(AF_INET, 0) < 0 || dump(AF_INET6, 0) < 0)
    return 1;
  memset(&dst, 0, sizeof(dst));
  dst.sin_len = sizeof(dst);
  dst.sin_family = AF_INET;
  dst.sin_addr.s_addr = htonl(0xc6336400);
  gw = dst;
  gw.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (argc > 1 && send_route(s, RTM_ADD, &dst, &gw, NULL, 0) < 0)
    return 1;
  if (argc > 2 && (n = read(s, buf, sizeof(buf))) > 0)
    read_msg(buf, (size_t)n);
  printf("%u %d\n", tables, (int)changed);
  close(s);
  return 0;
}
