#!/usr/bin/env bash
# Starts a private Kannel for developers and tests: bearerbox, smsbox and the fake SMSC client
# (fakesmsc), all bound to 127.0.0.1, in a run folder of their own. Waits until the sendsms
# interface answers and the fake SMSC is online, then prints the settings to use (also written to
# <dir>/kannel.env). Stop it with scripts/kannel/stop.sh --dir <dir>.
#
#   scripts/kannel/start.sh --dir /tmp/kannel --mo-url 'http://127.0.0.1:5000/api/v1/gateway/kannel/mo?token=…'
#
# Options (every port is a free one unless given):
#   --dir DIR            run folder: config, logs, spool, pids (default: a new temp folder)
#   --mo-url URL         where inbound messages (MO) go; from, to, text, charset, coding, id and at
#                        are appended as query parameters
#   --sendsms-port N     smsbox's HTTP sendsms port (the portal's Kannel URL)
#   --admin-port N       bearerbox's admin HTTP port
#   --smsbox-port N      bearerbox's port for smsbox
#   --smsc-port N        the fake SMSC's port
#   --username U --password P   the sendsms user (default portal / a random password)
#   --throughput N       messages per second the fake SMSC takes (default: no limit)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/lib.sh"
dir="" mo_url="" sendsms_port="" admin_port="" smsbox_port="" smsc_port=""
username="portal" password="" throughput=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --mo-url) mo_url="$2"; shift 2 ;;
    --sendsms-port) sendsms_port="$2"; shift 2 ;;
    --admin-port) admin_port="$2"; shift 2 ;;
    --smsbox-port) smsbox_port="$2"; shift 2 ;;
    --smsc-port) smsc_port="$2"; shift 2 ;;
    --username) username="$2"; shift 2 ;;
    --password) password="$2"; shift 2 ;;
    --throughput) throughput="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "start.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

for tool in bearerbox smsbox; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "start.sh: $tool is not installed (apt-get install kannel kannel-extras)" >&2
    exit 3
  fi
done
bearerbox="$(command -v bearerbox || echo /usr/sbin/bearerbox)"
smsbox="$(command -v smsbox || echo /usr/sbin/smsbox)"
if [ ! -x "$(fakesmsc_path)" ]; then
  echo "start.sh: fakesmsc is not installed (apt-get install kannel-extras)" >&2
  exit 3
fi
command -v curl >/dev/null 2>&1 || { echo "start.sh: curl is needed to see Kannel come up (apt-get install curl)" >&2; exit 3; }

[ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/kannel.XXXXXX")"
mkdir -p "$dir/store" "$dir/dlr"
dir="$(cd "$dir" && pwd)"
for process in bearerbox smsbox fakesmsc; do
  if running "$dir/$process.pid"; then
    echo "start.sh: a Kannel is already running from $dir ($process); stop it first: scripts/kannel/stop.sh --dir $dir" >&2
    exit 4
  fi
done

. "$here/../ports.sh"
[ -n "$sendsms_port" ] || sendsms_port="$(free_port)"; taken="$taken $sendsms_port"
[ -n "$admin_port" ] || admin_port="$(free_port)"; taken="$taken $admin_port"
[ -n "$smsbox_port" ] || smsbox_port="$(free_port)"; taken="$taken $smsbox_port"
[ -n "$smsc_port" ] || smsc_port="$(free_port)"; taken="$taken $smsc_port"
for port in "$sendsms_port" "$admin_port" "$smsbox_port" "$smsc_port"; do
  port_is_free "$port" || { echo "start.sh: port $port on 127.0.0.1 is in use; give another or leave it out for a free one" >&2; exit 4; }
done
[ -n "$password" ] || password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
admin_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
[ -n "$mo_url" ] || mo_url="http://127.0.0.1:9/no-mo-url-given"
case "$mo_url" in *\?*) joiner="&" ;; *) joiner="?" ;; esac
mo_full="${mo_url}${joiner}from=%p&to=%P&text=%a&charset=%C&coding=%c&id=%I&at=%T"
throughput_line=""
[ -z "$throughput" ] || throughput_line="throughput = $throughput"

# sed replacement text: escape the characters sed treats specially.
escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
sed -e "s|@DIR@|$(escape "$dir")|g" \
    -e "s|@ADMIN_PORT@|$admin_port|g" -e "s|@ADMIN_PASSWORD@|$admin_password|g" \
    -e "s|@SMSBOX_PORT@|$smsbox_port|g" -e "s|@SENDSMS_PORT@|$sendsms_port|g" \
    -e "s|@SMSC_PORT@|$smsc_port|g" -e "s|@USERNAME@|$(escape "$username")|g" \
    -e "s|@PASSWORD@|$(escape "$password")|g" -e "s|@THROUGHPUT_LINE@|$throughput_line|g" \
    -e "s|@MO_URL@|$(escape "$mo_full")|g" \
    "$here/kannel.conf.template" > "$dir/kannel.conf"

# On any failure from here on, nothing started is left running. The boxes' standard streams go to
# files, so a caller that reads this script's output is not kept waiting by them.
fail() {
  echo "start.sh: $1; see $dir" >&2
  tail -n 20 "$dir"/*.out "$dir"/*.log >&2 2>/dev/null || true
  "$here/stop.sh" --dir "$dir" >/dev/null 2>&1 || true
  exit 5
}
trap 'fail "a step failed (line $LINENO)"' ERR

# Waits until 127.0.0.1:$1 accepts connections, failing early if process $3 has died.
wait_for_port() {
  local port="$1" what="$2" pidfile="$3" deadline=$(( SECONDS + 30 ))
  until ! port_is_free "$port"; do
    running "$pidfile" || fail "$what exited before it opened 127.0.0.1:$port"
    [ "$SECONDS" -lt "$deadline" ] || fail "$what did not open 127.0.0.1:$port within 30 s"
    sleep 0.1
  done
}
"$bearerbox" "$dir/kannel.conf" </dev/null >"$dir/bearerbox.out" 2>&1 &
echo $! > "$dir/bearerbox.pid"
wait_for_port "$smsbox_port" bearerbox "$dir/bearerbox.pid"
"$smsbox" "$dir/kannel.conf" </dev/null >"$dir/smsbox.out" 2>&1 &
echo $! > "$dir/smsbox.pid"
wait_for_port "$sendsms_port" smsbox "$dir/smsbox.pid"
echo "$smsc_port" > "$dir/smsc.port"
"$here/fakesmsc.sh" --dir "$dir" start

deadline=$(( SECONDS + 30 ))
status_url="http://127.0.0.1:$admin_port/status.txt?password=$admin_password"
until curl -fsS "$status_url" 2>/dev/null | grep -q 'online'; do
  running "$dir/fakesmsc.pid" || fail "the fake SMSC client exited before it came online"
  [ "$SECONDS" -lt "$deadline" ] || fail "the fake SMSC did not come online within 30 s"
  sleep 0.2
done
trap - ERR

cat > "$dir/kannel.env" <<ENV
KANNEL_DIR=$dir
KANNEL_SENDSMS_URL=http://127.0.0.1:$sendsms_port/cgi-bin/sendsms
KANNEL_USERNAME=$username
KANNEL_PASSWORD=$password
KANNEL_ADMIN_URL=http://127.0.0.1:$admin_port
KANNEL_ADMIN_PASSWORD=$admin_password
KANNEL_SMSC_PORT=$smsc_port
KANNEL_SENDSMS_PORT=$sendsms_port
KANNEL_SMSBOX_PORT=$smsbox_port
KANNEL_ADMIN_PORT=$admin_port
ENV
cat "$dir/kannel.env"
