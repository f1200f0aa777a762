#!/usr/bin/env bash
# Stops the Kannel that scripts/kannel/start.sh started in --dir DIR, by the pids in that folder.
# The folder (config, logs, spool) stays, so start.sh with the same folder and ports goes on where
# this left off.
#
# The order matters for the spool: smsbox first (no new message is taken), then bearerbox (it
# keeps what it has not handed to the fake SMSC in its store), and the fake SMSC client last, so
# that it still reads and logs every message bearerbox wrote to it before closing (bearerbox counts
# a written message as sent; killing the client first loses the ones in the socket).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    *) echo "stop.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] && [ -d "$dir" ] || { echo "usage: stop.sh --dir DIR (a folder start.sh started a Kannel in)" >&2; exit 2; }

stop_pid "$dir/smsbox.pid"
stop_pid "$dir/bearerbox.pid"
# The fake SMSC client ends by itself once bearerbox has closed its connection.
if running "$dir/fakesmsc.pid"; then
  wait_for_end "$(cat "$dir/fakesmsc.pid")" 50 || true
fi
"$here/fakesmsc.sh" --dir "$dir" stop
