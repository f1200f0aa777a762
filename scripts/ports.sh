# Shared by the scripts that start servers (sourced, not run): free ports on 127.0.0.1.

# Ports already handed out by this script run, so that two calls never give the same one.
taken=""

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Ports are picked below the kernel's range for outgoing connections (ip_local_port_range): a port in
# that range can be taken by any client's connection between the check and the server's bind, or
# while a server is stopped to be started again on the same port (seen when many database
# connections were open).
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
[ "$ephemeral_low" -gt 12000 ] 2>/dev/null || ephemeral_low=32768

free_port() {
  local port
  while true; do
    port=$(( 10000 + RANDOM % (ephemeral_low - 10000) ))
    case " $taken " in *" $port "*) continue ;; esac
    if port_is_free "$port"; then taken="$taken $port"; echo "$port"; return; fi
  done
}
