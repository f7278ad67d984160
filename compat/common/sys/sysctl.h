/*
 * rtsock compat: <sys/sysctl.h>. glibc has had none since 2.32; this one
 * carries the BSD top-level names and the prototypes of sysctl(3), which
 * librtsock-compat implements (routing dumps go to rtsockd; a few common
 * kern.* and hw.* names are answered locally; anything else is ENOENT).
 */
#ifndef _RTSOCK_COMPAT_SYS_SYSCTL_H_
#define _RTSOCK_COMPAT_SYS_SYSCTL_H_

#include <sys/_rtsock_compat.h>
#include <sys/types.h>
#include <stddef.h>

#if defined(__RTSOCK_FREEBSD)
#define CTL_MAXNAME 24
#else
#define CTL_MAXNAME 12
#endif

struct ctlname {
  char *ctl_name;
  int ctl_type;
};

#define CTLTYPE_NODE 1
#define CTLTYPE_INT 2
#define CTLTYPE_STRING 3
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY)
#define CTLTYPE_S64 4
#define CTLTYPE_QUAD CTLTYPE_S64
#define CTLTYPE_OPAQUE 5
#define CTLTYPE_STRUCT CTLTYPE_OPAQUE
#define CTLTYPE_UINT 6
#define CTLTYPE_LONG 7
#define CTLTYPE_ULONG 8
#define CTLTYPE_U64 9
#elif defined(__RTSOCK_DARWIN)
#define CTLTYPE_QUAD 4
#define CTLTYPE_OPAQUE 5
#define CTLTYPE_STRUCT CTLTYPE_OPAQUE
#else
#define CTLTYPE_QUAD 4
#define CTLTYPE_STRUCT 5
#endif

/* Top-level names. */
#define CTL_UNSPEC 0
#define CTL_KERN 1
#define CTL_VM 2
#define CTL_VFS 3
#define CTL_NET 4
#define CTL_DEBUG 5
#define CTL_HW 6
#define CTL_MACHDEP 7
#define CTL_USER 8

/* CTL_KERN names every BSD numbers alike. */
#define KERN_OSTYPE 1
#define KERN_OSRELEASE 2
#define KERN_OSREV 3
#define KERN_VERSION 4
#define KERN_MAXVNODES 5
#define KERN_MAXPROC 6
#define KERN_MAXFILES 7
#define KERN_ARGMAX 8
#define KERN_SECURELVL 9
#define KERN_HOSTNAME 10
#define KERN_HOSTID 11
#define KERN_CLOCKRATE 12
#define KERN_PROF 16
#define KERN_POSIX1 17
#define KERN_NGROUPS 18
#define KERN_JOB_CONTROL 19
#define KERN_SAVED_IDS 20
#define KERN_BOOTTIME 21
#define KERN_DOMAINNAME 22

/* CTL_HW names every BSD numbers alike. */
#define HW_MACHINE 1
#define HW_MODEL 2
#define HW_NCPU 3
#define HW_BYTEORDER 4
#define HW_PHYSMEM 5
#define HW_USERMEM 6
#define HW_PAGESIZE 7
#if defined(__RTSOCK_FREEBSD) || defined(__RTSOCK_DRAGONFLY)
#define HW_MACHINE_ARCH 11
#endif
#if defined(__RTSOCK_DARWIN)
#define HW_MEMSIZE 24
#endif
#if defined(__RTSOCK_OPENBSD)
#define HW_NCPUONLINE 25
#endif

/*
 * IPv4 and IPv6 names under CTL_NET (the BSDs keep them in <netinet/in.h>
 * and <netinet6/in6.h>; programs reach them through sysctl).
 */
#ifndef IPCTL_FORWARDING
#define IPCTL_FORWARDING 1
#define IPCTL_SENDREDIRECTS 2
#define IPCTL_DEFTTL 3
#endif
#ifndef IPV6CTL_FORWARDING
#define IPV6CTL_FORWARDING 1
#define IPV6CTL_SENDREDIRECTS 2
#define IPV6CTL_DEFHLIM 3
#define IPV6CTL_ACCEPT_RTADV 12
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__RTSOCK_DARWIN)
int sysctl(int *, unsigned int, void *, size_t *, void *, size_t);
int sysctlbyname(const char *, void *, size_t *, void *, size_t);
int sysctlnametomib(const char *, int *, size_t *);
#elif defined(__RTSOCK_OPENBSD)
int sysctl(const int *, unsigned int, void *, size_t *, void *, size_t);
#else
int sysctl(const int *, unsigned int, void *, size_t *, const void *, size_t);
int sysctlbyname(const char *, void *, size_t *, const void *, size_t);
int sysctlnametomib(const char *, int *, size_t *);
#endif

#ifdef __cplusplus
}
#endif

#endif /* !_RTSOCK_COMPAT_SYS_SYSCTL_H_ */
