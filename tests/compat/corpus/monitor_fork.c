/*
 * monitor_fork: a routing socket shared with a child. The child writes an
 * RTM_ADD on the descriptor it inherited; the parent, polling a dup() of
 * the same socket, sees the copy stamped with the child's pid (as a BSD
 * kernel stamps the writer's), then deletes the route itself and sees its
 * own pid, waiting with select() on a dup2() of the socket this time.
 * O_NONBLOCK reads end with EAGAIN.
 */
#include "common.h"

#include <sys/select.h>
#include <sys/wait.h>

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

static int
route_msg(struct msg *m, int type, int seq, const char *dst, int plen, const char *gw)
{
	char *cp = (char *)(&m->rtm + 1);
	struct sockaddr_in *sin;

	memset(m, 0, sizeof *m);
	m->rtm.rtm_version = RTM_VERSION;
	m->rtm.rtm_type = type;
	m->rtm.rtm_seq = seq;
	m->rtm.rtm_flags = RTF_UP | RTF_STATIC | (gw != NULL ? RTF_GATEWAY : 0);
	m->rtm.rtm_addrs = RTA_DST | RTA_NETMASK | (gw != NULL ? RTA_GATEWAY : 0);
#ifdef __OpenBSD__
	m->rtm.rtm_hdrlen = sizeof(struct rt_msghdr);
#endif
	sin = (struct sockaddr_in *)cp;
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, dst, &sin->sin_addr);
	cp += CORPUS_ROUNDUP(sizeof *sin);
	if (gw != NULL) {
		sin = (struct sockaddr_in *)cp;
		sin->sin_len = sizeof *sin;
		sin->sin_family = AF_INET;
		inet_pton(AF_INET, gw, &sin->sin_addr);
		cp += CORPUS_ROUNDUP(sizeof *sin);
	}
	sin = (struct sockaddr_in *)cp;
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(plen == 0 ? 0 : 0xffffffffu << (32 - plen));
	cp += CORPUS_ROUNDUP(sizeof *sin);
	m->rtm.rtm_msglen = cp - (char *)m;
	return m->rtm.rtm_msglen;
}

/* Waits for fd to be readable, with poll() or select(). */
static void
readable(int fd, int with_select)
{
	struct pollfd pfd;
	struct timeval tv;
	fd_set set;

	if (with_select) {
		FD_ZERO(&set);
		FD_SET(fd, &set);
		tv.tv_sec = 5;
		tv.tv_usec = 0;
		if (select(fd + 1, &set, NULL, NULL, &tv) != 1 || !FD_ISSET(fd, &set))
			errx(1, "select: nothing within 5 s");
		return;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 5000) != 1)
		errx(1, "poll: nothing within 5 s");
}

/* Reads until a message of `type` with `seq` arrives; its pid. */
static pid_t
await(int fd, int type, int seq, int with_select)
{
	struct msg m;
	ssize_t n;

	for (;;) {
		readable(fd, with_select);
		n = read(fd, &m, sizeof m);
		if (n < 0) {
			if (errno == EAGAIN)
				continue;
			err(1, "read");
		}
		if (m.rtm.rtm_type == type && m.rtm.rtm_seq == seq)
			return m.rtm.rtm_pid;
	}
}

int
main(void)
{
	struct msg m;
	int s, d, status;
	pid_t child, pid;
	ssize_t n;

#ifdef __APPLE__
	/* xnu tags an RTM_ADD reply with no family: an AF_INET socket never sees it. */
	if ((s = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
#else
	if ((s = socket(PF_ROUTE, SOCK_RAW, AF_INET)) < 0)
#endif
		err(1, "socket");
	if ((d = dup(s)) < 0)
		err(1, "dup");
	if (fcntl(d, F_SETFL, fcntl(d, F_GETFL) | O_NONBLOCK) < 0)
		err(1, "fcntl");

	if ((child = fork()) < 0)
		err(1, "fork");
	if (child == 0) {
		route_msg(&m, RTM_ADD, 77, "10.77.0.0", 16, "192.0.2.1");
		_exit(write(s, &m, m.rtm.rtm_msglen) == m.rtm.rtm_msglen ? 0 : 3);
	}
	pid = await(d, RTM_ADD, 77, 0);
	printf("RTM_ADD seq 77 seen; rtm_pid is %s\n",
	    pid == child ? "the child's" : pid == getpid() ? "the parent's (wrong)" : "someone else's");
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		errx(1, "child did not exit");
	printf("child's write: %s\n", WEXITSTATUS(status) == 0 ? "ok" : "failed");

	route_msg(&m, RTM_DELETE, 78, "10.77.0.0", 16, NULL);
	if (write(s, &m, m.rtm.rtm_msglen) < 0)
		err(1, "delete");
	/* The same open socket under another number (flags are shared). */
	if (dup2(d, 40) != 40)
		err(1, "dup2");
	pid = await(40, RTM_DELETE, 78, 1);
	printf("RTM_DELETE seq 78 seen with select on a dup2; rtm_pid is %s\n",
	    pid == getpid() ? "ours" : "not ours");
	close(40);

	/* Nothing more is queued: a non-blocking read says so. */
	n = read(d, &m, sizeof m);
	printf("non-blocking read when empty: %s\n",
	    n < 0 && errno == EAGAIN ? "EAGAIN" : "something else");
	close(d);
	close(s);
	return 0;
}
