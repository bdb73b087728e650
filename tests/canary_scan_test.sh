#!/usr/bin/env bash
# Tests of tests/canary_scan.sh: a clean tree passes, a planted canary is
# found and named, and a missing path fails the scan even when another path
# holds the canary (grep's exit status 2 is not "not found").
set -u
scan="$(dirname "$0")/canary_scan.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
canary="gc-canary-test-$$-$RANDOM"
failures=0

expect() {
  local want=$1 what=$2
  shift 2
  "$scan" "$canary" "$@" > "$work/out" 2>&1
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "canary scan test: $what: exit $got, expected $want; it printed:" >&2
    cat "$work/out" >&2
    failures=$((failures + 1))
  fi
}

mkdir -p "$work/clean/sub" "$work/leak/sub"
echo "nothing secret here" > "$work/clean/sub/a.log"
echo "token=$canary" > "$work/leak/sub/b.log"

expect 0 "a clean tree" "$work/clean"
expect 1 "a tree with the canary" "$work/clean" "$work/leak"
grep -qF "$work/leak/sub/b.log" "$work/out" || {
  echo "canary scan test: the file holding the canary is not named" >&2
  failures=$((failures + 1))
}
expect 2 "a missing path beside a clean tree" "$work/clean" "$work/missing"
expect 2 "a missing path beside the canary" "$work/leak" "$work/missing"
expect 2 "an unexpanded glob" "$work/clean/*.nothing"
expect 2 "no path at all"
canary="" expect 2 "an empty canary" "$work/clean"

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "canary scan test: found, clean, missing path and empty canary behave"
