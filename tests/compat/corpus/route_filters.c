/*
 * route_filters: what route(4) says a listener receives. A socket opened
 * for one family (socket(PF_ROUTE, SOCK_RAW, AF_INET)) gets that family's
 * messages only; OpenBSD's ROUTE_MSGFILTER and NetBSD's RO_MSGFILTER pick
 * message types; with SO_RERROR a listener that falls behind is told
 * (ENOBUFS), on OpenBSD it gets RTM_DESYNC.
 */
#include "common.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

struct msg {
	struct rt_msghdr rtm;
	char space[512];
};

static int seq;

static void
send_route(int s, int type, int family, const char *dst, const char *gw)
{
	struct msg m;
	char *cp = m.space;
	size_t salen = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	int i;

	memset(&m, 0, sizeof m);
	m.rtm.rtm_version = RTM_VERSION;
	m.rtm.rtm_type = type;
	m.rtm.rtm_seq = ++seq;
	m.rtm.rtm_flags = RTF_UP | RTF_HOST | RTF_STATIC | (gw != NULL ? RTF_GATEWAY : 0);
	m.rtm.rtm_addrs = RTA_DST | (gw != NULL ? RTA_GATEWAY : 0);
#ifdef __OpenBSD__
	m.rtm.rtm_hdrlen = sizeof(struct rt_msghdr);
#endif
	for (i = 0; i < 2; i++) {
		const char *a = i == 0 ? dst : gw;
		struct sockaddr *sa = (struct sockaddr *)cp;
		if (a == NULL)
			break;
		sa->sa_len = salen;
		sa->sa_family = family;
		if (family == AF_INET)
			inet_pton(AF_INET, a, &((struct sockaddr_in *)sa)->sin_addr);
		else
			inet_pton(AF_INET6, a, &((struct sockaddr_in6 *)sa)->sin6_addr);
		cp += CORPUS_ROUNDUP(salen);
	}
	m.rtm.rtm_msglen = cp - (char *)&m;
	if (write(s, &m, m.rtm.rtm_msglen) < 0)
		err(1, "write type %d", type);
}

/*
 * Prints what a listener reads; with `runs`, a run of the same message
 * prints once with "..." (how many fit before an overflow depends on the
 * host's socket buffers).
 */
static void
drain_as(int s, const char *who, int runs)
{
	struct msg m;
	ssize_t n;
	const char *last = "", *t;
	int dotted = 0;
	char other[16];

	printf("%s:", who);
	for (;;) {
		struct pollfd pfd = { s, POLLIN, 0 };
		/* Quiet for a while: everything there is has come. */
		if (poll(&pfd, 1, 300) != 1)
			break;
		if ((n = read(s, &m, sizeof m)) == 0)
			break;
		if (n < 0) {
			if (errno == EAGAIN)
				continue;
			printf(" [%s]", errno_name(errno));
			last = "";
			continue;
		}
		switch (m.rtm.rtm_type) {
		case RTM_ADD: t = "ADD"; break;
		case RTM_DELETE: t = "DELETE"; break;
#ifdef RTM_DESYNC
		case RTM_DESYNC: t = "DESYNC"; break;
#endif
		default:
			snprintf(other, sizeof other, "type%d", m.rtm.rtm_type);
			t = other;
			break;
		}
		if (runs && strcmp(t, last) == 0) {
			if (!dotted)
				printf("...");
			dotted = 1;
			continue;
		}
		printf(" %s", t);
		last = t;
		dotted = 0;
	}
	printf("\n");
}

static void
drain(int s, const char *who)
{
	drain_as(s, who, 0);
}

int
main(void)
{
	int w, inet, all, lazy, i;
#if defined(SO_RERROR)
	int on = 1;
#endif
	int small = 2048;

	if ((w = socket(PF_ROUTE, SOCK_RAW, 0)) < 0 ||
	    (inet = socket(PF_ROUTE, SOCK_RAW, AF_INET)) < 0 ||
	    (all = socket(PF_ROUTE, SOCK_RAW, 0)) < 0 ||
	    (lazy = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "socket");
	fcntl(inet, F_SETFL, O_NONBLOCK);
	fcntl(all, F_SETFL, O_NONBLOCK);
	fcntl(lazy, F_SETFL, O_NONBLOCK);
	shutdown(w, SHUT_RD);

#if defined(ROUTE_MSGFILTER)
	{
		unsigned int filter = ROUTE_FILTER(RTM_DELETE);
		if (setsockopt(all, AF_ROUTE, ROUTE_MSGFILTER, &filter, sizeof filter) < 0)
			err(1, "ROUTE_MSGFILTER");
	}
#elif defined(RO_MSGFILTER)
	{
		unsigned char types[] = { RTM_DELETE };
		if (setsockopt(all, PF_ROUTE, RO_MSGFILTER, types, sizeof types) < 0)
			err(1, "RO_MSGFILTER");
	}
#endif
	send_route(w, RTM_ADD, AF_INET, "10.1.1.1", "192.0.2.1");
	send_route(w, RTM_ADD, AF_INET6, "2001:db8:1::1", "2001:db8::1");
	send_route(w, RTM_DELETE, AF_INET, "10.1.1.1", NULL);
	send_route(w, RTM_DELETE, AF_INET6, "2001:db8:1::1", NULL);
	drain(inet, "AF_INET listener");
#if defined(ROUTE_MSGFILTER) || defined(RO_MSGFILTER)
	drain(all, "message-filtered listener (RTM_DELETE)");
#else
	drain(all, "listener of everything");
#endif

	/* A listener that does not keep up. */
	drain(lazy, "lazy listener, before");
	if (setsockopt(lazy, SOL_SOCKET, SO_RCVBUF, &small, sizeof small) < 0)
		err(1, "SO_RCVBUF");
#if defined(SO_RERROR)
	if (setsockopt(lazy, SOL_SOCKET, SO_RERROR, &on, sizeof on) < 0)
		err(1, "SO_RERROR");
#endif
	for (i = 0; i < 60; i++) {
		char dst[32];
		snprintf(dst, sizeof dst, "10.2.0.%d", i + 1);
		send_route(w, RTM_ADD, AF_INET, dst, "192.0.2.1");
	}
	drain_as(lazy, "lazy listener, after 60 adds", 1);
	return 0;
}
