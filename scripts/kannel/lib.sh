# Shared by the Kannel scripts (sourced, not run): stopping a process by its pid file.

# Waits up to $2 tenths of a second for process $1 to end; fails if it is still there.
wait_for_end() {
  local pid="$1" tenths="$2"
  for _ in $(seq 1 "$tenths"); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  ! kill -0 "$pid" 2>/dev/null
}

# Stops the process named in pid file $1 (TERM, then KILL after 10 s) and removes the file.
stop_pid() {
  local pidfile="$1" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    if ! wait_for_end "$pid" 100; then
      echo "$(basename "$pidfile" .pid) ($pid) did not stop within 10 s; killed" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

# Whether the process named in pid file $1 is running.
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Where kannel-extras put the fake SMSC client.
fakesmsc_path() {
  local path
  path="$(dpkg -L kannel-extras 2>/dev/null | grep '/fakesmsc$' | head -n1 || true)"
  echo "${path:-/usr/lib/kannel/test/fakesmsc}"
}
