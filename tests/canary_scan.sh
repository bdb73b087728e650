#!/usr/bin/env bash
# The canary scan of `make test`: fails if the canary token appears in any
# of the given files or directories (searched recursively).
#
#   tests/canary_scan.sh CANARY PATH...
#
# Exit status: 0 when every PATH was read and none holds the canary; 1 when
# one does (the files are named on stderr); 2 when the scan cannot be
# trusted: no canary or no PATH given, a PATH missing or unreadable, or the
# positive control (the canary planted in a file of its own, searched the
# same way) not found. grep's own status is read exactly: 1 is "clean",
# 0 is "found", anything else is an error, even when it also found a match.
set -u

if [ $# -lt 2 ] || [ -z "$1" ]; then
  echo "canary scan: usage: $0 CANARY PATH..." >&2
  exit 2
fi
canary=$1
shift

scan() {
  grep -rlF -- "$canary" "$@"
}

control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
mkdir "$control/nested"
printf 'a log line carrying %s in its middle\n' "$canary" > "$control/nested/control.log"
found=$(scan "$control")
status=$?
if [ "$status" -ne 0 ] || [ "$found" != "$control/nested/control.log" ]; then
  echo "canary scan: the positive control was not found (grep exited $status), so the scan proves nothing" >&2
  exit 2
fi

found=$(scan "$@")
status=$?
case $status in
  1) exit 0 ;;
  0)
    echo "canary scan: the canary token appears in:" >&2
    printf '  %s\n' "$found" >&2
    exit 1
    ;;
  *)
    echo "canary scan: grep exited $status (a path missing or unreadable?), so the scan is incomplete" >&2
    [ -n "$found" ] && printf 'canary scan: it also found the canary in:\n%s\n' "$found" >&2
    exit 2
    ;;
esac
