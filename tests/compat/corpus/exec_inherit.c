/*
 * exec_inherit: a routing socket survives exec(2). The program opens one,
 * execs itself with the descriptor's number, and the new image writes an
 * RTM_GET on it and reads the reply, stamped with its pid.
 */
#include "common.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct {
		struct rt_msghdr rtm;
		char space[512];
	} m;
	struct sockaddr_in *sin;
	char num[16];
	int s;
	ssize_t n;

	if (argc < 2) {
		if ((s = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
			err(1, "socket");
		snprintf(num, sizeof num, "%d", s);
		execl(argv[0], argv[0], num, (char *)NULL);
		err(1, "exec");
	}
	s = atoi(argv[1]);
	memset(&m, 0, sizeof m);
	m.rtm.rtm_version = RTM_VERSION;
	m.rtm.rtm_type = RTM_GET;
	m.rtm.rtm_seq = 4242;
	m.rtm.rtm_addrs = RTA_DST;
#ifdef __OpenBSD__
	m.rtm.rtm_hdrlen = sizeof(struct rt_msghdr);
#endif
	sin = (struct sockaddr_in *)(&m.rtm + 1);
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "192.0.2.33", &sin->sin_addr);
	m.rtm.rtm_msglen = sizeof m.rtm + CORPUS_ROUNDUP(sizeof *sin);
	if (write(s, &m, m.rtm.rtm_msglen) < 0)
		err(1, "write on the inherited socket");
	do {
		n = read(s, &m, sizeof m);
	} while (n > 0 && m.rtm.rtm_seq != 4242);
	if (n <= 0)
		err(1, "read");
	printf("after exec: reply %s, rtm_pid %s\n", m.rtm.rtm_errno == 0 ? "ok" : "error",
	    m.rtm.rtm_pid == getpid() ? "is this process" : "is another");
	return 0;
}
