#!/usr/bin/env bash
# BSD programs' header usage through rtsock-cc and rtsock-c++: every unit in
# programs/ (each modelled on how a real BSD program includes and uses the
# system headers; see the comment at its top), and one unit per personality
# that includes every public compat header at once, compiled as C and C++
# with -Wall -Wextra -Werror under the feature-test macros programs define:
# none (-std=c99, c11, gnu11), _GNU_SOURCE, _DEFAULT_SOURCE, _BSD_SOURCE,
# and the strict ones (_POSIX_C_SOURCE, _XOPEN_SOURCE) together with the
# macro that system documents for keeping its own names (__BSD_VISIBLE,
# _DARWIN_C_SOURCE, _NETBSD_SOURCE, _BSD_SOURCE). The all-headers unit also
# compiles under the strict macros alone. Each program unit is then linked
# (gcc, gnu11) against librtsock-compat, so every function the headers
# declare and the unit calls exists.
# Compiler-only but for the links, so the sanitizer build skips it (as
# compat_headers_alone).
# usage: programs.sh BINDIR SRCDIR [personality ...]
set -uo pipefail
bindir=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
shift 2
[ $# -gt 0 ] || set -- freebsd darwin openbsd netbsd dragonfly
compat=$("$bindir/rtsock-cc" --print-compat-dir)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

libdir=$("$bindir/rtsock-cc" --print-lib-dir)
if [ ! -e "$libdir/librtsock-compat.so" ]; then
  echo "programs: no librtsock-compat in $libdir; build it first" >&2
  exit 1
fi

list_headers() {
  { (cd "$compat/$1" && find . -name '*.h'); (cd "$compat/common" && find . -name '*.h'); } |
    sed 's|^\./||' | grep -v -e '^bits/' -e '/_rtsock' -e '^features.h$' \
      -e '^sys/_types.h$' -e '^machine/' | sort -u
}

keep_names() {
  case $1 in
    freebsd|dragonfly) echo -D__BSD_VISIBLE=1 ;;
    darwin) echo -D_DARWIN_C_SOURCE ;;
    netbsd) echo -D_NETBSD_SOURCE ;;
    openbsd) echo -D_BSD_SOURCE ;;
  esac
}

runs=0 failed=0
try() { # description, command...
  local what=$1
  shift
  runs=$((runs + 1))
  local out
  if ! out=$("$@" 2>&1); then
    failed=$((failed + 1))
    printf 'FAIL %s\n  %s\n%s\n' "$what" "$*" "$out" | head -40
  fi
}

for p in "$@"; do
  all=$tmp/all_$p.c
  {
    echo "/* every public compat header of $p, in sorted order */"
    for h in $(list_headers "$p"); do echo "#include <$h>"; done
    echo "int main(void) { return 0; }"
  } >"$all"
  keep=$(keep_names "$p")
  cfgs=("gcc c -std=c99" "gcc c -std=c11" "gcc c -std=gnu11" "clang c -std=gnu11"
        "gcc c -std=c99 -D_GNU_SOURCE" "gcc c -std=gnu11 -D_DEFAULT_SOURCE"
        "gcc c -std=c99 -D_BSD_SOURCE" "clang c -std=c11 -D_BSD_SOURCE"
        "gcc c -std=c99 -D_POSIX_C_SOURCE=200809L $keep"
        "gcc c -std=c11 -D_XOPEN_SOURCE=700 $keep"
        "clang c -std=gnu11 -D_POSIX_C_SOURCE=200112L -D_XOPEN_SOURCE=600 $keep"
        "g++ c++ -std=c++17" "g++ c++ -std=c++20" "clang++ c++ -std=c++17"
        "g++ c++ -std=c++17 -D_POSIX_C_SOURCE=200809L $keep")
  for cfg in "${cfgs[@]}"; do
    set -- $cfg
    cc=$1 lang=$2
    shift 2
    if [ "$lang" = c ]; then drv=rtsock-cc; else drv=rtsock-c++; fi
    for unit in "$all" "$src"/programs/*.c; do
      try "$p $(basename "$unit") ($cc $*)" env RTSOCK_CC="$cc" RTSOCK_CXX="$cc" \
        "$bindir/$drv" -p "$p" -x "$lang" "$@" -Wall -Wextra -Werror -fsyntax-only "$unit"
    done
  done
  # The all-headers unit under the strict macros alone: BSD names may hide,
  # as on the BSD, but nothing may break.
  for strict in -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=600 -D_POSIX_C_SOURCE=1; do
    try "$p all headers (gcc -std=c99 $strict)" "$bindir/rtsock-cc" -p "$p" -std=c99 "$strict" \
      -Wall -Wextra -Werror -fsyntax-only "$all"
  done
  for unit in "$src"/programs/*.c; do
    try "$p $(basename "$unit") (link)" env RTSOCK_CC=gcc "$bindir/rtsock-cc" -p "$p" -std=gnu11 \
      -Wall -Wextra -Werror -o "$tmp/prog" "$unit"
  done
done
if [ "$failed" -gt 0 ]; then
  echo "programs: $failed of $runs compiler runs failed"
  exit 1
fi
echo "programs: $runs compiler runs clean"
