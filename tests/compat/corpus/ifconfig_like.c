/*
 * ifconfig_like: interfaces the ways ifconfig(8) and friends look at them
 * — getifaddrs(3) with the link address and if_data, SIOCGIFCONF's
 * variable-length records, the SIOCGIF* ioctls, if_nametoindex(3) — and
 * changed: a gif(4) clone created, addressed (IPv4 and IPv6), brought up
 * and destroyed, with the routing messages each step causes.
 */
#include "common.h"

#include <sys/ioctl.h>
#include <sys/sockio.h>
#include <net/if_media.h>
#include <netinet6/in6_var.h>
#include <netinet6/nd6.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <stdlib.h>
#include <unistd.h>

static int rt = -1;

static const char *
type_name(int t)
{
	switch (t) {
	case RTM_ADD: return "RTM_ADD";
	case RTM_DELETE: return "RTM_DELETE";
	case RTM_NEWADDR: return "RTM_NEWADDR";
	case RTM_DELADDR: return "RTM_DELADDR";
	case RTM_IFINFO: return "RTM_IFINFO";
#ifdef RTM_NEWMADDR
	case RTM_NEWMADDR: return "RTM_NEWMADDR";
	case RTM_DELMADDR: return "RTM_DELMADDR";
#endif
#ifdef RTM_IFANNOUNCE
	case RTM_IFANNOUNCE: return "RTM_IFANNOUNCE";
#endif
	}
	return "other";
}

/* The routing messages a step caused, in order. */
static void
caused(const char *step)
{
	char buf[2048];
	struct rt_msghdr *rtm = (struct rt_msghdr *)buf;
	ssize_t n;

	printf("  %s:", step);
	while ((n = read(rt, buf, sizeof buf)) > 0)
		printf(" %s", type_name(rtm->rtm_type));
	printf("\n");
}

static void
flags_line(unsigned int f)
{
	printf("flags=%x<%s%s%s%s%s%s>", f, (f & IFF_UP) ? "UP," : "",
	    (f & IFF_BROADCAST) ? "BROADCAST," : "", (f & IFF_LOOPBACK) ? "LOOPBACK," : "",
	    (f & IFF_POINTOPOINT) ? "POINTOPOINT," : "", (f & IFF_RUNNING) ? "RUNNING," : "",
	    (f & IFF_MULTICAST) ? "MULTICAST" : "");
}

static void
list_getifaddrs(void)
{
	struct ifaddrs *ifap, *ifa;
	char a[64], m[64], d[64];

	if (getifaddrs(&ifap) < 0)
		err(1, "getifaddrs");
	printf("getifaddrs:\n");
	for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
		int fam = ifa->ifa_addr != NULL ? ifa->ifa_addr->sa_family : -1;
		if (fam == AF_LINK) {
			struct sockaddr_dl *sdl = (struct sockaddr_dl *)ifa->ifa_addr;
			struct if_data *ifd = ifa->ifa_data;
			unsigned char *ll = (unsigned char *)LLADDR(sdl);
			printf("  %s: ", ifa->ifa_name);
			flags_line(ifa->ifa_flags);
			printf(" index %d mtu %u\n", sdl->sdl_index, ifd != NULL ? (unsigned)ifd->ifi_mtu : 0);
			if (sdl->sdl_alen == 6)
				printf("    ether %02x:%02x:%02x:%02x:%02x:%02x (link_ntoa %s)\n",
				    ll[0], ll[1], ll[2], ll[3], ll[4], ll[5], link_ntoa(sdl));
		} else if (fam == AF_INET || fam == AF_INET6) {
			printf("    %s %s netmask %s", fam == AF_INET ? "inet" : "inet6",
			    sa_text(ifa->ifa_addr, fam, a, sizeof a),
			    sa_text(ifa->ifa_netmask, fam, m, sizeof m));
			if (ifa->ifa_dstaddr != NULL)
				printf(" %s %s", (ifa->ifa_flags & IFF_POINTOPOINT) ? "-->" : "broadcast",
				    sa_text(ifa->ifa_dstaddr, fam, d, sizeof d));
			printf("\n");
		}
	}
	freeifaddrs(ifap);
}

static void
list_ifconf(int s)
{
	struct ifconf ifc;
	char *buf = NULL, *p, a[64];
	int len = 64, last = -1;

	/*
	 * Grow the buffer until the answer stops growing (UNP's way: a
	 * truncated answer ends at a whole record, so room to spare alone
	 * proves nothing).
	 */
	for (;;) {
		buf = realloc(buf, len);
		ifc.ifc_len = len;
		ifc.ifc_buf = buf;
		if (ioctl(s, SIOCGIFCONF, &ifc) < 0)
			err(1, "SIOCGIFCONF");
		if (ifc.ifc_len == last && last > 0)
			break;
		last = ifc.ifc_len;
		len *= 2;
	}
	printf("SIOCGIFCONF:\n");
	for (p = buf; p < buf + ifc.ifc_len;) {
		struct ifreq *ifr = (struct ifreq *)p;
		printf("  %-6s %s\n", ifr->ifr_name, sa_text(&ifr->ifr_addr, 0, a, sizeof a));
#if defined(__NetBSD__)
		p += sizeof(struct ifreq);
#else
		p += sizeof(ifr->ifr_name) +
		    (ifr->ifr_addr.sa_len > sizeof(struct sockaddr) ? ifr->ifr_addr.sa_len
								   : sizeof(struct sockaddr));
#endif
	}
	free(buf);
}

static void
show(int s, const char *name)
{
	struct ifreq ifr;
	char a[64];

	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, name, sizeof ifr.ifr_name);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
		printf("%s: SIOCGIFFLAGS %s\n", name, errno_name(errno));
		return;
	}
	printf("%s: ", name);
	flags_line((unsigned short)ifr.ifr_flags);
	if (ioctl(s, SIOCGIFMTU, &ifr) == 0)
		printf(" mtu %d", ifr.ifr_mtu);
	if (ioctl(s, SIOCGIFMETRIC, &ifr) == 0)
		printf(" metric %d", ifr.ifr_metric);
#ifdef SIOCGIFINDEX
	if (ioctl(s, SIOCGIFINDEX, &ifr) == 0)
		printf(" index %d", ifr.ifr_index);
#endif
	printf("\n");
	if (ioctl(s, SIOCGIFADDR, &ifr) == 0)
		printf("  inet %s", sa_text(&ifr.ifr_addr, AF_INET, a, sizeof a));
	else
		printf("  SIOCGIFADDR %s", errno_name(errno));
	if (ioctl(s, SIOCGIFNETMASK, &ifr) == 0)
		printf(" netmask %s", sa_text(&ifr.ifr_addr, AF_INET, a, sizeof a));
	if (ioctl(s, SIOCGIFBRDADDR, &ifr) == 0)
		printf(" broadcast %s", sa_text(&ifr.ifr_broadaddr, AF_INET, a, sizeof a));
	if (ioctl(s, SIOCGIFDSTADDR, &ifr) == 0)
		printf(" --> %s", sa_text(&ifr.ifr_dstaddr, AF_INET, a, sizeof a));
	printf("\n");
#ifdef SIOCGIFMEDIA
	{
		struct ifmediareq ifmr;
		memset(&ifmr, 0, sizeof ifmr);
		strlcpy(ifmr.ifm_name, name, sizeof ifmr.ifm_name);
		if (ioctl(s, SIOCGIFMEDIA, &ifmr) < 0)
			printf("  media: %s\n", errno_name(errno));
		else
			printf("  media: %s %s, status %s\n",
			    IFM_TYPE(ifmr.ifm_active) == IFM_ETHER ? "Ethernet" : "other",
			    IFM_SUBTYPE(ifmr.ifm_current) == IFM_AUTO ? "autoselect" : "fixed",
			    (ifmr.ifm_status & IFM_AVALID) == 0 ? "unknown" :
			    (ifmr.ifm_status & IFM_ACTIVE) ? "active" : "no carrier");
	}
#endif
}

static void
gif_lifecycle(int s, int s6)
{
	struct ifreq ifr;
	struct ifaliasreq ifra;
	struct in6_aliasreq ifra6;
	struct in6_ifreq ifr6;

	printf("gif0:\n");
	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, "gif0", sizeof ifr.ifr_name);
	if (ioctl(s, SIOCIFCREATE, &ifr) < 0)
		err(1, "SIOCIFCREATE");
	caused("create");
	if (ioctl(s, SIOCIFCREATE, &ifr) < 0)
		printf("  create again: %s\n", errno_name(errno));

	memset(&ifra, 0, sizeof ifra);
	strlcpy(ifra.ifra_name, "gif0", sizeof ifra.ifra_name);
	sin_set(&ifra.ifra_addr, "10.200.0.1");
	sin_set(&ifra.ifra_broadaddr, "10.200.0.2");
	sin_set(&ifra.ifra_mask, "255.255.255.255");
	if (ioctl(s, SIOCAIFADDR, &ifra) < 0)
		err(1, "SIOCAIFADDR");
	caused("inet 10.200.0.1 10.200.0.2");

	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		err(1, "SIOCGIFFLAGS");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
		err(1, "SIOCSIFFLAGS");
	caused("up");
	ifr.ifr_mtu = 1280;
	if (ioctl(s, SIOCSIFMTU, &ifr) < 0)
		err(1, "SIOCSIFMTU");
	caused("mtu 1280");

	memset(&ifra6, 0, sizeof ifra6);
	strlcpy(ifra6.ifra_name, "gif0", sizeof ifra6.ifra_name);
	sin6_set(&ifra6.ifra_addr, "2001:db8:200::1");
	sin6_set(&ifra6.ifra_prefixmask, "ffff:ffff:ffff:ffff::");
	ifra6.ifra_lifetime.ia6t_vltime = ND6_INFINITE_LIFETIME;
	ifra6.ifra_lifetime.ia6t_pltime = ND6_INFINITE_LIFETIME;
	if (ioctl(s6, SIOCAIFADDR_IN6, &ifra6) < 0)
		err(1, "SIOCAIFADDR_IN6");
	caused("inet6 2001:db8:200::1/64");
	show(s, "gif0");
	list_getifaddrs();

	memset(&ifr6, 0, sizeof ifr6);
	strlcpy(ifr6.ifr_name, "gif0", sizeof ifr6.ifr_name);
	sin6_set(&ifr6.ifr_addr, "2001:db8:200::1");
	if (ioctl(s6, SIOCDIFADDR_IN6, &ifr6) < 0)
		err(1, "SIOCDIFADDR_IN6");
	caused("inet6 delete");
	sin_set(&ifr.ifr_addr, "10.200.0.1");
	if (ioctl(s, SIOCDIFADDR, &ifr) < 0)
		err(1, "SIOCDIFADDR");
	caused("inet delete");
	if (ioctl(s, SIOCDIFADDR, &ifr) < 0)
		printf("  inet delete again: %s\n", errno_name(errno));
	if (ioctl(s, SIOCIFDESTROY, &ifr) < 0)
		err(1, "SIOCIFDESTROY");
	caused("destroy");
	strlcpy(ifr.ifr_name, "gif0", sizeof ifr.ifr_name);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		printf("  SIOCGIFFLAGS after destroy: %s\n", errno_name(errno));
}

int
main(void)
{
	int s, s6;
	unsigned int idx;
	char name[IF_NAMESIZE];
	struct if_nameindex *ni, *p;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		err(1, "socket");
	if ((s6 = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		err(1, "socket inet6");
	if ((rt = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "routing socket");
	fcntl(rt, F_SETFL, O_NONBLOCK);

	list_getifaddrs();
	list_ifconf(s);
	show(s, "lo0");
	show(s, "em0");
	show(s, "nonexistent0");

	idx = if_nametoindex("em0");
	printf("if_nametoindex(em0) = %u, if_indextoname(%u) = %s\n", idx, idx,
	    if_indextoname(idx, name) != NULL ? name : "NULL");
	printf("if_nametoindex(bogus0) = %u\n", if_nametoindex("bogus0"));
	if ((ni = if_nameindex()) == NULL)
		err(1, "if_nameindex");
	printf("if_nameindex:");
	for (p = ni; p->if_index != 0; p++)
		printf(" %u=%s", p->if_index, p->if_name);
	printf("\n");
	if_freenameindex(ni);

	gif_lifecycle(s, s6);
	return 0;
}
