#!/usr/bin/env bash
# Random argument vectors for route(8) and ifconfig against a live rtsockd,
# in every personality: each run must end with an exit status, never a
# signal (status >= 128), and with a message on stderr when it fails.
#
#   argv_smoke.sh BIN_DIR [RUNS]
set -u
bindir=$(cd "$1" && pwd)
runs=${2:-150}
tmp=$(mktemp -d)
trap 'kill $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
words=(add delete del change get show list flush flushall monitor dump decode create destroy up down
	-net -host -netmask -prefixlen -interface -iface -ifp -ifa -inet -inet6 -link -static -nostatic
	-reject -blackhole -xresolve -proto1 -proto2 -mtu -hopcount -expire -recvpipe -sendpipe
	-ssthresh -rtt -rttvar -weight -lock -lockrest -fib -priority -label -mpath -ifscope -T -S
	default 10 10/8 10.0.0.0/8 128.32 192.168.64/20 192.0.2.1 2001:db8::/48 ::1 fe80::1%em0
	fe80::1%zz 0x0a.1 1.2.3.4.5 256.1.1.1 /8 10/ 10/99 + +5 -5 0 -1 99999999999999999999 all 0,1-2
	1-1 em0 lo0 em9 '' x -- inet inet6 mtu 9000 alias -alias lladdr 02:00:00:00:00:09 broadcast
	netmask 255.0.0.0 prefixlen 64 -a -l -j -n -v -q -d -t -4 -6)
RANDOM=7
fail=0
total=0
for personality in freebsd freebsd12 darwin openbsd netbsd dragonfly hpux; do
	"$bindir/rtsockd" -p "$personality" -s "$tmp/sock" --privileged-uid "$(id -u)" 2>/dev/null &
	daemon=$!
	for _ in $(seq 200); do [ -S "$tmp/sock" ] && break; sleep 0.02; done
	for _ in $(seq "$runs"); do
		n=$((RANDOM % 7))
		args=()
		for _ in $(seq 0 "$n"); do args+=("${words[RANDOM % ${#words[@]}]}"); done
		tool=route
		[ $((RANDOM % 3)) -eq 0 ] && tool=ifconfig
		[ "${args[0]}" = monitor ] && continue
		[ "${args[0]}" = decode ] && continue
		RTSOCK_SOCKET=$tmp/sock timeout 10 "$bindir/$tool" "${args[@]}" >/dev/null 2>"$tmp/err" </dev/null
		rc=$?
		total=$((total + 1))
		if [ $rc -ge 124 ]; then
			echo "FAIL ($personality) $tool ${args[*]}: exit $rc"
			fail=$((fail + 1))
		elif [ $rc -ne 0 ] && [ ! -s "$tmp/err" ] && [ "$tool" = ifconfig ]; then
			echo "FAIL ($personality) $tool ${args[*]}: exit $rc without a message"
			fail=$((fail + 1))
		fi
	done
	kill "$daemon"
	wait "$daemon" 2>/dev/null
	rm -f "$tmp/sock"
done
echo "argv smoke: $total runs, $fail failures"
[ "$fail" -eq 0 ]
