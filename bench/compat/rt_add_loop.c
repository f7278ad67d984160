/*
 * The synchronous RTM_ADD as an unmodified BSD program sees it: one write()
 * that returns the kernel's verdict, then read() until the echo of that
 * write, N times. Build it as any BSD program (rtsock-cc -p freebsd) and run
 * it under rtsock-run; it prints the rate of its loop alone.
 *
 *   rt_add_loop [N]        N routes 32.0.0.0/3 in /24s via 192.0.2.1 (<= 2^21)
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
sin_set(struct sockaddr_in *sin, uint32_t a)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_len = sizeof(*sin);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(a);
}

int
main(int argc, char **argv)
{
	struct {
		struct rt_msghdr h;
		struct sockaddr_in dst, gw, mask;
	} m;
	union {
		struct rt_msghdr h;
		char buf[2048];
	} in;
	struct timespec t0, t1;
	long i, n = argc > 1 ? atol(argv[1]) : 100000;
	pid_t pid = getpid();
	double sec;
	int s;

	if (n < 1 || n > (1L << 21))
		errx(2, "N: 1 to %ld", 1L << 21);
	if ((s = socket(PF_ROUTE, SOCK_RAW, 0)) == -1)
		err(1, "socket");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		memset(&m, 0, sizeof(m));
		m.h.rtm_msglen = sizeof(m);
		m.h.rtm_version = RTM_VERSION;
		m.h.rtm_type = RTM_ADD;
		m.h.rtm_flags = RTF_UP | RTF_GATEWAY | RTF_STATIC;
		m.h.rtm_addrs = RTA_DST | RTA_GATEWAY | RTA_NETMASK;
		m.h.rtm_seq = (int)i + 1;
		sin_set(&m.dst, 0x20000000u + ((uint32_t)i << 8));
		sin_set(&m.gw, 0xc0000201u);
		sin_set(&m.mask, 0xffffff00u);
		if (write(s, &m, sizeof(m)) != (ssize_t)sizeof(m))
			err(1, "write of route %ld", i);
		for (;;) {
			if (read(s, in.buf, sizeof(in.buf)) < (ssize_t)sizeof(in.h))
				err(1, "read");
			if (in.h.rtm_pid == pid && in.h.rtm_seq == m.h.rtm_seq)
				break;
		}
		if (in.h.rtm_errno != 0)
			errx(1, "route %ld: rtm_errno %d", i, in.h.rtm_errno);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sec = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("routing socket, write()+read(): %ld RTM_ADD in %.3f s: %.1f k/s\n", n, sec,
	    (double)n / sec / 1e3);
	return 0;
}
