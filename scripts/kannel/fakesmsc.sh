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
if [ -z "$dir" ] || [ ! -f "$dir/smsc.port" ]; then
  echo "fakesmsc.sh: --dir must name the folder of a Kannel that start.sh started" >&2
  exit 2
fi
port="$(cat "$dir/smsc.port")"
fakesmsc="$(dpkg -L kannel-extras 2>/dev/null | grep '/fakesmsc$' | head -n1 || true)"
fakesmsc="${fakesmsc:-/usr/lib/kannel/test/fakesmsc}"

stop_pid() {
  local pidfile="$1" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

case "$command" in
  start)
    stop_pid "$dir/fakesmsc.pid"
    stop_pid "$dir/fifo-keeper.pid"
    rm -f "$dir/mo.fifo"
    mkfifo "$dir/mo.fifo"
    # Each side blocks in open() until the other arrives; both are in the background.
    "$fakesmsc" -H 127.0.0.1 -r "$port" -i 0.01 <"$dir/mo.fifo" >>"$dir/fakesmsc.log" 2>&1 &
    echo $! > "$dir/fakesmsc.pid"
    sleep infinity >"$dir/mo.fifo" 2>/dev/null </dev/null &
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
    [ -p "$dir/mo.fifo" ] || { echo "fakesmsc.sh: the fake SMSC client is not running in $dir" >&2; exit 3; }
    from="$1" to="$2"; shift 2
    printf '%s %s text %s\n' "$from" "$to" "$*" >"$dir/mo.fifo"
    ;;
  *)
    echo "usage: fakesmsc.sh --dir DIR start|stop|mo FROM TO TEXT" >&2
    exit 2
    ;;
esac
