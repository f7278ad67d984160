#!/bin/sh
# The compat write() round trip beside rtnetlink, in the same run: builds
# rt_add_loop.c with rtsock-cc (as any BSD program) and its Linux twin with
# cc, then runs each ROUNDS times, alternating, N routes a run.
#
#   bench/compat/run.sh BIN_DIR [N] [ROUNDS]    # BIN_DIR: build-release/bin
set -eu
bin=$(cd "$1" && pwd)
n=${2:-100000}
rounds=${3:-3}
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/rtsock-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
"$bin/rtsock-cc" -p freebsd -O2 -o "$work/rt_add_loop" "$src/rt_add_loop.c"
cc -O2 -Wall -o "$work/nl_add_loop" "$src/nl_add_loop.c"
i=0
while [ $i -lt "$rounds" ]; do
	"$bin/rtsock-run" -p freebsd -- "$work/rt_add_loop" "$n"
	unshare -rn "$work/nl_add_loop" "$n"
	i=$((i + 1))
done
