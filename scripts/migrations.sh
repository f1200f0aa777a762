#!/usr/bin/env bash
# Keeps the two stores' migrations in step: every change to the model is one migration of the same
# name for SQLite (PortalDbContext, Persistence/Migrations) and for PostgreSQL
# (PostgresPortalDbContext, Persistence/PostgresMigrations).
#
#   scripts/migrations.sh add NAME     adds migration NAME for both providers
#   scripts/migrations.sh remove       removes the last migration of both providers
#   scripts/migrations.sh check        fails when either provider's model has changes no migration holds
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

project=src/OverdueSmsPortal.Infrastructure
contexts=("PortalDbContext:Persistence/Migrations" "PostgresPortalDbContext:Persistence/PostgresMigrations")

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

[ $# -ge 1 ] || usage
dotnet tool restore >/dev/null
dotnet build "$project" -c Debug >/dev/null

case "$1" in
  add)
    [ $# -eq 2 ] || usage
    for entry in "${contexts[@]}"; do
      context="${entry%%:*}" folder="${entry#*:}"
      dotnet ef migrations add "$2" --no-build --project "$project" --context "$context" --output-dir "$folder"
    done
    ;;
  remove)
    for entry in "${contexts[@]}"; do
      dotnet ef migrations remove --no-build --project "$project" --context "${entry%%:*}" --force
    done
    ;;
  check)
    for entry in "${contexts[@]}"; do
      dotnet ef migrations has-pending-model-changes --no-build --project "$project" --context "${entry%%:*}"
    done
    ;;
  *)
    usage
    ;;
esac
