/*
 * Helpers the corpus programs share, written the way BSD programs write
 * them: walking the sockaddrs after a routing-message header, printing
 * addresses. Nothing here knows about rtsock.
 */
#ifndef CORPUS_COMMON_H
#define CORPUS_COMMON_H

#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/route.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Each BSD pads the sockaddrs of a routing message its own way. */
#if defined(__APPLE__)
#define CORPUS_ROUNDUP(a) \
	((a) > 0 ? (1 + (((a) - 1) | (sizeof(uint32_t) - 1))) : sizeof(uint32_t))
#else
#define CORPUS_ROUNDUP(a) \
	((a) > 0 ? (1 + (((a) - 1) | (sizeof(long) - 1))) : sizeof(long))
#endif

/* OpenBSD says where the sockaddrs start; the others put them right after. */
#ifdef __OpenBSD__
#define CORPUS_SA_START(rtm) ((char *)(rtm) + (rtm)->rtm_hdrlen)
#else
#define CORPUS_SA_START(rtm) ((char *)((rtm) + 1))
#endif

static __inline void
get_rtaddrs(int addrs, struct sockaddr *sa, struct sockaddr **rti_info)
{
	int i;

	for (i = 0; i < RTAX_MAX; i++) {
		if (addrs & (1 << i)) {
			rti_info[i] = sa;
			sa = (struct sockaddr *)((char *)sa + CORPUS_ROUNDUP(sa->sa_len));
		} else
			rti_info[i] = NULL;
	}
}

/* An address as netstat prints it; a netmask given the family it masks. */
static __inline const char *
sa_text(const struct sockaddr *sa, int mask_family, char *buf, size_t len)
{
	int family;

	if (sa == NULL)
		return "-";
	family = sa->sa_family != 0 ? sa->sa_family : mask_family;
	if (family == AF_INET) {
		struct in_addr a;
		memset(&a, 0, sizeof a);
		if (sa->sa_len > 4)
			memcpy(&a, &((const struct sockaddr_in *)sa)->sin_addr,
			    sa->sa_len - 4 < 4 ? sa->sa_len - 4 : 4);
		return inet_ntop(AF_INET, &a, buf, len);
	}
	if (family == AF_INET6) {
		struct in6_addr a;
		memset(&a, 0, sizeof a);
		if (sa->sa_len > 8)
			memcpy(&a, &((const struct sockaddr_in6 *)sa)->sin6_addr,
			    sa->sa_len - 8 < 16 ? sa->sa_len - 8 : 16);
		return inet_ntop(AF_INET6, &a, buf, len);
	}
	if (family == AF_LINK) {
		const struct sockaddr_dl *sdl = (const struct sockaddr_dl *)sa;
		if (sdl->sdl_nlen == 0 && sdl->sdl_alen == 0)
			snprintf(buf, len, "link#%d", sdl->sdl_index);
		else
			snprintf(buf, len, "%s", link_ntoa(sdl));
		return buf;
	}
	snprintf(buf, len, "(family %d)", family);
	return buf;
}

/* errno as its name, for output that reads the same everywhere. */
static __inline const char *
errno_name(int e)
{
	static char other[32];

	switch (e) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EEXIST: return "EEXIST";
	case ENXIO: return "ENXIO";
	case EINVAL: return "EINVAL";
	case EPIPE: return "EPIPE";
	case EAGAIN: return "EAGAIN";
	case EMSGSIZE: return "EMSGSIZE";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	case ENETUNREACH: return "ENETUNREACH";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case ENOBUFS: return "ENOBUFS";
	case ENOMEM: return "ENOMEM";
	case ENOTCONN: return "ENOTCONN";
	}
	snprintf(other, sizeof other, "errno %d", e);
	return other;
}

/* Addresses as BSD programs fill them: sa_len and all. */
static __inline void
sin_set(struct sockaddr *sa, const char *addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)sa;

	memset(sin, 0, sizeof *sin);
	sin->sin_len = sizeof *sin;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

static __inline void
sin6_set(struct sockaddr_in6 *sin6, const char *addr)
{
	memset(sin6, 0, sizeof *sin6);
	sin6->sin6_len = sizeof *sin6;
	sin6->sin6_family = AF_INET6;
	inet_pton(AF_INET6, addr, &sin6->sin6_addr);
}

#endif
