#!/bin/sh
# The installed compat tools, from an installation prefix alone: rtsock-cc
# builds a corpus program against the installed headers and library, and
# rtsock-run finds the installed rtsockd (in sbin) and library by itself,
# with nothing of the build tree on PATH.
#   installed.sh PREFIX SRC_DIR
set -eu
prefix=$1 src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/rtsock-installed.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
for p in freebsd openbsd; do
	"$prefix/bin/rtsock-cc" -p $p -o "$work/rtget.$p" "$src/rtget.c"
	out=$(cd "$work" && env PATH=/usr/bin:/bin "$prefix/bin/rtsock-run" -- "./rtget.$p" 192.0.2.5)
	echo "$out"
	case $out in
	*"reply matched: pid ours"*) ;;
	*) echo "FAIL: installed rtsock-run -p $p"; exit 1 ;;
	esac
done
echo "installed rtsock-cc and rtsock-run: ok"
