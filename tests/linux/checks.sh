#!/usr/bin/env bash
# Checks of `rtsockd --backend linux` that a transcript cannot hold, each in
# a private network namespace it creates (unshare -rn):
#   dump100k   100,000 kernel routes (ip -batch) dump, through route(8),
#              to exactly the kernel's table
#   overflow   the notices overflow while rtsockd is stopped: it
#              resynchronises, the listener gets the net change and
#              OpenBSD's RTM_DESYNC, and the table is the kernel's again
#   privilege  rtsockd without CAP_NET_ADMIN: writes fail with each
#              personality's error, reads work; a uid rtsockd holds
#              unprivileged gets route(8)'s own root check
#   netns      --netns serves another namespace; a missing one is a clean
#              error (exit 1, a message)
#
#   checks.sh BIN_DIR [CHECK...]
# Fails, saying why, where namespaces cannot be created.
set -u
bindir=$(cd "${1:?usage: checks.sh BIN_DIR [CHECK...]}" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
if ! why=$(unshare -rn true 2>&1); then
	echo "linux backend checks: FAIL: cannot create a network namespace with unshare -rn: $why" >&2
	exit 1
fi

if [ "${IN_NETNS:-}" != 1 ]; then
	checks=("$@")
	[ ${#checks[@]} -eq 0 ] && checks=(dump100k overflow privilege netns)
	failed=0
	for c in "${checks[@]}"; do
		start=$SECONDS
		if IN_NETNS=1 unshare -rn "$0" "$bindir" "$c"; then
			echo "ok   $c ($((SECONDS - start)) s)"
		else
			echo "FAIL $c"
			failed=$((failed + 1))
		fi
	done
	[ "$failed" -eq 0 ]
	exit
fi

# ---- inside the check's own namespace ----
bash "$here/setup.sh" || exit 1
export PATH="$bindir:$PATH" LC_ALL=C
tmp=$(mktemp -d)
daemon=
cleanup() {
	[ -n "$daemon" ] && kill "$daemon" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export RTSOCK_SOCKET=$tmp/sock
fail() {
	echo "FAIL: $*" >&2
	[ -f "$tmp/log" ] && sed 's/^/  rtsockd: /' "$tmp/log" >&2
	exit 1
}
# start [WRAPPER...] -- RTSOCKD-ARGS...
start() {
	local wrap=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do wrap+=("$1"); shift; done
	shift
	rm -f "$RTSOCK_SOCKET"
	"${wrap[@]}" rtsockd --backend linux -v -s "$RTSOCK_SOCKET" "$@" 2>"$tmp/log" &
	daemon=$!
	# Up to 120 s: with 100k kernel routes to read first, an ASan build on a
	# busy 2-core machine needs tens of seconds.
	for _ in $(seq 6000); do
		[ -S "$RTSOCK_SOCKET" ] && return 0
		kill -0 "$daemon" 2>/dev/null || fail "rtsockd exited before listening"
		sleep 0.02
	done
	fail "rtsockd did not start within 120 s"
}
stop() {
	kill "$daemon" 2>/dev/null
	wait "$daemon" 2>/dev/null
	daemon=
}
# wait_for FILE PATTERN: up to 60 s for a line matching PATTERN.
wait_for() {
	for _ in $(seq 3000); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.02; done
	return 1
}

case $1 in
dump100k)
	awk 'BEGIN { for (i = 0; i < 100000; i++)
		printf "route add %d.%d.%d.0/24 via 192.0.2.%d\n", 10 + int(i / 65536), int(i / 256) % 256, i % 256, 1 + i % 200 }' \
		>"$tmp/batch"
	ip -batch "$tmp/batch" || fail "ip -batch"
	ip -4 route show table main | awk '$2 == "via" { print $1, $3 }' | sort >"$tmp/kernel"
	[ "$(wc -l <"$tmp/kernel")" -eq 100000 ] || fail "the kernel holds $(wc -l <"$tmp/kernel") routes"
	start -- -p freebsd
	route -n list >"$tmp/list" 2>&1 || fail "route list: $(tail -3 "$tmp/list")"
	awk '$3 ~ /G/ { print $1, $2 }' "$tmp/list" | sort >"$tmp/ours"
	diff -q "$tmp/kernel" "$tmp/ours" >/dev/null ||
		fail "the dump differs from the kernel's table: $(diff "$tmp/kernel" "$tmp/ours" | head -5)"
	route -n get 11.134.159.7 | grep -q 'gateway: 192.0.2.' || fail "route get in the table"
	;;
overflow)
	# A receive buffer of 4 KiB holds a handful of notices.
	start -- -p openbsd --netlink-rcvbuf 4096
	route -n monitor >"$tmp/mon" &
	mon=$!
	wait_for "$tmp/log" "client connected" || fail "monitor did not connect"
	ip route add 10.255.0.0/16 via 192.0.2.1
	wait_for "$tmp/mon" "10.255.0.0" || fail "monitor missed the first add"
	kill -STOP "$daemon"
	# 4,000 notices, of which one route and one deletion remain.
	for i in $(seq 0 1999); do
		echo "route add 10.$((i / 256)).$((i % 256)).0/24 via 192.0.2.1"
		echo "route del 10.$((i / 256)).$((i % 256)).0/24 via 192.0.2.1"
	done >"$tmp/batch"
	echo "route add 172.31.0.0/16 via 192.0.2.1" >>"$tmp/batch"
	echo "route del 10.255.0.0/16 via 192.0.2.1" >>"$tmp/batch"
	ip -batch "$tmp/batch" || fail "ip -batch"
	kill -CONT "$daemon"
	wait_for "$tmp/mon" "RTM_DESYNC" || fail "no RTM_DESYNC: $(tail -5 "$tmp/mon")"
	wait_for "$tmp/log" "resynchronised" || fail "no resynchronisation in the log"
	kill "$mon"
	grep -q "172.31.0.0" "$tmp/mon" || fail "the resync did not report the new route"
	grep -A6 RTM_DELETE "$tmp/mon" | grep -q "10.255.0.0" || fail "the resync did not report the deletion"
	route -n get 172.31.1.1 | grep -q "172.31.0.0" || fail "the new route is not in the table"
	route -n get 10.255.1.1 2>&1 | grep -q "not in table" || fail "the deleted route is still there"
	[ "$(route -n list | grep -c '^10\.')" -eq 0 ] || fail "stale routes after the resync"
	;;
privilege)
	# A nested user namespace has no CAP_NET_ADMIN over this network namespace.
	for p in freebsd:EPERM darwin:EPERM openbsd:EACCES netbsd:EACCES; do
		start unshare -r -- -p "${p%%:*}"
		out=$(route add 10.0.0.0/8 192.0.2.1 2>&1) && fail "${p%%:*}: unprivileged add succeeded"
		case ${p#*:} in
		EPERM) want="Operation not permitted" ;;
		EACCES) want="Permission denied" ;;
		esac
		case $out in *"$want"*) ;; *) fail "${p%%:*}: add said '$out', want $want" ;; esac
		ip route show 10.0.0.0/8 | grep -q . && fail "${p%%:*}: the route was added"
		route -n get 192.0.2.1 >/dev/null 2>&1 || fail "${p%%:*}: reads fail too"
		stop
	done
	# rtsockd itself holds this uid unprivileged (--privileged-uid names
	# another): route(8) refuses before writing, with each personality's
	# root check, and NetBSD's (which has none) reports the EACCES
	for p in freebsd:77 darwin:77 openbsd:1 netbsd:1; do
		start -- -p "${p%%:*}" --privileged-uid 4242424
		out=$(route add 10.0.0.0/8 192.0.2.1 2>&1)
		rc=$?
		[ "$rc" -eq "${p#*:}" ] || fail "${p%%:*}: unprivileged add: exit $rc, want ${p#*:}"
		case ${p%%:*} in
		netbsd) want="writing to routing socket: Permission denied" ;;
		*) want="route: must be root to alter routing table" ;;
		esac
		case $out in *"$want"*) ;; *) fail "${p%%:*}: add said '$out', want $want" ;; esac
		ip route show 10.0.0.0/8 | grep -q . && fail "${p%%:*}: the route was added"
		stop
	done
	start unshare -r -- -p freebsd --ifname v0=em0
	out=$(ifconfig em0 down 2>&1) && fail "unprivileged ifconfig down succeeded"
	ip link show v0 | grep -q 'state UP' || fail "the link went down"
	;;
netns)
	unshare -n sleep 60 &
	other=$!
	sleep 0.2
	start -- -p freebsd --netns "/proc/$other/ns/net"
	ifconfig -l >"$tmp/ifs" 2>&1 || fail "ifconfig -l: $(cat "$tmp/ifs")"
	[ "$(cat "$tmp/ifs")" = "lo" ] || fail "the other namespace has $(cat "$tmp/ifs")"
	stop
	kill "$other"
	out=$(rtsockd --backend linux --netns "$tmp/none" -s "$tmp/sock2" 2>&1)
	rc=$?
	[ "$rc" -eq 1 ] || fail "a missing namespace: exit $rc, want 1"
	case $out in *"network namespace $tmp/none: No such file or directory"*) ;;
	*) fail "a missing namespace: '$out'" ;; esac
	[ -e "$tmp/sock2" ] && fail "a socket was created"
	;;
*)
	echo "unknown check $1" >&2
	exit 2
	;;
esac
exit 0
