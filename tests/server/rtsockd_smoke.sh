#!/usr/bin/env bash
# rtsockd as a process: starts on a temporary socket, refuses a second
# daemon on the same path (exit 1), reports a bad configuration with its
# line (exit 1), exits 0 on SIGTERM and removes its socket file.
set -u
rtsockd=$1
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
sock=$dir/rtsockd.sock
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'interface lo0 type loop\naddress lo0 127.0.0.1/8\nroute default 198.51.100.1\n' >"$dir/bad.conf"
out=$("$rtsockd" -s "$sock" -c "$dir/bad.conf" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "bad config: exit $rc, want 1"
case $out in *"bad.conf:3: route"*) ;; *) fail "bad config message: $out" ;; esac
[ -e "$sock" ] && fail "socket created despite the bad config"

out=$("$rtsockd" --check) || fail "--check of the built-in configuration"
want="rtsockd: built-in: booted (freebsd, freebsd14-amd64), 1 FIB: 2 interfaces (lo0 em0), 4 addresses, 2 routes"
[ "$out" = "$want" ] || fail "--check said '$out', not '$want'"
printf 'fibs 2\ninterface em1 type ether\naddress em1 198.51.100.1/24\n' >"$dir/one.conf"
out=$("$rtsockd" --check -p openbsd -c "$dir/one.conf") || fail "--check -c one.conf"
want="rtsockd: $dir/one.conf: booted (openbsd, openbsd), 2 FIBs: 1 interface (em1), 1 address, 0 routes"
[ "$out" = "$want" ] || fail "--check said '$out', not '$want'"

"$rtsockd" -s "$sock" -v 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
[ -S "$sock" ] || fail "no socket at $sock"
[ "$(stat -c %a "$sock")" = 666 ] || fail "socket mode $(stat -c %a "$sock")"

out=$("$rtsockd" -s "$sock" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "second daemon: exit $rc, want 1"
case $out in *"another daemon is listening"*) ;; *) fail "second daemon message: $out" ;; esac

kill -TERM "$pid"
wait "$pid"; rc=$?
[ $rc -eq 0 ] || fail "SIGTERM: exit $rc, want 0"
[ -e "$sock" ] && fail "socket file left behind"
grep -q "client connected" "$dir/log" || fail "no connect line in the -v log: $(cat "$dir/log")"
echo "rtsockd smoke test passed"
