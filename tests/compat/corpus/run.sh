#!/bin/sh
# The compat corpus for one personality: build every program with
# rtsock-cc -p P, run each case under rtsock-run -p P, and compare what it
# prints (and its exit status) with <personality>/<case>.ok.
#
#   run.sh BIN_DIR SRC_DIR PERSONALITY        # the test
#   UPDATE=1 run.sh ...                        # rewrite the .ok files
#
# $RTSOCK_CORPUS_CC overrides BIN_DIR/rtsock-cc; $RTSOCK_CFLAGS adds compiler flags.
set -u
bin=$(cd "$1" && pwd) src=$(cd "$2" && pwd) p=$3
cc=${RTSOCK_CORPUS_CC:-$bin/rtsock-cc}
# Private daemons without DAD, as the -S ones below: a tentative mark that
# clears in its own time cannot be golden.
plain_run=$bin/rtsock-run
run="$plain_run --daemon-arg --dad-count=0 --daemon-arg --ip-dad-count=0"
work=$(mktemp -d "${TMPDIR:-/tmp}/rtsock-corpus.XXXXXX")
# The unprivileged case runs as nobody: it must reach the programs.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT INT TERM
fail=0

programs="rtget netstat_rn monitor_fork route_writer route_filters ifconfig_like ioctl_writer iflist echo_net exec_inherit bad_input bsd_libc dad_flags"
for prog in $programs; do
	if ! $cc -p "$p" -Wall ${RTSOCK_CFLAGS:-} -o "$work/$prog" "$src/$prog.c" >"$work/$prog.cc" 2>&1; then
		echo "FAIL $p: $prog does not build:"
		cat "$work/$prog.cc"
		fail=1
	fi
done
[ $fail -eq 0 ] || exit 1

# Another personality, to show the mismatch error.
other=freebsd
[ "$p" = freebsd ] && other=netbsd

if [ "$(id -u)" = 0 ]; then
	unprivileged="$run -p $p -- setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	unprivileged="$run --unprivileged -p $p --"
fi

# A program run directly (not under rtsock-run) against the ASan build's
# library needs the sanitizer runtime loaded first, as rtsock-run does.
direct_env=
if [ -n "${RTSOCK_ASAN_RUNTIME:-}" ]; then
	direct_env="LD_PRELOAD=$RTSOCK_ASAN_RUNTIME ASAN_OPTIONS=detect_leaks=0"
fi

# A running daemon for -S, and one of another personality for its mismatch.
"$bin/rtsockd" -p "$p" -s "$work/running.sock" --dad-count 0 --ip-dad-count 0 >"$work/running.log" 2>&1 &
running=$!
"$bin/rtsockd" -p "$other" -s "$work/other.sock" --dad-count 0 --ip-dad-count 0 >"$work/other.log" 2>&1 &
other_running=$!
trap 'kill $running $other_running 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT INT TERM
for i in $(seq 100); do
	[ -S "$work/running.sock" ] && [ -S "$work/other.sock" ] && break
	sleep 0.1
done

# case name | command (run from the work directory)
cases="rtget_host|$run -p $p -- ./rtget 127.0.0.1
rtget_net|$run -p $p -- ./rtget 192.0.2.99
rtget_default|$run -p $p -- ./rtget 203.0.113.7
rtget_inet6|$run -p $p -- ./rtget 2001:db8::5
netstat_rn|$run -p $p -- ./netstat_rn
monitor_fork|$run -p $p -- ./monitor_fork
route_writer|$run -p $p -- ./route_writer
route_writer_unprivileged|$unprivileged ./route_writer
route_filters|$run -p $p -- ./route_filters
ifconfig_like|$run -p $p -- ./ifconfig_like
ioctl_writer_unprivileged|$unprivileged ./ioctl_writer
dad_flags|$plain_run --daemon-arg --dad-count=3 -p $p -- ./dad_flags
iflist|$run -p $p -- ./iflist
echo_net|$run -p $p -- ./echo_net
exec_inherit|$run -p $p -- ./exec_inherit
bad_input|$run -p $p -- ./bad_input
bsd_libc|$run -p $p -c $src/fibs.conf -- ./bsd_libc
no_daemon|env $direct_env RTSOCK_SOCKET=/tmp/rtsock-corpus-no-daemon.sock ./rtget 127.0.0.1
wrong_daemon|$run -p $other -- ./rtget 127.0.0.1
running_daemon|$plain_run -S $work/running.sock -- ./rtget 192.0.2.99
wrong_daemon_direct|env $direct_env RTSOCK_SOCKET=$work/other.sock ./rtget 127.0.0.1
running_daemon_mismatch|$plain_run -S $work/other.sock -- ./rtget 192.0.2.99
boot_config|$run -p $p -c $src/boot.conf -- ./netstat_rn
linux_backend|unshare -rn sh $src/linux_backend.sh $plain_run $p
linux_program|$run -p $p -- sh -c 'printf \"%s\\n\" hello | tr a-z A-Z; ls / >/dev/null && echo passive ok'"

IFS='
'
for line in $cases; do
	name=${line%%|*}
	cmd=${line#*|}
	out="$work/$name.out"
	(cd "$work" && eval "$cmd") >"$out.raw" 2>&1
	echo "exit $?" >>"$out.raw"
	# Paths under the work directory differ from run to run.
	sed "s|$work|WORK|g" "$out.raw" >"$out"
	ok="$src/$p/$name.ok"
	if [ -n "${UPDATE:-}" ]; then
		mkdir -p "$src/$p"
		cp "$out" "$ok"
	elif ! diff -u "$ok" "$out"; then
		echo "FAIL $p: $name"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "compat corpus ($p): all cases pass"
exit $fail
