#!/usr/bin/env bash
# The personality note: a program built with rtsock-cc -p P carries one ELF
# note (owner "rtsock", type 1) naming P, however many of its files include
# compat headers (C or C++), also under --gc-sections; a program built
# without the compat headers carries none.
# usage: note.sh BINDIR [personality ...]
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
  echo "note: no librtsock-compat in $libdir yet; linking the test stub"
fi

cat >"$tmp/a.c" <<'C'
#include <sys/types.h>
#include <sys/socket.h>
#include <net/route.h>
int part(void);
int main(void) { return part() - (int)sizeof(struct rt_msghdr) > 0; }
C
cat >"$tmp/b.c" <<'C'
#include <net/if.h>
int part(void) { return (int)sizeof(struct if_msghdr); }
C
cat >"$tmp/c.cc" <<'C'
#include <sys/socket.h>
extern "C" int cxx_part(void) { return AF_LINK; }
C

# The descriptor of each rtsock note in FILE, as text.
notes() {
  readelf -n "$1" | awk '/^ *rtsock /{want=1; next}
    want && /description data:/ { sub(/.*description data: */, ""); print; want = 0 }' |
    while read -r line; do
      s=
      for b in $line; do [ "$b" = 00 ] || s=$s$(printf "\\x$b"); done
      echo "$s"
    done
}

failed=0
for p in "$@"; do
  if ! "$bindir/rtsock-cc" -p "$p" -O2 -c "$tmp/a.c" -o "$tmp/a.o" ||
     ! "$bindir/rtsock-cc" -p "$p" -c "$tmp/b.c" -o "$tmp/b.o" ||
     ! "$bindir/rtsock-c++" -p "$p" -c "$tmp/c.cc" -o "$tmp/c.o" ||
     ! "$bindir/rtsock-c++" -p "$p" "$tmp/a.o" "$tmp/b.o" "$tmp/c.o" -Wl,--gc-sections \
         -o "$tmp/prog"; then
    echo "FAIL $p: build"
    failed=$((failed + 1))
    continue
  fi
  got=$(notes "$tmp/prog" | tr '\n' ' ')
  if [ "$got" != "$p " ]; then
    echo "FAIL $p: rtsock notes in the program: '$got' (want exactly one, '$p')"
    failed=$((failed + 1))
  else
    echo "ok $p: one rtsock note, '$p'"
  fi
done
cc -c "$tmp/b.c" -o "$tmp/plain.o" 2>/dev/null || cp /dev/null "$tmp/plain.o"
printf 'int main(void){return 0;}\n' >"$tmp/plain.c"
cc "$tmp/plain.c" -o "$tmp/plain"
if [ -n "$(notes "$tmp/plain")" ]; then
  echo "FAIL: a program built without compat headers has an rtsock note"
  failed=$((failed + 1))
fi
[ "$failed" -eq 0 ] || exit 1
echo "note: all personalities marked"
