/*
 * iflist: interfaces and their addresses from sysctl NET_RT_IFLIST, the
 * way routing daemons learn them at start-up: RTM_IFINFO (struct
 * if_msghdr with its if_data) followed by one RTM_NEWADDR (struct
 * ifa_msghdr) per address. Also one interface alone, by index, and
 * what getifaddrs(3) (NetBSD: with ifa_addrflags) and getifmaddrs(3) say.
 */
#include "common.h"

#include <sys/sysctl.h>

#include <err.h>
#include <ifaddrs.h>
#include <stdlib.h>

static void
walk(int index)
{
	int mib[6] = { CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST, index };
	size_t len;
	char *buf, *next, a[64], m[64], b[64];
	struct if_msghdr *ifm;
	struct ifa_msghdr *ifam;
	struct sockaddr *rti_info[RTAX_MAX];

	if (sysctl(mib, 6, NULL, &len, NULL, 0) < 0)
		err(1, "sysctl size");
	if ((buf = malloc(len)) == NULL)
		err(1, "malloc");
	if (sysctl(mib, 6, buf, &len, NULL, 0) < 0)
		err(1, "sysctl");
	printf("NET_RT_IFLIST index %d: %zu bytes\n", index, len);
	for (next = buf; next < buf + len; next += ifm->ifm_msglen) {
		ifm = (struct if_msghdr *)next;
		if (ifm->ifm_version != RTM_VERSION)
			errx(1, "rtm_version %d", ifm->ifm_version);
		if (ifm->ifm_type == RTM_IFINFO) {
#ifdef __OpenBSD__
			char *sa = next + ifm->ifm_hdrlen;
#else
			char *sa = (char *)(ifm + 1);
#endif
			get_rtaddrs(ifm->ifm_addrs, (struct sockaddr *)sa, rti_info);
			printf("if %d %s flags %#x type %d mtu %u metric %u",
			    ifm->ifm_index, sa_text(rti_info[RTAX_IFP], 0, a, sizeof a),
			    ifm->ifm_flags, ifm->ifm_data.ifi_type, (unsigned)ifm->ifm_data.ifi_mtu,
			    (unsigned)ifm->ifm_data.ifi_metric);
#ifdef __APPLE__
			/* xnu's if_data has no link state. */
			printf("\n");
#else
			printf(" link_state %d\n", ifm->ifm_data.ifi_link_state);
#endif
		} else if (ifm->ifm_type == RTM_NEWADDR) {
			ifam = (struct ifa_msghdr *)next;
#ifdef __OpenBSD__
			char *sa = next + ifam->ifam_hdrlen;
#else
			char *sa = (char *)(ifam + 1);
#endif
			int fam;
			get_rtaddrs(ifam->ifam_addrs, (struct sockaddr *)sa, rti_info);
			fam = rti_info[RTAX_IFA] != NULL ? rti_info[RTAX_IFA]->sa_family : 0;
			printf("  addr on %d: %s mask %s", ifam->ifam_index,
			    sa_text(rti_info[RTAX_IFA], fam, a, sizeof a),
			    sa_text(rti_info[RTAX_NETMASK], fam, m, sizeof m));
			if (rti_info[RTAX_BRD] != NULL)
				printf(" brd %s", sa_text(rti_info[RTAX_BRD], fam, b, sizeof b));
			printf("\n");
		} else {
			printf("  message type %d\n", ifm->ifm_type);
		}
	}
	free(buf);
}

static void
libc_lists(void)
{
	struct ifaddrs *ifap, *ifa;
	int n = 0;

	if (getifaddrs(&ifap) != 0)
		err(1, "getifaddrs");
	for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
		n++;
#ifdef __NetBSD__
		if (ifa->ifa_addrflags != 0)
			printf("getifaddrs: %s has ifa_addrflags %#x\n", ifa->ifa_name, ifa->ifa_addrflags);
#endif
	}
	freeifaddrs(ifap);
	printf("getifaddrs: %d entries\n", n);
#if defined(__FreeBSD__) || defined(__APPLE__)
	{
		struct ifmaddrs *ifmap, *ifma;
		char g[64], i[64], l[64];

		if (getifmaddrs(&ifmap) != 0)
			err(1, "getifmaddrs");
		n = 0;
		for (ifma = ifmap; ifma != NULL; ifma = ifma->ifma_next) {
			n++;
			printf("  group %s on %s", sa_text(ifma->ifma_addr, 0, g, sizeof g),
			    sa_text(ifma->ifma_name, 0, i, sizeof i));
			if (ifma->ifma_lladdr != NULL)
				printf(" lladdr %s", sa_text(ifma->ifma_lladdr, 0, l, sizeof l));
			printf("\n");
		}
		freeifmaddrs(ifmap);
		printf("getifmaddrs: %d groups\n", n);
	}
#endif
}

int
main(void)
{
	walk(0);
	walk(2);
	libc_lists();
	return 0;
}
