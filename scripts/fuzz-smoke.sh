#!/usr/bin/env bash
# Runs every libFuzzer target in BIN_DIR for SECONDS each, starting from the
# committed corpus (read-only: new inputs go to a scratch directory).
set -euo pipefail
bin=${1:?usage: fuzz-smoke.sh BIN_DIR SECONDS}
secs=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for f in "$bin"/fuzz_*; do
  [ -x "$f" ] || continue
  name=${f##*/fuzz_}
  scratch=$(mktemp -d)
  echo "fuzz: $name for ${secs}s"
  if ! "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
      "$scratch" "$root/fuzz/corpus/$name" 2>"$scratch.log"; then
    tail -50 "$scratch.log"
    status=1
  else
    grep -E 'stat::number_of_executed_units|Done' "$scratch.log" | tail -2
  fi
  rm -rf "$scratch" "$scratch.log"
done
exit $status
