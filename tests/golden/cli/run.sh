#!/usr/bin/env bash
# Golden tests for route(8) and ifconfig against a live rtsockd, in the
# style of OpenBSD's regress: run the commands, diff -u the transcript
# against a checked-in .ok file.
#
#   run.sh BIN_DIR [CASE...]
#
# Cases are tests/golden/cli/<personality>/<name>.t (all of them when none
# are named); a directory <personality>-<suite> (tests/golden/openbsd-regress)
# runs in that personality too. For each case a fresh rtsockd -p <personality>
# starts on a temporary socket (RTSOCK_SOCKET points at it), then every line
# of the .t file runs in bash with BIN_DIR first in PATH, TZ=UTC, in a scratch
# directory, with CASEDIR naming the directory of the .t file. The
# transcript, compared with <name>.ok, holds for each line
#   $ <the line>
#   <stdout as printed>
#   stderr: <each line of stderr>
#   [exit N]                       (only when N is not 0)
# Blank lines and lines starting with '#' are skipped. Two directives drive
# background commands (route monitor):
#   bg NAME CMD...   start CMD in the background once the daemon has
#                    accepted its connection
#   fg NAME COUNT    wait (at most 10 s) until NAME's stdout holds COUNT
#                    records (lines starting "got message" or "{"), stop it
#                    with SIGTERM and print its transcript
# Outputs are normalised where they cannot repeat: the date of "got message
# of size N on <date>" becomes DATE, and non-zero pids become PID.
# A case may come with <name>.rtsockd: one line of rtsockd options used
# instead of the default --privileged-uid <our uid> (e.g. another uid, to
# run the case unprivileged; or --fibs 4). @UID@ in it stands for our uid.
# Daemons run with --dad-count 0 --ip-dad-count 0 unless the line sets
# --dad-count.
# UPDATE_GOLDEN=1 rewrites the .ok files instead of comparing.
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BIN_DIR [CASE...]" >&2
	exit 2
fi
bindir=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
update=${UPDATE_GOLDEN:-0}
for tool in rtsockd route; do
	if [ ! -x "$bindir/$tool" ]; then
		echo "golden: $bindir/$tool is not executable" >&2
		exit 2
	fi
done

tmp=$(mktemp -d)
daemon=
cleanup() {
	[ -n "$daemon" ] && kill "$daemon" 2>/dev/null
	jobs -p | xargs -r kill 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

normalise() {
	sed -E -e 's/^(got message of size [0-9]+ on ).*/\1DATE/' \
		-e 's/(pid:?) [1-9][0-9]*/\1 PID/g' \
		-e 's/"pid":[1-9][0-9]*/"pid":"PID"/g'
}

# emit OUT ERR RC: one command's transcript.
emit() {
	normalise <"$1"
	[ -s "$2" ] && normalise <"$2" | sed 's/^/stderr: /'
	[ "$3" -ne 0 ] && printf '[exit %d]\n' "$3"
	return 0
}

connections() { grep -c 'client connected' "$tmp/daemon.log" 2>/dev/null || true; }

start_daemon() {
	local personality=$1 case_args=${2:-}
	rm -f "$tmp/sock" "$tmp/daemon.log"
	[ -n "$case_args" ] || case_args="--privileged-uid $(id -u)"
	case_args=${case_args//@UID@/$(id -u)}
	# No DAD unless the case asks for it: a tentative mark that clears in
	# its own time cannot be golden (the BSDs' own suites set dad_count 0).
	case "$case_args" in
	*--dad-count*) ;;
	*) case_args="$case_args --dad-count 0 --ip-dad-count 0" ;;
	esac
	# RTSOCKD_ARGS: more options (tests/linux runs these with --backend linux).
	# shellcheck disable=SC2086
	"$bindir/rtsockd" -v -p "$personality" -s "$tmp/sock" \
		$case_args ${RTSOCKD_ARGS:-} 2>"$tmp/daemon.log" &
	daemon=$!
	for _ in $(seq 200); do
		[ -S "$tmp/sock" ] && return 0
		sleep 0.02
	done
	echo "golden: rtsockd -p $personality did not start: $(cat "$tmp/daemon.log")" >&2
	return 1
}

stop_daemon() {
	kill -TERM "$daemon" 2>/dev/null
	wait "$daemon" 2>/dev/null
	daemon=
}

# run_case T OUT: the transcript of one .t file.
run_case() {
	local t=$1 out=$2 line name count before pid
	local -A bgpid=()
	local work=$tmp/work
	rm -rf "$work"
	mkdir -p "$work"
	: >"$out"
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in '' | '#'*) continue ;; esac
		if [[ $line =~ ^bg\ ([A-Za-z0-9_]+)\ (.*)$ ]]; then
			name=${BASH_REMATCH[1]}
			printf '$ %s &\n' "${BASH_REMATCH[2]}" >>"$out"
			before=$(connections)
			(cd "$work" && exec bash -c "exec ${BASH_REMATCH[2]}") \
				>"$tmp/bg.$name.out" 2>"$tmp/bg.$name.err" &
			bgpid[$name]=$!
			for _ in $(seq 500); do
				[ "$(connections)" -gt "$before" ] && break
				sleep 0.02
			done
			continue
		fi
		if [[ $line =~ ^fg\ ([A-Za-z0-9_]+)\ ([0-9]+)$ ]]; then
			name=${BASH_REMATCH[1]}
			count=${BASH_REMATCH[2]}
			pid=${bgpid[$name]:-}
			printf '$ fg %s\n' "$name" >>"$out"
			if [ -z "$pid" ]; then
				echo "golden: $t: fg of unknown job $name" >>"$out"
				continue
			fi
			for _ in $(seq 500); do
				[ "$(grep -c -E '^(got message|\{)' "$tmp/bg.$name.out")" -ge "$count" ] && break
				sleep 0.02
			done
			kill -TERM "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			emit "$tmp/bg.$name.out" "$tmp/bg.$name.err" 0 >>"$out"
			unset "bgpid[$name]"
			continue
		fi
		printf '$ %s\n' "$line" >>"$out"
		(cd "$work" && exec bash -c "$line") >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
		emit "$tmp/stdout" "$tmp/stderr" $? >>"$out"
	done <"$t"
	for name in "${!bgpid[@]}"; do
		kill "${bgpid[$name]}" 2>/dev/null
		echo "golden: $t: job $name never brought to the foreground" >>"$out"
	done
}

export PATH="$bindir:$PATH" TZ=UTC LC_ALL=C RTSOCK_SOCKET="$tmp/sock"

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	cases=("$here"/*/*.t)
fi

passed=0
failed=0
for t in "${cases[@]}"; do
	[ -e "$t" ] || continue
	t=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
	suite=$(basename "$(dirname "$t")")
	personality=${suite%%-*}
	name=$suite/$(basename "$t" .t)
	export CASEDIR
	CASEDIR=$(dirname "$t")
	ok=${t%.t}.ok
	case_args=
	[ -f "${t%.t}.rtsockd" ] && case_args=$(head -n 1 "${t%.t}.rtsockd")
	if ! start_daemon "$personality" "$case_args"; then
		failed=$((failed + 1))
		continue
	fi
	run_case "$t" "$tmp/out"
	stop_daemon
	if [ "$update" = 1 ]; then
		cp "$tmp/out" "$ok"
		passed=$((passed + 1))
	elif [ ! -f "$ok" ]; then
		echo "FAIL $name: missing $ok"
		failed=$((failed + 1))
	elif diff -u "$ok" "$tmp/out"; then
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
done

echo "golden cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
