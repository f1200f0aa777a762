#!/usr/bin/env bash
# Stops the Kannel that scripts/kannel/start.sh started in --dir DIR: fakesmsc, smsbox, bearerbox,
# by the pids in that folder. The folder (logs, spool) stays.
set -euo pipefail
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    *) echo "stop.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] && [ -d "$dir" ] || { echo "usage: stop.sh --dir DIR" >&2; exit 2; }
"$(dirname "${BASH_SOURCE[0]}")/fakesmsc.sh" --dir "$dir" stop 2>/dev/null || true
for box in smsbox bearerbox; do
  pidfile="$dir/$box.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
done
