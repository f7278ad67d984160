#!/usr/bin/env bash
# Integration tests of `rtsockd --backend linux`: every case runs in a
# private network namespace of its own (unshare -rn: a user namespace owns
# it, no root needed) built by setup.sh, then as a golden transcript
# (tests/golden/cli/run.sh: the commands' output diffed against the .ok
# file) with rtsockd serving that namespace's kernel tables. The host's own
# network is never touched.
#
#   run.sh BIN_DIR [CASE...]      cases: tests/linux/<personality>/*.t
#
# Where namespaces cannot be created the test FAILS and says why: a test
# that could not run has not passed. UPDATE_GOLDEN=1 rewrites the .ok files.
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 BIN_DIR [CASE...]" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
if ! why=$(unshare -rn true 2>&1); then
	echo "linux backend tests: FAIL: cannot create a network namespace with unshare -rn: $why" >&2
	echo "(these tests need unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1)" >&2
	exit 1
fi
if ! command -v ip >/dev/null; then
	echo "linux backend tests: FAIL: ip(8) from iproute2 is not installed" >&2
	exit 1
fi
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=("$here"/*/*.t)
failed=0
for t in "${cases[@]}"; do
	t=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
	if ! unshare -rn bash -c '
		bash "$1/setup.sh" || { echo "linux backend tests: setup failed" >&2; exit 1; }
		exec env RTSOCKD_ARGS="--backend linux --fibs 2 --ifname v0=em0 --ifname v2=em2" \
			"$1/../golden/cli/run.sh" "$2" "$3"' _ "$here" "$bindir" "$t"; then
		failed=$((failed + 1))
	fi
done
echo "linux backend: ${#cases[@]} cases, $failed failed"
[ "$failed" -eq 0 ]
