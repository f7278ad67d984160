/*
 * route_writer: a routing daemon that never reads its replies. With
 * SO_USELOOPBACK off it relies on write() returning the kernel's verdict,
 * as route(4) promises ("the values for rtm_errno are available through
 * the normal errno mechanism, even if the routing reply message is lost").
 * Bad messages get the kernel's errno, and nothing breaks.
 */
#include "common.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct msg {
	struct rt_msghdr rtm;
	char space[512];
};

static int s;
static int seq;

static void
add_sin(char **cp, const char *addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)*cp;

	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, addr, &sin->sin_addr);
	*cp += CORPUS_ROUNDUP(sizeof *sin);
}

static int
build(struct msg *m, int type, const char *dst, const char *mask, const char *gw)
{
	char *cp = (char *)(&m->rtm + 1);

	memset(m, 0, sizeof *m);
	m->rtm.rtm_version = RTM_VERSION;
	m->rtm.rtm_type = type;
	m->rtm.rtm_seq = ++seq;
	m->rtm.rtm_flags = RTF_UP | RTF_STATIC | (gw != NULL ? RTF_GATEWAY : 0) |
	    (mask == NULL ? RTF_HOST : 0);
#ifdef __OpenBSD__
	m->rtm.rtm_hdrlen = sizeof(struct rt_msghdr);
#endif
	m->rtm.rtm_addrs = RTA_DST;
	add_sin(&cp, dst);
	if (gw != NULL) {
		m->rtm.rtm_addrs |= RTA_GATEWAY;
		add_sin(&cp, gw);
	}
	if (mask != NULL) {
		m->rtm.rtm_addrs |= RTA_NETMASK;
		add_sin(&cp, mask);
	}
	m->rtm.rtm_msglen = cp - (char *)m;
	return m->rtm.rtm_msglen;
}

static void
try(const char *what, const void *buf, size_t len)
{
	ssize_t n = write(s, buf, len);

	if (n < 0)
		printf("%-40s write() < 0, errno %s\n", what, errno_name(errno));
	else
		printf("%-40s write() = %s\n", what, (size_t)n == len ? "length" : "short");
}

int
main(void)
{
	struct msg m;
	int off = 0, v;
	socklen_t vl = sizeof v;
	ssize_t n;

	if ((s = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "socket");
	if (setsockopt(s, SOL_SOCKET, SO_USELOOPBACK, &off, sizeof off) < 0)
		err(1, "SO_USELOOPBACK");
	if (getsockopt(s, SOL_SOCKET, SO_USELOOPBACK, &v, &vl) < 0)
		err(1, "getsockopt");
	printf("SO_USELOOPBACK now %d\n", v);

	build(&m, RTM_ADD, "0.0.0.0", "0.0.0.0", "192.0.2.1");
	try("add default (exists)", &m, m.rtm.rtm_msglen);
	build(&m, RTM_ADD, "10.5.0.0", "255.255.0.0", "192.0.2.1");
	try("add 10.5/16", &m, m.rtm.rtm_msglen);
	try("add 10.5/16 again", &m, m.rtm.rtm_msglen);
	build(&m, RTM_DELETE, "10.5.0.0", "255.255.0.0", NULL);
	try("delete 10.5/16", &m, m.rtm.rtm_msglen);
	try("delete 10.5/16 again", &m, m.rtm.rtm_msglen);
	build(&m, RTM_ADD, "10.6.0.0", "255.255.0.0", "198.51.100.1");
	try("add via an unreachable gateway", &m, m.rtm.rtm_msglen);
	if (write(s, &m, m.rtm.rtm_msglen) < 0 && errno == ENETUNREACH)
		printf("%-40s errno == ENETUNREACH, strerror: %s\n", "", strerror(errno));

	build(&m, RTM_GET, "10.99.1.1", NULL, NULL);
	m.rtm.rtm_msglen += 8;
	try("rtm_msglen longer than the write", &m, m.rtm.rtm_msglen - 8);
	build(&m, RTM_GET, "10.99.1.1", NULL, NULL);
	m.rtm.rtm_version = RTM_VERSION + 1;
	try("another rtm_version", &m, m.rtm.rtm_msglen);
	try("three bytes", &m, 3);
	try("nothing", &m, 0);

	/* No reply was queued for any of it. */
	fcntl(s, F_SETFL, O_NONBLOCK);
	n = read(s, &m, sizeof m);
	printf("%-40s %s\n", "read with SO_USELOOPBACK off",
	    n < 0 ? errno_name(errno) : "a message (wrong)");

	v = 65536;
	if (setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v) < 0)
		err(1, "SO_RCVBUF");
	vl = sizeof v;
	getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &vl);
	printf("%-40s %d\n", "SO_RCVBUF", v);
	vl = sizeof v;
	getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &vl);
	printf("%-40s %s\n", "SO_TYPE", v == SOCK_RAW ? "SOCK_RAW" : "other");

	if (shutdown(s, SHUT_RD) < 0)
		err(1, "shutdown");
	fcntl(s, F_SETFL, 0);
	n = read(s, &m, sizeof m);
	printf("%-40s %zd\n", "read after shutdown(SHUT_RD)", n);
	build(&m, RTM_ADD, "10.5.0.0", "255.255.0.0", "192.0.2.1");
	try("add after shutdown(SHUT_RD)", &m, m.rtm.rtm_msglen);
	return 0;
}
