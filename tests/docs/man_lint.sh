#!/usr/bin/env bash
# Lints every man page under the given directories with mandoc -Tlint at
# level WARNING: any warning, error or unsupported construct fails the test.
# (STYLE remarks such as "consider using OS macro" are not reported.)
# mandoc does not warn about a quoting macro swallowing the next ones
# (.Ql a , Ql b on one line renders 'a, 'b'' — route.8 had it, issue 17
# item 13), so the rendered page is also checked: single and double quotes
# must pair up without a quote of one kind nested in one of the same kind.
# mandoc is a dependency (scripts/deps.sh installs it), so a missing mandoc
# is a failure, never a skip.
set -u
command -v mandoc >/dev/null 2>&1 || { echo "man_pages: mandoc not found (scripts/deps.sh installs it)" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: man_lint.sh DIR..." >&2; exit 2; }
pages=()
for d in "$@"; do
  while IFS= read -r -d '' f; do pages+=("$f"); done \
    < <(find "$d" -type f -name '*.[1-9]' -print0 | sort -z)
done
[ ${#pages[@]} -gt 0 ] || { echo "man_pages: no man pages under $*" >&2; exit 1; }
quotes='
import re, sys
text = re.sub(r".\x08", "", sys.stdin.read())
bad = 0
for o, c in (("\u2018", "\u2019"), ("\u201c", "\u201d")):
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == o:
            depth += 1
            if depth == 1:
                start = i
        elif ch == c:
            depth -= 1
        if depth < 0 or depth > 1:
            print("  " + " ".join(text[max(0, start - 20):i + 40].split())); bad = 1
            break
    else:
        if depth:
            print("  unclosed: " + " ".join(text[start:start + 60].split())); bad = 1
sys.exit(bad)'
fail=0
for f in "${pages[@]}"; do
  # mandoc exits 0 when nothing at or above the level was found; its
  # messages about the system's mandoc.db are not about the page.
  out=$(mandoc -Tlint -W warning "$f" 2>&1); rc=$?
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    echo "FAIL $f (mandoc rc=$rc)"; printf '%s\n' "$out"; fail=1
  elif ! nest=$(mandoc -Tutf8 "$f" 2>/dev/null | python3 -c "$quotes"); then
    echo "FAIL $f (quotes in the rendered page)"; printf '%s\n' "$nest"; fail=1
  else
    echo "ok   $f"
  fi
done
exit $fail
