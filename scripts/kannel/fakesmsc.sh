#!/usr/bin/env bash
# The "phones" of a Kannel that scripts/kannel/start.sh started: Kannel's fakesmsc client on the
# fake SMSC. It prints every MT it receives into DIR/fakesmsc.log and reads MOs (customers'
# replies) from the FIFO DIR/mo.fifo, which a keeper process holds open.
#
#   scripts/kannel/fakesmsc.sh --dir DIR start
#   scripts/kannel/fakesmsc.sh --dir DIR stop
#   scripts/kannel/fakesmsc.sh --dir DIR mo FROM TO TEXT     e.g. mo 13800138000 10690000 退订
set -euo pipefail

dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    *) break ;;
  esac
done
command="${1:-}"; shift || true
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "fakesmsc.sh: --dir must name the folder of a Kannel that start.sh started" >&2
  exit 2
fi

case "$command" in
  start)
    [ -f "$dir/smsc.port" ] || { echo "fakesmsc.sh: $dir has no smsc.port; start Kannel with start.sh" >&2; exit 2; }
    port="$(cat "$dir/smsc.port")"
    fakesmsc="$(fakesmsc_path)"
    [ -x "$fakesmsc" ] || { echo "fakesmsc.sh: fakesmsc is not installed (apt-get install kannel-extras)" >&2; exit 3; }
    stop_pid "$dir/fakesmsc.pid"
    stop_pid "$dir/fifo-keeper.pid"
    rm -f "$dir/mo.fifo"
    mkfifo "$dir/mo.fifo"
    # Each side blocks in open() until the other arrives; both are in the background.
    "$fakesmsc" -H 127.0.0.1 -r "$port" -i 0.01 <"$dir/mo.fifo" >>"$dir/fakesmsc.log" 2>&1 &
    echo $! > "$dir/fakesmsc.pid"
    sleep infinity </dev/null >"$dir/mo.fifo" 2>/dev/null &
    echo $! > "$dir/fifo-keeper.pid"
    ;;
  stop)
    stop_pid "$dir/fakesmsc.pid"
    stop_pid "$dir/fifo-keeper.pid"
    rm -f "$dir/mo.fifo"
    ;;
  mo)
    if [ $# -lt 3 ]; then
      echo "usage: fakesmsc.sh --dir DIR mo FROM TO TEXT" >&2
      exit 2
    fi
    # Without a reader the FIFO would swallow the message (keeper alive) or block (keeper gone).
    if [ ! -p "$dir/mo.fifo" ] || ! running "$dir/fakesmsc.pid" || ! running "$dir/fifo-keeper.pid"; then
      echo "fakesmsc.sh: the fake SMSC client is not running in $dir; start Kannel with start.sh" >&2
      exit 3
    fi
    from="$1" to="$2"; shift 2
    printf '%s %s text %s\n' "$from" "$to" "$*" >"$dir/mo.fifo"
    ;;
  *)
    echo "usage: fakesmsc.sh --dir DIR start|stop|mo FROM TO TEXT" >&2
    exit 2
    ;;
esac
