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
fakesmsc="$(dpkg -L kannel-extras 2>/dev/null | grep '/fakesmsc$' | head -n1 || true)"
fakesmsc="${fakesmsc:-/usr/lib/kannel/test/fakesmsc}"
if [ ! -x "$fakesmsc" ]; then
  echo "start.sh: fakesmsc is not installed (apt-get install kannel-extras)" >&2
  exit 3
fi

[ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/kannel.XXXXXX")"
mkdir -p "$dir/store" "$dir/dlr"
dir="$(cd "$dir" && pwd)"
if [ -f "$dir/bearerbox.pid" ] && kill -0 "$(cat "$dir/bearerbox.pid")" 2>/dev/null; then
  echo "start.sh: a Kannel is already running from $dir; stop it first" >&2
  exit 4
fi

taken=""
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 40000 ))
    case " $taken " in *" $port "*) continue ;; esac
    if port_is_free "$port"; then taken="$taken $port"; echo "$port"; return; fi
  done
}
[ -n "$sendsms_port" ] || sendsms_port="$(free_port)"; taken="$taken $sendsms_port"
[ -n "$admin_port" ] || admin_port="$(free_port)"; taken="$taken $admin_port"
[ -n "$smsbox_port" ] || smsbox_port="$(free_port)"; taken="$taken $smsbox_port"
[ -n "$smsc_port" ] || smsc_port="$(free_port)"; taken="$taken $smsc_port"
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

started=()
cleanup_on_failure() {
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup_on_failure ERR

"$bearerbox" "$dir/kannel.conf" >"$dir/bearerbox.out" 2>&1 </dev/null &
echo $! > "$dir/bearerbox.pid"; started+=("$!")
wait_for_port() {
  local port="$1" what="$2" deadline=$(( SECONDS + 30 ))
  until ! port_is_free "$port"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "start.sh: $what did not open 127.0.0.1:$port within 30 s; see $dir" >&2
      tail -n 20 "$dir"/*.out >&2 || true
      cleanup_on_failure; exit 5
    fi
    sleep 0.1
  done
}
wait_for_port "$smsbox_port" bearerbox
"$smsbox" "$dir/kannel.conf" >"$dir/smsbox.out" 2>&1 </dev/null &
echo $! > "$dir/smsbox.pid"; started+=("$!")
wait_for_port "$sendsms_port" smsbox
echo "$smsc_port" > "$dir/smsc.port"
"$here/fakesmsc.sh" --dir "$dir" start

deadline=$(( SECONDS + 30 ))
status_url="http://127.0.0.1:$admin_port/status.txt?password=$admin_password"
until curl -fsS "$status_url" 2>/dev/null | grep -q 'online'; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "start.sh: the fake SMSC did not come online within 30 s; see $dir" >&2
    cleanup_on_failure; "$here/fakesmsc.sh" --dir "$dir" stop || true; exit 5
  fi
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
