#!/usr/bin/env bash
# What configure scripts ask before they take a BSD code path, asked through
# rtsock-cc in every personality: each probe must compile (and the link
# probes link) exactly as on the real system.
# usage: probes.sh BINDIR [personality ...]
# Links against the build tree's librtsock-compat; while there is none, a
# test-only stub (probe_stub.c) stands in and the run says so.
set -uo pipefail
bindir=$(cd "$1" && pwd)
shift
[ $# -gt 0 ] || set -- freebsd darwin openbsd netbsd dragonfly
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

libdir=$("$bindir/rtsock-cc" --print-lib-dir)
if [ ! -e "$libdir/librtsock-compat.so" ]; then
  mkdir -p "$tmp/lib"
  cc -shared -fPIC -o "$tmp/lib/librtsock-compat.so" "$here/probe_stub.c" || exit 1
  export RTSOCK_COMPAT_LIBDIR=$tmp/lib
  echo "probes: no librtsock-compat in $libdir yet; linking the test stub"
fi

# name|kind (compile or link)|source
probes() {
  cat <<'P'
sa_len in struct sockaddr|compile|#include <sys/types.h>
#include <sys/socket.h>
int main(void) { static struct sockaddr ac_aggr; if (ac_aggr.sa_len) return 0; return 0; }
P
  cat <<'P'
sin_len and sin6_len|compile|#include <sys/types.h>
#include <netinet/in.h>
int main(void) { struct sockaddr_in a; struct sockaddr_in6 b; a.sin_len = sizeof a; b.sin6_len = sizeof b; return a.sin_len + b.sin6_len - 44; }
P
  cat <<'P'
ss_len in struct sockaddr_storage|compile|#include <sys/types.h>
#include <sys/socket.h>
int main(void) { struct sockaddr_storage s; s.ss_len = 0; return s.ss_len; }
P
  cat <<'P'
PF_ROUTE and AF_LINK|compile|#include <sys/types.h>
#include <sys/socket.h>
#if !defined(PF_ROUTE) || !defined(AF_ROUTE) || !defined(AF_LINK)
#error no routing socket
#endif
int main(void) { return PF_ROUTE == 0; }
P
  cat <<'P'
BSD in sys/param.h|compile|#include <sys/param.h>
#if !defined(BSD) || BSD < 199306
#error not BSD
#endif
int main(void) { return 0; }
P
  cat <<'P'
rt_msghdr in net/route.h|compile|#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h>
#include <net/route.h>
int main(void) { struct rt_msghdr m; m.rtm_version = RTM_VERSION; m.rtm_type = RTM_GET; m.rtm_addrs = RTA_DST | RTA_GATEWAY; return (int)sizeof m == 0; }
P
  cat <<'P'
net/if_dl.h with LLADDR|compile|#include <sys/types.h>
#include <sys/socket.h>
#include <net/if_dl.h>
int main(void) { struct sockaddr_dl s = {0}; return LLADDR(&s)[0] + s.sdl_alen + s.sdl_index; }
P
  cat <<'P'
ifa_data in struct ifaddrs|compile|#include <sys/types.h>
#include <ifaddrs.h>
int main(void) { struct ifaddrs i; i.ifa_data = 0; return i.ifa_data != 0; }
P
  cat <<'P'
CTL_NET and NET_RT_DUMP with sysctl()|link|#include <sys/types.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <net/route.h>
int main(void) { int mib[6] = {CTL_NET, PF_ROUTE, 0, AF_INET, NET_RT_DUMP, 0}; size_t len = 0; return sysctl(mib, 6, 0, &len, 0, 0) == 0; }
P
  cat <<'P'
AC_CHECK_FUNC(sysctl)|link|#ifdef __cplusplus
extern "C"
#endif
char sysctl(void);
int main(void) { return sysctl(); }
P
  cat <<'P'
NET_RT_IFLIST with sysctl()|link|#include <sys/types.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
int main(void) { int mib[6] = {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST, 0}; size_t len = 0; return sysctl(mib, 6, 0, &len, 0, 0) == 0; }
P
  cat <<'P'
link_ntoa|link|#include <sys/types.h>
#include <sys/socket.h>
#include <net/if_dl.h>
int main(void) { struct sockaddr_dl s = {0}; return link_ntoa(&s) != 0; }
P
}

total=0 failed=0
# Split the heredocs: each probe starts with "name|kind|" on its first line.
probes | awk -v dir="$tmp" '
  /\|(compile|link)\|/ { n++; split($0, f, "|"); file = dir "/p" n ".c";
    print f[1] "|" f[2] "|" file > dir "/index"; sub(/^[^|]*\|[^|]*\|/, ""); }
  { print > file }'
for p in "$@"; do
  while IFS='|' read -r name kind file; do
    total=$((total + 1))
    case $kind in
      compile) args=(-c "$file" -o "$tmp/out.o") ;;
      link) args=("$file" -o "$tmp/out") ;;
    esac
    if ! out=$("$bindir/rtsock-cc" -p "$p" -Wall -Werror "${args[@]}" 2>&1); then
      failed=$((failed + 1))
      printf 'FAIL %s: %s\n%s\n' "$p" "$name" "$out"
    fi
  done <"$tmp/index"
done
if [ "$failed" -gt 0 ]; then
  echo "probes: $failed of $total failed"
  exit 1
fi
echo "probes: $total passed ($# personalities)"
