#!/usr/bin/env bash
# The project's one test command: installs what the tests need, builds, runs every test project.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The browser tests drive Debian's Chromium: Playwright cannot download its own browser here.
# A CJK font makes the Chinese UI legible in the screenshots they save (boxes without it).
# The gateway tests run a real Kannel (bearerbox, smsbox and the fake SMSC of kannel-extras),
# started by scripts/kannel/start.sh on loopback; no system service is used.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
dpkg -s kannel >/dev/null 2>&1 || missing+=(kannel)
dpkg -s kannel-extras >/dev/null 2>&1 || missing+=(kannel-extras)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The PostgreSQL tests start a private cluster of their own (scripts/postgres/start.sh), no system service.
dpkg -s postgresql >/dev/null 2>&1 || missing+=(postgresql)
# The cluster test puts a private HAProxy (scripts/haproxy/start.sh) in front of two portal nodes.
dpkg -s haproxy >/dev/null 2>&1 || missing+=(haproxy)
if [ "${#missing[@]}" -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then as_root=(sudo); fi
  # env passes DEBIAN_FRONTEND through sudo, so no prompt can wait on the absent stdin.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
PORTAL_CHROMIUM="$(command -v chromium)"
export PORTAL_CHROMIUM

dotnet restore OverdueSmsPortal.sln
dotnet build OverdueSmsPortal.sln -c Release --no-restore
rm -f artifacts/browser-portal*.log

# Every test project runs twice: on SQLite (each data test has a file of its own), then on
# PostgreSQL (each has a database of its own on one private server; see tests/Shared/TestStore.cs).
postgres_dir="$(mktemp -d -t portal-test-postgres-XXXXXX)"
trap 'bash scripts/postgres/stop.sh --dir "$postgres_dir" --remove >/dev/null 2>&1 || true' EXIT

# A test still running after this long is taken as hung: its test process is stopped and the test named
# ("The active test run was aborted… the test(s) running were: …"), so that one hang fails the run with its
# name instead of using up CI's time. The longest test, the two-node campaign, takes about 11 minutes.
hang_timeout=25m

status=0
failed_summary=()
run_suite() {
  local store="$1" started=$SECONDS
  echo "==== the test suite on $store ($(date -u +%H:%M:%S) UTC) ===="
  # verbosity=normal lists each test with its outcome and prints the message and stack of every failure.
  local log="artifacts/test-$store.log"
  mkdir -p artifacts
  # The output is kept in a file too, so that the names of the failed tests can be repeated at the end:
  # CI shows only the last lines of a long run.
  dotnet test OverdueSmsPortal.sln -c Release --no-build "${@:2}" --logger "console;verbosity=normal" \
    --blame-hang --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none </dev/null 2>&1 | tee "$log" || {
    status=1
    echo "==== the test suite failed on $store ===="
    failed_summary+=("---- failed on $store ----")
    while IFS= read -r line; do failed_summary+=("$line"); done \
      < <(grep -E '^\s+Failed OverdueSmsPortal\.|aborted|test\(s\) running were|Failed!' "$log" | sort -u | head -n 60)
    # A browser test failure is often explained by the portal's side: show the last lines of each
    # portal the browser tests started (the journey's log is long: it has Debug and every SQL command).
    for log in artifacts/browser-portal*.log; do
      [ -s "$log" ] || continue
      echo "---- last lines the portal printed during the browser tests on $store ($log) ----"
      tail -n 120 "$log"
    done
  }
  echo "==== the test suite on $store took $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s ===="
}

run_suite SQLite

# Every benchmark once at a size of seconds: a product change that breaks one fails here, not months later.
echo "==== the benchmarks at smoke size ($(date -u +%H:%M:%S) UTC) ===="
bench_started=$SECONDS
if ! PORTAL_BENCH_BUILT=1 bash scripts/bench.sh smoke; then
  status=1
  failed_summary+=("---- the benchmarks at smoke size failed (see their output above) ----")
fi
echo "==== the benchmarks took $(( (SECONDS - bench_started) / 60 )) min $(( (SECONDS - bench_started) % 60 )) s ===="

# The start script prints shell-quoted NAME=value lines: POSTGRES_PORT, POSTGRES_PASSWORD, POSTGRES_CONNECTION.
eval "$(bash scripts/postgres/start.sh --dir "$postgres_dir")"
export PORTAL_TEST_DATABASE=Postgres PORTAL_TEST_POSTGRES="$POSTGRES_CONNECTION"
# One test project at a time here: the two-node test (two portals, Kannel, HAProxy) beside the browser
# and web tests overloaded two cores, and portals timed out starting.
run_suite PostgreSQL -m:1
if [ "${#failed_summary[@]}" -gt 0 ]; then
  echo "==== what failed ===="
  printf '%s\n' "${failed_summary[@]}"
fi
exit "$status"
