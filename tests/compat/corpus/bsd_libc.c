/*
 * bsd_libc: the BSD C library and process calls beyond the socket API, as
 * their manuals describe them: errc/warnc (err(3)), setproctitle(3),
 * OpenBSD's recallocarray(3), freezero(3), pledge(2), unveil(2),
 * getrtable(2)/setrtable(2), FreeBSD's setfib(2). The process's FIB is
 * followed into routing sockets opened afterwards, a sysctl NET_RT_DUMP
 * without a FIB, a forked child and an exec'd image. Run with fibs.conf
 * (four FIBs).
 */
#include "common.h"

#include <sys/sysctl.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__FreeBSD__)
#define FIB_OPTION SO_SETFIB
#define set_fib(n) setfib(n)
#elif defined(__OpenBSD__)
#define FIB_OPTION SO_RTABLE
#define set_fib(n) setrtable(n)
#endif

static void
my_vwarnc(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnc(code, fmt, ap);
	va_end(ap);
}

#ifdef FIB_OPTION
/* The FIB a routing socket opened now starts in. */
static int
socket_fib(void)
{
	int s, fib = -1;
	socklen_t len = sizeof fib;

	if ((s = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "socket");
	if (getsockopt(s, SOL_SOCKET, FIB_OPTION, &fib, &len) < 0)
		err(1, "getsockopt");
	close(s);
	return fib;
}

/* Whether a NET_RT_DUMP (6 names, or a 7th) holds 198.51.100.0. */
static const char *
dump_has(int namelen, int fib)
{
	int mib[7] = { CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0, fib };
	struct rt_msghdr *rtm;
	struct sockaddr *sa, *rti_info[RTAX_MAX];
	struct sockaddr_in *sin;
	char *buf, *next, *lim;
	size_t needed;
	int found = 0;

	if (sysctl(mib, namelen, NULL, &needed, NULL, 0) < 0)
		return strerror(errno);
	if ((buf = malloc(needed)) == NULL)
		err(1, "malloc");
	if (sysctl(mib, namelen, buf, &needed, NULL, 0) < 0)
		err(1, "sysctl");
	lim = buf + needed;
	for (next = buf; next < lim; next += rtm->rtm_msglen) {
		rtm = (struct rt_msghdr *)next;
		sa = (struct sockaddr *)CORPUS_SA_START(rtm);
		get_rtaddrs(rtm->rtm_addrs, sa, rti_info);
		sin = (struct sockaddr_in *)rti_info[RTAX_DST];
		if (sin != NULL && sin->sin_family == AF_INET &&
		    ntohl(sin->sin_addr.s_addr) == 0xc6336400)
			found = 1;
	}
	free(buf);
	return found ? "has 198.51.100.0/24" : "has not";
}

static void
add_route(void)
{
	struct {
		struct rt_msghdr rtm;
		char space[512];
	} m;
	struct sockaddr_in *sin;
	char *cp;
	int s;

	if ((s = socket(PF_ROUTE, SOCK_RAW, 0)) < 0)
		err(1, "socket");
	memset(&m, 0, sizeof m);
	m.rtm.rtm_version = RTM_VERSION;
	m.rtm.rtm_type = RTM_ADD;
	m.rtm.rtm_flags = RTF_UP | RTF_STATIC | RTF_BLACKHOLE;
	m.rtm.rtm_seq = 1;
	m.rtm.rtm_addrs = RTA_DST | RTA_GATEWAY | RTA_NETMASK;
#ifdef __OpenBSD__
	/* OpenBSD takes the table from the message, as route(8) fills it. */
	m.rtm.rtm_hdrlen = sizeof(struct rt_msghdr);
	m.rtm.rtm_tableid = getrtable();
#endif
	cp = (char *)(&m.rtm + 1);
	sin = (struct sockaddr_in *)cp;
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "198.51.100.0", &sin->sin_addr);
	cp += CORPUS_ROUNDUP(sizeof *sin);
	sin = (struct sockaddr_in *)cp;
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "203.0.113.1", &sin->sin_addr);
	cp += CORPUS_ROUNDUP(sizeof *sin);
	sin = (struct sockaddr_in *)cp;
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "255.255.255.0", &sin->sin_addr);
	cp += CORPUS_ROUNDUP(sizeof *sin);
	m.rtm.rtm_msglen = cp - (char *)&m;
	if (write(s, &m, m.rtm.rtm_msglen) < 0)
		warn("RTM_ADD 198.51.100.0/24");
	else
		printf("RTM_ADD 198.51.100.0/24: ok\n");
	close(s);
}

static void
show_fib(const char *who)
{
#ifdef __FreeBSD__
	int mine = -1;
	size_t len = sizeof mine;

	if (sysctlbyname("net.my_fibnum", &mine, &len, NULL, 0) < 0)
		err(1, "net.my_fibnum");
	printf("%s: net.my_fibnum %d, new socket in %d, dump %s, dump -1 %s, dump 0 %s\n",
	    who, mine, socket_fib(), dump_has(6, 0), dump_has(7, -1), dump_has(7, 0));
#else
	/* OpenBSD's sysctl takes no -1 for "the process's table". */
	printf("%s: getrtable %d, new socket in %d, dump %s, dump 0 %s\n",
	    who, getrtable(), socket_fib(), dump_has(6, 0), dump_has(7, 0));
#endif
}
#endif /* FIB_OPTION */

int
main(int argc, char *argv[])
{
	pid_t pid;
	int status;

#ifdef FIB_OPTION
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		show_fib("after exec");
		return 0;
	}
#else
	(void)argc;
	(void)argv;
#endif
	setvbuf(stdout, NULL, _IONBF, 0);

	warnc(ENOENT, "warnc %s", "with ENOENT");
	my_vwarnc(EEXIST, "vwarnc %d", 2);
	warnc(EPERM, NULL);

#if !defined(__APPLE__)
	{
		char comm[64] = "";
		FILE *f;

		setproctitle("%s %d", "a title longer than fifteen", 1);
		if ((f = fopen("/proc/self/comm", "r")) != NULL) {
			if (fgets(comm, sizeof comm, f) == NULL)
				comm[0] = '\0';
			fclose(f);
		}
		printf("setproctitle: comm now %s", comm);
		setproctitle(NULL);
	}
#endif

#ifdef __OpenBSD__
	{
		unsigned char *p, *q;
		size_t i;
		int zeroed = 1;

		printf("pledge: %d, unveil: %d, unveil(NULL, NULL): %d\n",
		    pledge("stdio rpath inet route", NULL), unveil("/", "r"), unveil(NULL, NULL));
		if ((p = recallocarray(NULL, 0, 4, 4)) == NULL)
			err(1, "recallocarray");
		memset(p, 0xab, 16);
		if ((q = recallocarray(p, 4, 8, 4)) == NULL)
			err(1, "recallocarray");
		for (i = 16; i < 32; i++)
			if (q[i] != 0)
				zeroed = 0;
		printf("recallocarray: grown, old kept %s, new zeroed %s\n",
		    q[0] == 0xab && q[15] == 0xab ? "yes" : "no", zeroed ? "yes" : "no");
		errno = 0;
		p = recallocarray(q, 8, (size_t)-1 / 2, 4);
		printf("recallocarray: overflow %s, errno %s\n", p == NULL ? "NULL" : "not NULL",
		    errno == ENOMEM ? "ENOMEM" : strerror(errno));
		freezero(q, 32);
		freezero(NULL, 10);
		printf("freezero: ok\n");
	}
#endif

#ifdef FIB_OPTION
	show_fib("at start");
	printf("set 4: %s\n", set_fib(4) < 0 ? strerror(errno) : "ok");
	printf("set -1: %s\n", set_fib(-1) < 0 ? strerror(errno) : "ok");
	printf("set 1: %s\n", set_fib(1) < 0 ? strerror(errno) : "ok");
	add_route();
	show_fib("in 1");
	if ((pid = fork()) < 0)
		err(1, "fork");
	if (pid == 0) {
		show_fib("child");
		_exit(0);
	}
	waitpid(pid, &status, 0);
#ifdef __OpenBSD__
	/* Leaving a table other than 0 takes root. */
	printf("set 2 from 1: %s\n", set_fib(2) < 0 ? strerror(errno) : "ok");
	printf("set 1 again: %s\n", set_fib(1) < 0 ? strerror(errno) : "ok");
#endif
	fflush(stdout);
	if ((pid = fork()) < 0)
		err(1, "fork");
	if (pid == 0) {
		execl(argv[0], argv[0], "exec", (char *)NULL);
		err(1, "exec");
	}
	waitpid(pid, &status, 0);
#endif

	/* errc exits with its status. */
	if ((pid = fork()) < 0)
		err(1, "fork");
	if (pid == 0)
		errc(3, EHOSTUNREACH, "errc in the child");
	waitpid(pid, &status, 0);
	printf("errc: child exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
