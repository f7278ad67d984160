#!/usr/bin/env bash
# Golden tests for `route decode`, in the style of OpenBSD's regress: run the
# tool, diff -u its output against a checked-in .ok file.
#
#   run.sh ROUTE_BINARY OK_DIR
#
# For every vector tests/vectors/<profile>/<case>.hex (found from this
# script's own location) it runs
#   ROUTE decode --abi <profile> --hex [--iflistl] <case>.hex        -> OK_DIR/<profile>/<case>.ok
#   ROUTE decode --abi <profile> --hex [--iflistl] -j <case>.hex     -> OK_DIR/<profile>/<case>.json.ok
# (--iflistl when the case name starts with "iflistl"). The recorded output is
# stdout exactly as printed, followed by "exit N" (the exit status) and a
# newline; when route(8)'s text leaves its last line open, "exit N" ends that
# line. UPDATE_GOLDEN=1 rewrites the .ok files instead of comparing.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 ROUTE_BINARY OK_DIR" >&2
	exit 2
fi
route=$1
okdir=$2
here=$(cd "$(dirname "$0")" && pwd)
vectors=$here/../vectors
update=${UPDATE_GOLDEN:-0}

if [ ! -x "$route" ]; then
	echo "golden: $route is not executable" >&2
	exit 2
fi
if [ ! -d "$vectors" ]; then
	echo "golden: no vectors at $vectors" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

# check NAME OKFILE ARGS... : run the tool and compare (or record) its output.
check() {
	local name=$1 ok=$2
	shift 2
	local out=$tmp/out rc
	"$route" decode "$@" >"$out" 2>/dev/null
	rc=$?
	printf 'exit %d\n' "$rc" >>"$out"
	if [ "$update" = 1 ]; then
		mkdir -p "$(dirname "$ok")"
		cp "$out" "$ok"
		passed=$((passed + 1))
	elif [ ! -f "$ok" ]; then
		echo "FAIL $name: missing $ok"
		failed=$((failed + 1))
	elif diff -u "$ok" "$out"; then
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
}

for hex in "$vectors"/*/*.hex; do
	[ -e "$hex" ] || continue
	profile=$(basename "$(dirname "$hex")")
	case=$(basename "$hex" .hex)
	flags=(--abi "$profile" --hex)
	case $case in
	iflistl*) flags+=(--iflistl) ;;
	esac
	check "$profile/$case" "$okdir/$profile/$case.ok" "${flags[@]}" "$hex"
	check "$profile/$case -j" "$okdir/$profile/$case.json.ok" "${flags[@]}" -j "$hex"
done

echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
