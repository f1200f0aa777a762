#!/usr/bin/env bash
# Starts a private PostgreSQL (Debian's postgresql package) for tests and benchmarks: a new cluster
# in --dir DIR, listening only on 127.0.0.1 at a free port, password authentication (scram-sha-256)
# with a random password. No system service is used. Run as root, the server runs as the postgres
# user (initdb refuses root); run as anyone else, it runs as that user.
#
# Options:
#   --dir DIR        the cluster's folder (created; must be empty or absent)
#   --port N         the port (default: a free one)
#
# Prints, one per line: POSTGRES_PORT=…, POSTGRES_PASSWORD=…, POSTGRES_CONNECTION=<Npgsql connection string>.
# The same lines are kept in DIR/connection.env, which a shell can source. Stop it with scripts/postgres/stop.sh --dir DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../ports.sh"
dir="" port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] || { echo "usage: start.sh --dir DIR [--port N]" >&2; exit 2; }
if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
  echo "start.sh: $dir is not empty; give a new folder" >&2
  exit 4
fi
command -v pg_config >/dev/null 2>&1 || { echo "start.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 3; }
bin="$(pg_config --bindir)"
[ -x "$bin/initdb" ] || bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -x "$bin/initdb" ] || { echo "start.sh: initdb not found (apt-get install postgresql)" >&2; exit 3; }

[ -n "$port" ] || port="$(free_port)"
port_is_free "$port" || { echo "start.sh: port $port on 127.0.0.1 is in use" >&2; exit 4; }
password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"

mkdir -p "$dir"
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_server=(runuser -u postgres --)
fi
pwfile="$dir/.pw"
printf '%s\n' "$password" > "$pwfile"
[ "${#as_server[@]}" -eq 0 ] || chown postgres: "$pwfile"
chmod 600 "$pwfile"

"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 5; }
rm -f "$pwfile"
# Unix sockets in the cluster's own folder, TCP only on loopback.
"${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
  start >/dev/null || { tail -n 30 "$dir/postgres.log" >&2; exit 5; }

{
  echo "POSTGRES_PORT=$port"
  echo "POSTGRES_PASSWORD=$password"
  # Quoted: the file is sourced by shells, where a bare ';' would end the assignment.
  echo "POSTGRES_CONNECTION='Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres'"
} | tee "$dir/connection.env"
chmod 600 "$dir/connection.env"
