/*
 * The Linux twin of rt_add_loop.c: one RTM_NEWROUTE with NLM_F_ACK per
 * sendmsg and its ACK read back, N times, the same /24s "dev lo". Run it in
 * a private network namespace (unshare -rn); it prints its loop's rate.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <err.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct req {
	struct nlmsghdr nh;
	struct rtmsg rt;
	struct rtattr dst_hdr;
	uint32_t dst;
	struct rtattr oif_hdr;
	uint32_t oif;
};

int
main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 100000;
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	struct ifreq ifr;
	struct timespec t0, t1;
	char ack[4096];
	struct req r;
	double sec;
	int s, fd;

	if (n < 1 || n > (1L << 21))
		errx(2, "N: 1 to %ld", 1L << 21);
	/* lo comes down in a new namespace: routes "dev lo" need it up. */
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		err(1, "socket");
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == -1)
		err(1, "SIOCGIFFLAGS");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) == -1)
		err(1, "SIOCSIFFLAGS (run under unshare -rn)");
	close(fd);
	if ((s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) == -1)
		err(1, "netlink socket");
	const unsigned lo = if_nametoindex("lo");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		r.nh.nlmsg_len = sizeof(r);
		r.nh.nlmsg_type = RTM_NEWROUTE;
		r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
		r.nh.nlmsg_seq = (uint32_t)i + 1;
		r.rt.rtm_family = AF_INET;
		r.rt.rtm_dst_len = 24;
		r.rt.rtm_table = RT_TABLE_MAIN;
		r.rt.rtm_protocol = RTPROT_STATIC;
		r.rt.rtm_scope = RT_SCOPE_LINK;
		r.rt.rtm_type = RTN_UNICAST;
		r.dst_hdr.rta_len = RTA_LENGTH(4);
		r.dst_hdr.rta_type = RTA_DST;
		r.dst = htonl(0x20000000u + ((uint32_t)i << 8));
		r.oif_hdr.rta_len = RTA_LENGTH(4);
		r.oif_hdr.rta_type = RTA_OIF;
		r.oif = lo;
		if (sendto(s, &r, sizeof(r), 0, (struct sockaddr *)&kernel, sizeof(kernel)) !=
		    (ssize_t)sizeof(r))
			err(1, "sendto of route %ld", i);
		if (recv(s, ack, sizeof(ack), 0) < (ssize_t)(NLMSG_HDRLEN + sizeof(int)))
			err(1, "recv");
		const struct nlmsgerr *e = NLMSG_DATA((struct nlmsghdr *)ack);
		if (((struct nlmsghdr *)ack)->nlmsg_type != NLMSG_ERROR || e->error != 0)
			errx(1, "route %ld: error %d", i, -e->error);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("rtnetlink, sendto()+recv():     %ld RTM_NEWROUTE in %.3f s: %.1f k/s\n", n, sec,
	    (double)n / sec / 1e3);
	return 0;
}
