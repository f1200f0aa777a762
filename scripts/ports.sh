# Shared by the scripts that start servers (sourced, not run): free ports on 127.0.0.1.

# Ports already handed out by this script run, so that two calls never give the same one.
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
