#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them, printing figures.
#
#   scripts/bench.sh [list|import|preview|studio|run|kannel|dashboard|cluster|all|smoke] [--customers N] [--rows N] [--db PATH]
#                    [--fill raw|upsert] [--repetitions R] [--explain-all] [--messages N] [--keep]
#                    [--provider sqlite|postgres | --postgres]
#
# The list scenario keeps its database in artifacts/bench/customers-N.db (unless --db is given), so
# a second run at the same size skips the fill. Delete the file to start over. The dashboard scenario
# fills artifacts/bench/dashboard-N.db afresh for each size (100,000 and 10,000,000 messages unless
# --messages N) and deletes it afterwards unless --keep. With --provider postgres (dashboard only) it
# starts a private PostgreSQL (scripts/postgres/start.sh, fsync off) in a temporary folder, fills a
# database per size there, and stops and removes the server at the end, also on failure. The cluster
# scenario always does so: it builds the portal too and runs one and then two portal processes on it.
# The smoke scenario runs every other scenario once at a size of seconds (about four minutes in all):
# figures are printed, not asserted, and a scenario that no longer runs fails it. The test command runs it,
# so a product change that breaks a benchmark fails CI. PORTAL_BENCH_BUILT=1 skips the builds (the test
# command has built the solution in Release already). See docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/bench/OverdueSmsPortal.Benchmarks"

scenario="${1:-all}"
if [[ $# -gt 0 ]]; then
    shift
fi
case "$scenario" in
    list | import | preview | studio | run | kannel | dashboard | cluster | all | smoke) ;;
    *)
        echo "usage: scripts/bench.sh [list|import|preview|studio|run|kannel|dashboard|cluster|all|smoke] [--customers N] [options]" >&2
        exit 2
        ;;
esac

if [[ "$scenario" == smoke ]]; then
    if [[ "${PORTAL_BENCH_BUILT:-}" != 1 ]]; then
        echo "building the benchmarks and the portal (Release)..."
        dotnet build "$project" -c Release --nologo -v quiet
        dotnet build "$root/src/OverdueSmsPortal.Web" -c Release --nologo -v quiet
    fi
    smoke_dir="$(mktemp -d "${TMPDIR:-/tmp}/overdue-sms-bench-smoke.XXXXXX")"
    trap 'rm -rf "$smoke_dir"' EXIT
    failed=()
    smoke() {
        local started=$SECONDS
        echo "==== benchmark smoke: $* ===="
        if PORTAL_BENCH_BUILT=1 bash "$root/scripts/bench.sh" "$@" </dev/null; then
            echo "==== benchmark smoke: $1 ran in $((SECONDS - started)) s ===="
        else
            echo "==== benchmark smoke: $1 FAILED ===="
            failed+=("$1")
        fi
    }
    smoke list --customers 2000 --repetitions 1 --db "$smoke_dir/list.db"
    smoke import --rows 1000
    smoke preview --repetitions 1
    smoke studio --customers 2000 --repetitions 1 --db "$smoke_dir/studio.db"
    smoke run --customers 1000 --repetitions 1
    smoke kannel --customers 200 --repetitions 1
    # The dashboard's open run takes 5,000 customers of its own: fewer would repeat a customer in it.
    smoke dashboard --customers 6000 --messages 6000 --repetitions 1 --db "$smoke_dir/dashboard.db"
    smoke dashboard --provider postgres --customers 6000 --messages 6000 --repetitions 1
    smoke cluster --customers 500
    if [[ ${#failed[@]} -gt 0 ]]; then
        echo "benchmarks that no longer run: ${failed[*]}" >&2
        exit 1
    fi
    exit 0
fi

customers=1000000
if [[ "$scenario" == run ]]; then customers=100000; fi
if [[ "$scenario" == kannel ]]; then customers=5000; fi
if [[ "$scenario" == dashboard ]]; then customers=200000; fi
if [[ "$scenario" == cluster ]]; then customers=30000; fi
has_db=false
postgres=false
if [[ "$scenario" == cluster ]]; then postgres=true; fi
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --customers) customers="${args[i + 1]:-}" ;;
        --db) has_db=true ;;
        --postgres) postgres=true ;;
        --provider) if [[ "${args[i + 1]:-}" == postgres ]]; then postgres=true; fi ;;
    esac
done
if [[ "$postgres" == true && "$scenario" != dashboard && "$scenario" != cluster ]]; then
    echo "bench.sh: --provider postgres runs the dashboard scenario only" >&2
    exit 2
fi
# The run scenario writes an outbox per repetition: it works on a temporary database of its own.
if [[ "$scenario" != import && "$scenario" != preview && "$scenario" != run && "$scenario" != kannel && "$has_db" == false && "$postgres" == false ]]; then
    mkdir -p "$root/artifacts/bench"
    if [[ "$scenario" == dashboard ]]; then
        args+=(--db "$root/artifacts/bench/dashboard.db")
    else
        args+=(--db "$root/artifacts/bench/customers-$customers.db")
    fi
fi

if [[ "${PORTAL_BENCH_BUILT:-}" != 1 ]]; then
    echo "building the benchmarks (Release)..."
    if ! build_output="$(dotnet build "$project" -c Release --nologo -v quiet 2>&1)"; then
        echo "$build_output" >&2
        exit 1
    fi
fi
if [[ "$scenario" == cluster && "${PORTAL_BENCH_BUILT:-}" != 1 ]]; then
    echo "building the portal (Release)..."
    if ! build_output="$(dotnet build "$root/src/OverdueSmsPortal.Web" -c Release --nologo -v quiet 2>&1)"; then
        echo "$build_output" >&2
        exit 1
    fi
fi
benchmarks="$project/bin/Release/net10.0/OverdueSmsPortal.Benchmarks.dll"
if [[ "$postgres" == true ]]; then
    server_dir="$(mktemp -d "${TMPDIR:-/tmp}/overdue-sms-bench-postgres.XXXXXX")"
    stop_server() { "$root/scripts/postgres/stop.sh" --dir "$server_dir" --remove >/dev/null 2>&1 || true; }
    trap stop_server EXIT
    trap 'exit 130' INT TERM
    echo "starting a private PostgreSQL in $server_dir (fsync off)..."
    "$root/scripts/postgres/start.sh" --dir "$server_dir" >/dev/null
    # shellcheck disable=SC1091
    . "$server_dir/connection.env"
    export PORTAL_BENCH_POSTGRES="$POSTGRES_CONNECTION"
fi
# One process per scenario, so the import's memory figures are its own.
if [[ "$scenario" == all ]]; then
    dotnet "$benchmarks" list "${args[@]}"
    dotnet "$benchmarks" import "${args[@]}"
    dotnet "$benchmarks" preview
    dotnet "$benchmarks" studio "${args[@]}"
    dotnet "$benchmarks" run
    dotnet "$benchmarks" kannel
else
    dotnet "$benchmarks" "$scenario" "${args[@]}"
fi
