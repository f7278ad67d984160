#!/usr/bin/env bash
# Every compat header compiled on its own, per personality, as C (gcc
# -std=c99, the strict one where glibc hides its BSD names; clang -std=gnu11,
# the usual default) and C++ (g++ and clang++; -std=c++17),
# with -Wall -Wextra -Werror: a program may include any of them first.
# One translation unit per header; one compiler run per personality and
# configuration compiles all of them.
# usage: headers_alone.sh BINDIR COMPATDIR [personality ...]
set -uo pipefail
bindir=$(cd "$1" && pwd)
compat=$(cd "$2" && pwd)
shift 2
[ $# -gt 0 ] || set -- freebsd darwin openbsd netbsd dragonfly
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Public headers: everything but the internal ones.
list_headers() {
  { (cd "$compat/$1" && find . -name '*.h'); (cd "$compat/common" && find . -name '*.h'); } |
    sed 's|^\./||' | grep -v -e '^bits/' -e '/_rtsock' -e '^features.h$' \
      -e '^sys/_types.h$' -e '^machine/' | sort -u
}

configs=("gcc rtsock-cc -std=c99" "clang rtsock-cc -std=gnu11"
         "g++ rtsock-c++ -x c++ -std=c++17" "clang++ rtsock-c++ -x c++ -std=c++17")
runs=0 units=0 failed=0
for p in "$@"; do
  mkdir -p "$tmp/$p"
  files=()
  for h in $(list_headers "$p"); do
    f=$tmp/$p/$(echo "$h" | tr '/.' '__').c
    printf '#include <%s>\nint rtsock_alone;\n' "$h" >"$f"
    files+=("$f")
  done
  units=$((units + ${#files[@]}))
  for cfg in "${configs[@]}"; do
    set -- $cfg
    cc=$1 drv=$2
    shift 2
    runs=$((runs + 1))
    if ! out=$(RTSOCK_CC=$cc RTSOCK_CXX=$cc "$bindir/$drv" -p "$p" "$@" -Wall -Wextra -Werror \
        -fsyntax-only "${files[@]}" 2>&1); then
      failed=$((failed + 1))
      printf 'FAIL %s with %s %s\n%s\n' "$p" "$cc" "$*" "$out"
    fi
  done
done
if [ "$failed" -gt 0 ]; then
  echo "headers_alone: $failed of $runs compiler runs failed"
  exit 1
fi
echo "headers_alone: $units headers x ${#configs[@]} configurations ($runs compiler runs), all clean"
