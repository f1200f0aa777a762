#!/usr/bin/env bash
# Stops the HAProxy that scripts/haproxy/start.sh started in --dir DIR, by the pid in that folder.
# With --remove the folder goes too. Stopping a stopped one is not an error.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../kannel/lib.sh"
dir="" remove=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --remove) remove=true; shift ;;
    *) echo "stop.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] || { echo "usage: stop.sh --dir DIR [--remove]" >&2; exit 2; }
stop_pid "$dir/haproxy.pid"
if $remove; then rm -rf "$dir"; fi
