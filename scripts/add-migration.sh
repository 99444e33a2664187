#!/usr/bin/env bash
# Adds an EF Core migration with the same NAME to both providers (PostgreSQL and SQLite).
#   scripts/add-migration.sh AddFunds
# Each provider has its own context subclass (PostgresAppDbContext, SqliteAppDbContext) and its own
# folder of migrations, compiled into the app (docs/decisions/0002-migrations.md).
set -euo pipefail

if [[ $# -ne 1 || -z $1 || $1 == -* ]]; then
  echo "usage: $0 NAME" >&2
  exit 2
fi
name="$1"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dotnet tool restore >/dev/null
dotnet build src/InvestTrack -v q -nologo >/dev/null

for provider in Postgres Sqlite; do
  echo "[add-migration] $name -> src/InvestTrack.Migrations.$provider/Migrations"
  dotnet tool run dotnet-ef migrations add "$name" \
    --no-build \
    --context "${provider}AppDbContext" \
    --project src/InvestTrack \
    --output-dir "../InvestTrack.Migrations.$provider/Migrations" \
    --namespace "InvestTrack.Migrations.$provider"
  # dotnet-ef cannot find a snapshot that lives outside the project folder and writes a new one
  # inside it: move it back beside its migrations.
  find src/InvestTrack -name "${provider}AppDbContextModelSnapshot.cs" -not -path "*/obj/*" -not -path "*/bin/*" \
    -exec mv -f {} "src/InvestTrack.Migrations.$provider/Migrations/" \;
  find src/InvestTrack -type d -empty -not -path "*/obj/*" -not -path "*/bin/*" -delete
  dotnet build src/InvestTrack -v q -nologo >/dev/null
done
