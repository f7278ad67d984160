/*
 * rtget: the route to a destination, as UNIX Network Programming's getrt
 * finds it: an RTM_GET written to a routing socket, the reply matched by
 * pid and sequence number.
 */
#include "common.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define BUFLEN (sizeof(struct rt_msghdr) + 512)
#define SEQ 9999

int
main(int argc, char *argv[])
{
	int sockfd, family;
	char *buf, text[INET6_ADDRSTRLEN + 32];
	pid_t pid;
	ssize_t n;
	struct rt_msghdr *rtm;
	struct sockaddr *sa, *rti_info[RTAX_MAX];
	struct sockaddr_in *sin;
	struct sockaddr_in6 *sin6;
	struct sockaddr_dl *sdl;

	if (argc != 2)
		errx(1, "usage: rtget <address>");
	if ((sockfd = socket(AF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "socket");
	if ((buf = calloc(1, BUFLEN)) == NULL)
		err(1, "calloc");

	rtm = (struct rt_msghdr *)buf;
	rtm->rtm_version = RTM_VERSION;
	rtm->rtm_type = RTM_GET;
	rtm->rtm_addrs = RTA_DST | RTA_IFP;
	rtm->rtm_pid = pid = getpid();
	rtm->rtm_seq = SEQ;
#ifdef __OpenBSD__
	rtm->rtm_hdrlen = sizeof(struct rt_msghdr);
#endif
	if (strchr(argv[1], ':') != NULL) {
		sin6 = (struct sockaddr_in6 *)(rtm + 1);
		sin6->sin6_len = sizeof(struct sockaddr_in6);
		sin6->sin6_family = family = AF_INET6;
		if (inet_pton(AF_INET6, argv[1], &sin6->sin6_addr) != 1)
			errx(1, "bad address %s", argv[1]);
		rtm->rtm_msglen = sizeof(struct rt_msghdr) + CORPUS_ROUNDUP(sizeof *sin6);
	} else {
		sin = (struct sockaddr_in *)(rtm + 1);
		sin->sin_len = sizeof(struct sockaddr_in);
		sin->sin_family = family = AF_INET;
		if (inet_pton(AF_INET, argv[1], &sin->sin_addr) != 1)
			errx(1, "bad address %s", argv[1]);
		rtm->rtm_msglen = sizeof(struct rt_msghdr) + CORPUS_ROUNDUP(sizeof *sin);
	}
	/* RTA_IFP with an empty link address asks for the interface, as route(8) does. */
	sdl = (struct sockaddr_dl *)(buf + rtm->rtm_msglen);
	sdl->sdl_len = sizeof(struct sockaddr_dl);
	sdl->sdl_family = AF_LINK;
	rtm->rtm_msglen += CORPUS_ROUNDUP(sizeof(struct sockaddr_dl));

	if (write(sockfd, rtm, rtm->rtm_msglen) < 0) {
		if (errno == ESRCH) {
			printf("%s: no route (ESRCH)\n", argv[1]);
			return 2;
		}
		err(1, "write");
	}
	do {
		n = read(sockfd, rtm, BUFLEN);
	} while (rtm->rtm_type != RTM_GET || rtm->rtm_seq != SEQ || rtm->rtm_pid != pid);
	if (rtm->rtm_errno != 0)
		errx(1, "rtm_errno %d (%s)", rtm->rtm_errno, strerror(rtm->rtm_errno));

	sa = (struct sockaddr *)CORPUS_SA_START(rtm);
	get_rtaddrs(rtm->rtm_addrs, sa, rti_info);
	printf("dest: %s\n", sa_text(rti_info[RTAX_DST], family, text, sizeof text));
	if (rti_info[RTAX_GATEWAY] != NULL)
		printf("gateway: %s\n", sa_text(rti_info[RTAX_GATEWAY], family, text, sizeof text));
	if (rti_info[RTAX_NETMASK] != NULL)
		printf("netmask: %s\n", sa_text(rti_info[RTAX_NETMASK], family, text, sizeof text));
	if (rti_info[RTAX_IFP] != NULL)
		printf("interface: %s\n", sa_text(rti_info[RTAX_IFP], family, text, sizeof text));
	printf("flags:%s%s%s%s\n", (rtm->rtm_flags & RTF_UP) ? " UP" : "",
	    (rtm->rtm_flags & RTF_GATEWAY) ? " GATEWAY" : "",
	    (rtm->rtm_flags & RTF_HOST) ? " HOST" : "",
	    (rtm->rtm_flags & RTF_STATIC) ? " STATIC" : "");
	printf("reply matched: pid %s, %zd bytes read, rtm_msglen %s\n",
	    rtm->rtm_pid == pid ? "ours" : "other", n,
	    n == rtm->rtm_msglen ? "agrees" : "differs");
	close(sockfd);
	return 0;
}
