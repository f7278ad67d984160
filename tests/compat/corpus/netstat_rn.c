/*
 * netstat_rn: the routing tables as netstat -rn prints them, from
 * sysctl({CTL_NET, PF_ROUTE, 0, af, NET_RT_DUMP, 0}): size the dump with
 * a NULL buffer, fetch it, walk it by rtm_msglen. Then the default gateway
 * the way NAT-PMP clients find it (NET_RT_FLAGS with RTF_GATEWAY), and
 * what sysctl says to bad requests.
 */
#include "common.h"

#include <sys/sysctl.h>

#include <err.h>
#include <errno.h>
#include <stdlib.h>

static char *
fetch(int *mib, u_int miblen, size_t *len)
{
	char *buf = NULL;

	for (;;) {
		if (sysctl(mib, miblen, NULL, len, NULL, 0) < 0)
			err(1, "sysctl (size)");
		*len += *len / 8 + 1;
		if ((buf = realloc(buf, *len)) == NULL)
			err(1, "realloc");
		if (sysctl(mib, miblen, buf, len, NULL, 0) == 0)
			return buf;
		if (errno != ENOMEM)
			err(1, "sysctl (dump)");
	}
}

static void
flags_text(int f, char *out)
{
	*out = '\0';
	if (f & RTF_UP) strcat(out, "U");
	if (f & RTF_GATEWAY) strcat(out, "G");
	if (f & RTF_HOST) strcat(out, "H");
	if (f & RTF_REJECT) strcat(out, "R");
	if (f & RTF_DYNAMIC) strcat(out, "D");
	if (f & RTF_MODIFIED) strcat(out, "M");
	if (f & RTF_STATIC) strcat(out, "S");
	if (f & RTF_BLACKHOLE) strcat(out, "B");
}

static void
table(int af, const char *title)
{
	int mib[6] = { CTL_NET, PF_ROUTE, 0, af, NET_RT_DUMP, 0 };
	size_t len;
	char *buf, *next, *lim, dst[64], gw[64], mask[64], fl[16], name[IF_NAMESIZE];
	struct rt_msghdr *rtm;
	struct sockaddr *rti_info[RTAX_MAX];

	buf = fetch(mib, 6, &len);
	printf("%s:\n%-24s %-20s %-6s %s\n", title, "Destination", "Gateway", "Flags", "Netif");
	lim = buf + len;
	for (next = buf; next < lim; next += rtm->rtm_msglen) {
		rtm = (struct rt_msghdr *)next;
		if (rtm->rtm_msglen == 0)
			break;
		if (rtm->rtm_version != RTM_VERSION)
			continue;
		get_rtaddrs(rtm->rtm_addrs, (struct sockaddr *)CORPUS_SA_START(rtm), rti_info);
		sa_text(rti_info[RTAX_DST], af, dst, sizeof dst);
		if (rti_info[RTAX_NETMASK] != NULL && !(rtm->rtm_flags & RTF_HOST)) {
			sa_text(rti_info[RTAX_NETMASK], af, mask, sizeof mask);
			strcat(dst, "/");
			strcat(dst, mask);
		}
		sa_text(rti_info[RTAX_GATEWAY], af, gw, sizeof gw);
		flags_text(rtm->rtm_flags, fl);
		if (if_indextoname(rtm->rtm_index, name) == NULL)
			snprintf(name, sizeof name, "?%d", rtm->rtm_index);
		printf("%-24s %-20s %-6s %s\n", dst, gw, fl, name);
	}
	free(buf);
}

static void
default_gateway(void)
{
	int mib[6] = { CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_FLAGS, RTF_GATEWAY };
	size_t len;
	char *buf, *p, text[64];
	struct rt_msghdr *rtm;
	struct sockaddr *rti_info[RTAX_MAX];

	buf = fetch(mib, 6, &len);
	for (p = buf; p < buf + len; p += rtm->rtm_msglen) {
		rtm = (struct rt_msghdr *)p;
		get_rtaddrs(rtm->rtm_addrs, (struct sockaddr *)CORPUS_SA_START(rtm), rti_info);
		if (rti_info[RTAX_DST] != NULL && rti_info[RTAX_GATEWAY] != NULL &&
		    rti_info[RTAX_DST]->sa_family == AF_INET &&
		    ((struct sockaddr_in *)rti_info[RTAX_DST])->sin_addr.s_addr == 0)
			printf("default gateway: %s\n",
			    sa_text(rti_info[RTAX_GATEWAY], AF_INET, text, sizeof text));
	}
	free(buf);
}

static void
bad_requests(void)
{
	int dump[6] = { CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0 };
	int bogus[4] = { CTL_NET, PF_ROUTE, 0, 12345 };
	int nothing[2] = { CTL_VM, 9999 };
	int ostype[2] = { CTL_KERN, KERN_OSTYPE };
	char small[8], os[64];
	size_t len;

	len = sizeof small;
	if (sysctl(dump, 6, small, &len, NULL, 0) < 0)
		printf("dump into 8 bytes: %s\n", errno == ENOMEM ? "ENOMEM" : strerror(errno));
	if (sysctl(nothing, 2, NULL, &len, NULL, 0) < 0)
		printf("unknown name: %s\n", errno == ENOENT ? "ENOENT" :
		    errno == EOPNOTSUPP ? "EOPNOTSUPP" : strerror(errno));
	if (sysctl(bogus, 1, NULL, &len, NULL, 0) < 0)
		printf("one-level name: %s\n", errno == EINVAL ? "EINVAL" : strerror(errno));
	if (sysctl(dump, 6, NULL, &len, &len, sizeof len) < 0)
		printf("writing a dump: %s\n", errno == EPERM ? "EPERM" : strerror(errno));
	len = sizeof os;
	if (sysctl(ostype, 2, os, &len, NULL, 0) == 0)
		printf("kern.ostype: %s (%zu bytes)\n", os, len);
}

int
main(void)
{
	table(AF_INET, "Internet");
	table(AF_INET6, "Internet6");
	default_gateway();
	bad_requests();
	return 0;
}
