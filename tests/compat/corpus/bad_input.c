/*
 * bad_input: what the kernel says to programs that get it wrong — bad
 * pointers, short and lying lengths, wild sa_len values, unknown names —
 * and that nothing crashes. Also link_addr(3)/link_ntoa(3) round trips.
 */
#include "common.h"

#include <sys/ioctl.h>
#include <sys/sockio.h>
#include <sys/sysctl.h>

#include <err.h>
#include <ifaddrs.h>
#include <stdlib.h>
#include <unistd.h>

/* Opaque to the compiler, which would otherwise refuse to build the calls. */
static void *volatile BAD = (void *)1;

static void
result(const char *what, int r)
{
	printf("%-44s %s\n", what, r < 0 ? errno_name(errno) : "ok");
}

int
main(void)
{
	int mib[6] = { CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0 };
	int rt, s, v = 1;
	size_t len;
	socklen_t sl;
	char buf[256], name[IF_NAMESIZE];
	struct ifreq ifr;
	struct rt_msghdr *rtm = (struct rt_msghdr *)buf;
	struct sockaddr_in *sin;
	struct sockaddr_dl *sdl;

	if ((rt = socket(PF_ROUTE, SOCK_RAW, 0)) < 0 || (s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		err(1, "socket");

	len = 64;
	result("sysctl with a NULL name", sysctl(NULL, 6, NULL, &len, NULL, 0));
	result("sysctl into a bad buffer", sysctl(mib, 6, BAD, &len, NULL, 0));
	result("sysctl with a bad length pointer", sysctl(mib, 6, buf, BAD, NULL, 0));
	result("sysctl with no length", sysctl(mib, 6, buf, NULL, NULL, 0));
	result("sysctl with 30 names", sysctl(mib, 30, NULL, &len, NULL, 0));
#ifndef __OpenBSD__
	result("sysctlbyname(no.such.name)", sysctlbyname("no.such.name", buf, &len, NULL, 0));
#endif

	result("ioctl SIOCGIFFLAGS with NULL", ioctl(s, SIOCGIFFLAGS, NULL));
	result("ioctl SIOCGIFFLAGS with a bad pointer", ioctl(s, SIOCGIFFLAGS, BAD));
	memset(&ifr, 0, sizeof ifr);
	memset(ifr.ifr_name, 'x', sizeof ifr.ifr_name);
	result("ioctl SIOCGIFFLAGS, unterminated name", ioctl(s, SIOCGIFFLAGS, &ifr));
	result("getifaddrs(NULL)", getifaddrs(NULL));

	result("write from a bad buffer", (int)write(rt, BAD, 100));
	result("write of 100000 bytes", (int)write(rt, malloc(100000), 100000));
	memset(buf, 0, sizeof buf);
	rtm->rtm_version = RTM_VERSION;
	rtm->rtm_type = RTM_ADD;
	rtm->rtm_addrs = RTA_DST;
	rtm->rtm_flags = RTF_UP | RTF_HOST;
#ifdef __OpenBSD__
	rtm->rtm_hdrlen = sizeof(struct rt_msghdr);
#endif
	sin = (struct sockaddr_in *)(rtm + 1);
	sin->sin_len = 200; /* runs past the message */
	sin->sin_family = AF_INET;
	rtm->rtm_msglen = sizeof *rtm + sizeof *sin;
	result("RTM_ADD with a wild sa_len", (int)write(rt, buf, rtm->rtm_msglen));
	rtm->rtm_msglen = 0xffff;
	result("rtm_msglen 65535 in a short write", (int)write(rt, buf, sizeof *rtm + sizeof *sin));

	sl = sizeof v;
	result("getsockopt into NULL", getsockopt(rt, SOL_SOCKET, SO_USELOOPBACK, NULL, &sl));
	result("setsockopt SO_USELOOPBACK, 1 byte", setsockopt(rt, SOL_SOCKET, SO_USELOOPBACK, &v, 1));
	result("setsockopt, unknown option", setsockopt(rt, PF_ROUTE, 12345, &v, sizeof v));
	result("bind a routing socket", bind(rt, (struct sockaddr *)sin, sizeof *sin));
	result("if_indextoname(999)", if_indextoname(999, name) == NULL ? -1 : 0);

	sdl = calloc(1, 64);
	sdl->sdl_len = sizeof(struct sockaddr_dl);
	link_addr("em0:0.1b.21.a.b.cc", sdl);
	printf("%-44s nlen %d alen %d: %s\n", "link_addr/link_ntoa", sdl->sdl_nlen, sdl->sdl_alen,
	    link_ntoa(sdl));
	printf("still here\n");
	return 0;
}
