/*
 * dad_flags: what SIOCGIFAFLAG_IN6 says of a new IPv6 address while its
 * duplicate address detection runs, as rtsold or dhcpcd watch it: tentative
 * first, then (polled) ready; an anycast address (ifra_flags) skips DAD.
 * Run with a daemon whose dad_count leaves time to look.
 */
#include "common.h"

#include <sys/ioctl.h>
#include <sys/sockio.h>
#include <sys/sysctl.h>
#include <netinet6/in6_var.h>
#include <netinet6/nd6.h>

#include <err.h>
#include <errno.h>
#include <unistd.h>

static int
addr_flags(int s, const char *addr)
{
	struct in6_ifreq ifr6;

	memset(&ifr6, 0, sizeof ifr6);
	strlcpy(ifr6.ifr_name, "em0", sizeof ifr6.ifr_name);
	sin6_set(&ifr6.ifr_addr, addr);
	if (ioctl(s, SIOCGIFAFLAG_IN6, &ifr6) < 0)
		return -errno;
	return ifr6.ifr_ifru.ifru_flags6;
}

static void
show(int s, const char *addr)
{
	int f = addr_flags(s, addr);

	printf("%s:", addr);
	if (f < 0) {
		printf(" %s\n", errno_name(-f));
		return;
	}
	if (f & IN6_IFF_ANYCAST)
		printf(" anycast");
	if (f & IN6_IFF_TENTATIVE)
		printf(" tentative");
	if (f & IN6_IFF_DUPLICATED)
		printf(" duplicated");
	if (f & IN6_IFF_DETACHED)
		printf(" detached");
	if (f == 0)
		printf(" ready");
	printf("\n");
}

static void
add(int s, const char *addr, int flags)
{
	struct in6_aliasreq ifra6;

	memset(&ifra6, 0, sizeof ifra6);
	strlcpy(ifra6.ifra_name, "em0", sizeof ifra6.ifra_name);
	sin6_set(&ifra6.ifra_addr, addr);
	sin6_set(&ifra6.ifra_prefixmask, "ffff:ffff:ffff:ffff::");
	ifra6.ifra_flags = flags;
	ifra6.ifra_lifetime.ia6t_vltime = ND6_INFINITE_LIFETIME;
	ifra6.ifra_lifetime.ia6t_pltime = ND6_INFINITE_LIFETIME;
	if (ioctl(s, SIOCAIFADDR_IN6, &ifra6) < 0)
		err(1, "SIOCAIFADDR_IN6 %s", addr);
}

#if defined(__FreeBSD__) || defined(__NetBSD__)
/* SIOCGIFINFO_IN6 / SIOCSIFINFO_FLAGS: the interface's nd6 flags. */
static unsigned
nd6_flags(int s)
{
	struct in6_ndireq nd;

	memset(&nd, 0, sizeof nd);
	strlcpy(nd.ifname, "em0", sizeof nd.ifname);
	if (ioctl(s, SIOCGIFINFO_IN6, &nd) < 0)
		err(1, "SIOCGIFINFO_IN6");
	return nd.ndi.flags;
}

static void
set_nd6_flags(int s, unsigned flags)
{
	struct in6_ndireq nd;

	memset(&nd, 0, sizeof nd);
	strlcpy(nd.ifname, "em0", sizeof nd.ifname);
	nd.ndi.flags = flags;
	if (ioctl(s, SIOCSIFINFO_FLAGS, &nd) < 0)
		err(1, "SIOCSIFINFO_FLAGS");
}
#endif

int
main(void)
{
	/* net.inet6.ip6.dad_count: IPV6CTL_DAD_COUNT is 16 in every KAME. */
	int dad_mib[4] = { CTL_NET, PF_INET6, IPPROTO_IPV6, 16 };
	int s, i, count;
	size_t len;

	if ((s = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		err(1, "socket");
	len = sizeof count;
	if (sysctl(dad_mib, 4, &count, &len, NULL, 0) < 0)
		err(1, "net.inet6.ip6.dad_count");
	printf("net.inet6.ip6.dad_count %d\n", count);
#if defined(__FreeBSD__)
	/* ND6_IFF_NO_DAD: in6if_do_dad says no. */
	printf("em0 nd6 flags %#x\n", nd6_flags(s));
	set_nd6_flags(s, nd6_flags(s) | ND6_IFF_NO_DAD);
	printf("em0 nd6 flags %#x\n", nd6_flags(s));
	add(s, "2001:db8:6::1", 0);
	show(s, "2001:db8:6::1");
	set_nd6_flags(s, nd6_flags(s) & ~ND6_IFF_NO_DAD);
#elif defined(__NetBSD__)
	printf("em0 nd6 flags %#x\n", nd6_flags(s));
#endif
	add(s, "2001:db8:7::1", 0);
	add(s, "2001:db8:8::", IN6_IFF_ANYCAST);
	show(s, "2001:db8:7::1");
	show(s, "2001:db8:8::");
	show(s, "2001:db8:9::1");
	for (i = 0; i < 1000 && (addr_flags(s, "2001:db8:7::1") & IN6_IFF_TENTATIVE); i++)
		usleep(10000);
	show(s, "2001:db8:7::1");
	return 0;
}
