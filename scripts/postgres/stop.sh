#!/usr/bin/env bash
# Stops the PostgreSQL that scripts/postgres/start.sh started in --dir DIR (fast shutdown: open
# sessions are ended). With --remove the folder goes too. Stopping a stopped one is not an error.
set -euo pipefail
dir="" remove=false
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --remove) remove=true; shift ;;
    *) echo "stop.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] || { echo "usage: stop.sh --dir DIR [--remove]" >&2; exit 2; }
if [ -f "$dir/data/postmaster.pid" ]; then
  bin="$(pg_config --bindir)"
  as_server=()
  [ "$(id -u)" -ne 0 ] || as_server=(runuser -u postgres --)
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
fi
if $remove; then rm -rf "$dir"; fi
