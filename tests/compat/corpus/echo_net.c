/*
 * echo_net: ordinary networking in a BSD program beside its routing
 * socket — UDP and TCP echo over IPv4 and IPv6 loopback with BSD
 * sockaddrs (sin_len, the BSD AF_INET6 number), getsockname/getpeername,
 * recvfrom/recvmsg source addresses, getaddrinfo/getnameinfo, inet_ntop.
 */
#include "common.h"

#include <sys/uio.h>

#include <err.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <unistd.h>

static void
describe(const char *what, const struct sockaddr *sa, socklen_t len)
{
	char host[64];

	printf("  %s: sa_len %d, family %s, length %d", what, sa->sa_len,
	    sa->sa_family == AF_INET ? "AF_INET" : sa->sa_family == AF_INET6 ? "AF_INET6" : "other",
	    (int)len);
	if (sa->sa_family == AF_INET)
		printf(", %s", inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host, sizeof host));
	else if (sa->sa_family == AF_INET6)
		printf(", %s", inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, host, sizeof host));
	printf("\n");
}

static void
udp(int family, const char *loopback)
{
	struct sockaddr_storage ss, from;
	socklen_t len;
	int a, b;
	char buf[64];
	ssize_t n;
	struct msghdr msg;
	struct iovec iov;

	memset(&ss, 0, sizeof ss);
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
		sin->sin_len = sizeof *sin;
		sin->sin_family = AF_INET;
		inet_pton(AF_INET, loopback, &sin->sin_addr);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
		sin6->sin6_len = sizeof *sin6;
		sin6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, loopback, &sin6->sin6_addr);
	}
	printf("UDP %s:\n", loopback);
	if ((a = socket(family, SOCK_DGRAM, 0)) < 0 || (b = socket(family, SOCK_DGRAM, 0)) < 0)
		err(1, "socket");
	if (bind(a, (struct sockaddr *)&ss, ss.ss_len) < 0)
		err(1, "bind");
	len = sizeof ss;
	if (getsockname(a, (struct sockaddr *)&ss, &len) < 0)
		err(1, "getsockname");
	describe("getsockname", (struct sockaddr *)&ss, len);
	if (sendto(b, "ping", 4, 0, (struct sockaddr *)&ss, ss.ss_len) != 4)
		err(1, "sendto");
	len = sizeof from;
	n = recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
	if (n < 0)
		err(1, "recvfrom");
	describe("recvfrom source", (struct sockaddr *)&from, len);
	/* Answer to the source recvfrom reported. */
	if (sendto(a, "pong", 4, 0, (struct sockaddr *)&from, from.ss_len) != 4)
		err(1, "sendto reply");
	memset(&msg, 0, sizeof msg);
	iov.iov_base = buf;
	iov.iov_len = sizeof buf;
	msg.msg_name = &from;
	msg.msg_namelen = sizeof from;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	n = recvmsg(b, &msg, 0);
	if (n < 0)
		err(1, "recvmsg");
	printf("  reply %.*s\n", (int)n, buf);
	describe("recvmsg msg_name", (struct sockaddr *)&from, msg.msg_namelen);
	close(a);
	close(b);
}

static void
tcp(const char *host, const char *service)
{
	struct addrinfo hints, *res, *ai;
	struct sockaddr_storage ss;
	socklen_t len;
	int l, c, s, e;
	char buf[16], h[64], p[16];

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
	if ((e = getaddrinfo(host, service, &hints, &res)) != 0)
		errx(1, "getaddrinfo: %s", gai_strerror(e));
	printf("TCP %s:\n", host);
	for (ai = res; ai != NULL; ai = ai->ai_next)
		printf("  getaddrinfo: ai_family %s, ai_addrlen %d, sa_len %d\n",
		    ai->ai_family == AF_INET ? "AF_INET" : ai->ai_family == AF_INET6 ? "AF_INET6" : "other",
		    (int)ai->ai_addrlen, ai->ai_addr->sa_len);
	if ((l = socket(res->ai_family, res->ai_socktype, res->ai_protocol)) < 0)
		err(1, "socket");
	if (bind(l, res->ai_addr, res->ai_addrlen) < 0 || listen(l, 1) < 0)
		err(1, "bind/listen");
	len = sizeof ss;
	getsockname(l, (struct sockaddr *)&ss, &len);
	if ((c = socket(res->ai_family, SOCK_STREAM, 0)) < 0)
		err(1, "socket");
	if (connect(c, (struct sockaddr *)&ss, len) < 0)
		err(1, "connect");
	len = sizeof ss;
	if ((s = accept(l, (struct sockaddr *)&ss, &len)) < 0)
		err(1, "accept");
	describe("accept peer", (struct sockaddr *)&ss, len);
	if (getnameinfo((struct sockaddr *)&ss, len, h, sizeof h, p, sizeof p,
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		errx(1, "getnameinfo");
	printf("  getnameinfo: %s (port %s)\n", h, atoi(p) > 0 ? "set" : "zero");
	len = sizeof ss;
	getpeername(c, (struct sockaddr *)&ss, &len);
	describe("getpeername", (struct sockaddr *)&ss, len);
	write(c, "hello", 5);
	if (read(s, buf, sizeof buf) != 5)
		err(1, "read");
	printf("  echoed %.5s\n", buf);
	freeaddrinfo(res);
	close(s);
	close(c);
	close(l);
}

int
main(void)
{
	struct sockaddr_in bad;
	int r, s;
	unsigned char v6[16];
	char text[64];

	/* A routing socket in the same program changes nothing for the rest. */
	if ((r = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "routing socket");
	udp(AF_INET, "127.0.0.1");
	udp(AF_INET6, "::1");
	tcp("127.0.0.1", "0");
	tcp("::1", "0");

	if (inet_pton(AF_INET6, "2001:db8::1", v6) == 1)
		printf("inet_pton/ntop AF_INET6: %s\n", inet_ntop(AF_INET6, v6, text, sizeof text));
	memset(&bad, 0, sizeof bad);
	bad.sin_len = sizeof bad;
	bad.sin_family = AF_LINK;
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (bind(s, (struct sockaddr *)&bad, sizeof bad) < 0)
		printf("bind with AF_LINK: %s\n", errno_name(errno));
	close(s);
	close(r);
	return 0;
}
