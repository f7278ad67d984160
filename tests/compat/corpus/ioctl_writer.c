/*
 * ioctl_writer: the interface changes a program makes with ioctls —
 * clone create/destroy, addresses added and deleted (IPv4, IPv6), flags
 * and MTU — each reported as the kernel answered it, then the interface
 * as SIOCGIF* sees it. Run unprivileged, every change must fail with the
 * kernel's EPERM and leave em0 as it was; the reads still work.
 */
#include "common.h"

#include <sys/ioctl.h>
#include <sys/sockio.h>
#include <netinet6/in6_var.h>
#include <netinet6/nd6.h>

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static void
report(const char *what, int r)
{
	printf("%-36s %s\n", what, r < 0 ? errno_name(errno) : "ok");
}

static void
show_em0(int s)
{
	struct ifreq ifr;
	char buf[INET_ADDRSTRLEN];

	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, "em0", sizeof ifr.ifr_name);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		err(1, "SIOCGIFFLAGS");
	printf("em0 flags %s", (ifr.ifr_flags & IFF_UP) ? "UP" : "DOWN");
	if (ioctl(s, SIOCGIFMTU, &ifr) < 0)
		err(1, "SIOCGIFMTU");
	printf(" mtu %d", ifr.ifr_mtu);
	if (ioctl(s, SIOCGIFADDR, &ifr) < 0)
		err(1, "SIOCGIFADDR");
	printf(" inet %s\n", inet_ntop(AF_INET,
	    &((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr, buf, sizeof buf));
}

int
main(void)
{
	struct ifreq ifr;
	struct ifaliasreq ifra;
	struct in6_aliasreq ifra6;
	struct in6_ifreq ifr6;
	int s, s6;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		err(1, "socket");
	if ((s6 = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		err(1, "socket inet6");
	show_em0(s);

	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, "gif7", sizeof ifr.ifr_name);
	report("SIOCIFCREATE gif7", ioctl(s, SIOCIFCREATE, &ifr));
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		printf("%-36s %s\n", "SIOCGIFFLAGS gif7", errno_name(errno));
	else
		report("SIOCIFDESTROY gif7", ioctl(s, SIOCIFDESTROY, &ifr));

	memset(&ifra, 0, sizeof ifra);
	strlcpy(ifra.ifra_name, "em0", sizeof ifra.ifra_name);
	sin_set(&ifra.ifra_addr, "198.51.100.1");
	sin_set(&ifra.ifra_mask, "255.255.255.0");
	report("SIOCAIFADDR em0 198.51.100.1/24", ioctl(s, SIOCAIFADDR, &ifra));

	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, "em0", sizeof ifr.ifr_name);
	sin_set(&ifr.ifr_addr, "192.0.2.10");
	report("SIOCDIFADDR em0 192.0.2.10", ioctl(s, SIOCDIFADDR, &ifr));

	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, "em0", sizeof ifr.ifr_name);
	ifr.ifr_flags = 0;
	report("SIOCSIFFLAGS em0 down", ioctl(s, SIOCSIFFLAGS, &ifr));
	ifr.ifr_mtu = 1280;
	report("SIOCSIFMTU em0 1280", ioctl(s, SIOCSIFMTU, &ifr));

	memset(&ifra6, 0, sizeof ifra6);
	strlcpy(ifra6.ifra_name, "em0", sizeof ifra6.ifra_name);
	sin6_set(&ifra6.ifra_addr, "2001:db8:7::1");
	sin6_set(&ifra6.ifra_prefixmask, "ffff:ffff:ffff:ffff::");
	ifra6.ifra_lifetime.ia6t_vltime = ND6_INFINITE_LIFETIME;
	ifra6.ifra_lifetime.ia6t_pltime = ND6_INFINITE_LIFETIME;
	report("SIOCAIFADDR_IN6 em0 2001:db8:7::1", ioctl(s6, SIOCAIFADDR_IN6, &ifra6));

	memset(&ifr6, 0, sizeof ifr6);
	strlcpy(ifr6.ifr_name, "em0", sizeof ifr6.ifr_name);
	sin6_set(&ifr6.ifr_addr, "2001:db8::10");
	report("SIOCDIFADDR_IN6 em0 2001:db8::10", ioctl(s6, SIOCDIFADDR_IN6, &ifr6));

	memset(&ifr, 0, sizeof ifr);
	strlcpy(ifr.ifr_name, "em0", sizeof ifr.ifr_name);
	report("SIOCIFDESTROY em0", ioctl(s, SIOCIFDESTROY, &ifr));

	show_em0(s);
	return 0;
}
