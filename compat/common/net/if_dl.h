/*
 * rtsock compat: <net/if_dl.h>, the link-level sockaddr (AF_LINK). The
 * interface name comes first in sdl_data, then the link address, then the
 * selector; sizeof(struct sockaddr_dl) is the personality's (FreeBSD and
 * DragonFly 54, OpenBSD 32, NetBSD and macOS 20). link_addr and link_ntoa
 * are librtsock-compat's.
 */
#ifndef _NET_IF_DL_H_
#define _NET_IF_DL_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>

#if defined(__RTSOCK_NETBSD)
/* NetBSD keeps everything after the family in a struct dl_addr. */
struct dl_addr {
  uint16_t dl_index;  /* interface index, 0 if none */
  uint8_t dl_type;    /* IFT_* */
  uint8_t dl_nlen;    /* name length, no trailing 0 */
  uint8_t dl_alen;    /* link-level address length */
  uint8_t dl_slen;    /* link-layer selector length */
  char dl_data[12];   /* minimum work area; may be larger */
};

struct sockaddr_dl {
  uint8_t sdl_len;        /* total length of sockaddr */
  sa_family_t sdl_family; /* AF_LINK */
  struct dl_addr sdl_addr;
#define sdl_index sdl_addr.dl_index
#define sdl_type sdl_addr.dl_type
#define sdl_nlen sdl_addr.dl_nlen
#define sdl_alen sdl_addr.dl_alen
#define sdl_slen sdl_addr.dl_slen
#define sdl_data sdl_addr.dl_data
};

#define satosdl(__sa) ((struct sockaddr_dl *)(__sa))
#define satocsdl(__sa) ((const struct sockaddr_dl *)(__sa))

#else

struct sockaddr_dl {
  unsigned char sdl_len;  /* total length of sockaddr */
  sa_family_t sdl_family; /* AF_LINK */
  unsigned short sdl_index; /* interface index, 0 if none */
  unsigned char sdl_type;   /* IFT_* */
  unsigned char sdl_nlen;   /* name length, no trailing 0 */
  unsigned char sdl_alen;   /* link-level address length */
  unsigned char sdl_slen;   /* link-layer selector length */
#if defined(__RTSOCK_FREEBSD)
  char sdl_data[46];        /* minimum work area; may be larger */
#elif defined(__RTSOCK_OPENBSD)
  char sdl_data[24];
#elif defined(__RTSOCK_DRAGONFLY)
  char sdl_data[12];
  unsigned short sdl_rcf;       /* source routing control */
  unsigned short sdl_route[16]; /* source routing information */
#else
  char sdl_data[12];
#endif
};

#endif

/* The link address inside a sockaddr_dl. */
#define LLADDR(s) ((char *)((s)->sdl_data + (s)->sdl_nlen))
#if !defined(__RTSOCK_OPENBSD) && !defined(__RTSOCK_DARWIN)
#define CLLADDR(s) ((const char *)((s)->sdl_data + (s)->sdl_nlen))
#endif
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY)
#define LLINDEX(s) ((s)->sdl_index)
#endif

#ifdef __cplusplus
extern "C" {
#endif
void link_addr(const char *, struct sockaddr_dl *);
char *link_ntoa(const struct sockaddr_dl *);
#if defined(__RTSOCK_FREEBSD)
int link_ntoa_r(const struct sockaddr_dl *, char *, size_t *);
#endif
#ifdef __cplusplus
}
#endif

#endif /* !_NET_IF_DL_H_ */
