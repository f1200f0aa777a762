#!/usr/bin/env bash
# Starts a private HAProxy (Debian's haproxy package) in front of portal nodes, as production has a
# load balancer in front of them: bound to 127.0.0.1 at a free port, HTTP mode, round robin, health
# checks on GET /health every second, a request to a node that does not answer goes to another, and a
# sticky-session cookie keeps each Blazor circuit on its node. No system service is used.
#
#   scripts/haproxy/start.sh --dir /tmp/balancer --backend 127.0.0.1:5001 --backend 127.0.0.1:5002
#
# Options:
#   --dir DIR             run folder: haproxy.cfg, haproxy.out (its log), haproxy.pid (created; must be
#                         empty or absent)
#   --backend HOST:PORT   a portal node; give it once per node (the first is node1, then node2, …)
#   --port N              the port the balancer listens on (default: a free one)
#
# Prints, one per line: HAPROXY_PORT=…, HAPROXY_URL=http://127.0.0.1:…, HAPROXY_STATS_URL=… (a CSV of
# each node's state). The same lines are kept in DIR/haproxy.env. Stop it with scripts/haproxy/stop.sh --dir DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../ports.sh"
. "$here/../kannel/lib.sh"
dir="" port="" backends=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --backend) backends+=("$2"); shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$dir" ] || [ "${#backends[@]}" -eq 0 ]; then
  echo "usage: start.sh --dir DIR --backend HOST:PORT [--backend HOST:PORT …] [--port N]" >&2
  exit 2
fi
if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
  echo "start.sh: $dir is not empty; give a new folder" >&2
  exit 4
fi
for backend in "${backends[@]}"; do
  case "$backend" in
    *:[0-9]*) ;;
    *) echo "start.sh: --backend $backend is not HOST:PORT" >&2; exit 2 ;;
  esac
done
haproxy="$(command -v haproxy || echo /usr/sbin/haproxy)"
[ -x "$haproxy" ] || { echo "start.sh: HAProxy is not installed (apt-get install haproxy)" >&2; exit 3; }
command -v curl >/dev/null 2>&1 || { echo "start.sh: curl is needed to see HAProxy come up (apt-get install curl)" >&2; exit 3; }

[ -n "$port" ] || port="$(free_port)"; taken="$taken $port"
stats_port="$(free_port)"
for p in "$port" "$stats_port"; do
  port_is_free "$p" || { echo "start.sh: port $p on 127.0.0.1 is in use" >&2; exit 4; }
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

servers=""
n=0
for backend in "${backends[@]}"; do
  n=$((n + 1))
  # The cookie's value is the node's name: a browser that has it comes back to the same node.
  servers="$servers    server node$n $backend check cookie node$n"$'\n'
done

cat > "$dir/haproxy.cfg" <<CFG
# Written by scripts/haproxy/start.sh: a load balancer in front of the portal's nodes, on loopback.
global
    log stdout format raw local0 info
    maxconn 4096

defaults
    mode http
    log global
    option httplog
    option dontlognull
    # A request whose node refuses the connection (killed, restarting) is tried again up to 3 times,
    # each time on another node (redispatch on every retry), instead of failing.
    retries 3
    option redispatch 1
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    # Blazor Server keeps a WebSocket open for the whole circuit: the tunnel may stay up an hour.
    timeout tunnel 1h
    timeout client-fin 5s

frontend portal
    bind 127.0.0.1:$port
    default_backend nodes

backend nodes
    balance roundrobin
    # Sticky sessions: a Blazor circuit lives in one node's memory, so a browser stays with its node
    # (the cookie names it); indirect: the node never sees the cookie; nocache: no cache keeps it.
    cookie PORTALNODE insert indirect nocache
    option httpchk
    http-check send meth GET uri /health
    http-check expect status 200
    # Checked every second; down after 2 failed checks, up again after 1 good one.
    default-server inter 1s fall 2 rise 1
$servers
frontend stats
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /stats
    stats refresh 5s
CFG

"$haproxy" -c -q -f "$dir/haproxy.cfg" >"$dir/check.out" 2>&1 || { cat "$dir/check.out" >&2; exit 5; }
# In the foreground (-db) with its log on stdout, in the background of this script: the pid is its own.
"$haproxy" -db -f "$dir/haproxy.cfg" </dev/null >"$dir/haproxy.out" 2>&1 &
echo $! > "$dir/haproxy.pid"

deadline=$(( SECONDS + 30 ))
until curl -fsS "http://127.0.0.1:$stats_port/stats;csv" >/dev/null 2>&1; do
  if ! running "$dir/haproxy.pid" || [ "$SECONDS" -ge "$deadline" ]; then
    echo "start.sh: HAProxy did not come up on 127.0.0.1:$stats_port; see $dir" >&2
    tail -n 20 "$dir/haproxy.out" >&2 || true
    stop_pid "$dir/haproxy.pid"
    exit 5
  fi
  sleep 0.1
done

{
  echo "HAPROXY_PORT=$port"
  echo "HAPROXY_URL=http://127.0.0.1:$port"
  # Quoted: the file is sourced by shells, where a bare ';' would end the assignment.
  echo "HAPROXY_STATS_URL='http://127.0.0.1:$stats_port/stats;csv'"
} | tee "$dir/haproxy.env"
