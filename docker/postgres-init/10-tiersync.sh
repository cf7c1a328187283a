#!/usr/bin/env bash
# Creates tiersync's own PostgreSQL user and database (owned by that user, so the job store's
# migrations may create its tables) beside Temporal's. The postgres image runs this once, when it
# initialises a new data volume; on a volume made before, run it by hand (it changes nothing that
# exists): docker compose exec postgresql bash /docker-entrypoint-initdb.d/10-tiersync.sh
set -euo pipefail

: "${TIERSYNC_DB_PASSWORD:?set TIERSYNC_DB_PASSWORD for the tiersync database user}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$TIERSYNC_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE tiersync LOGIN PASSWORD ' || quote_literal(:'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tiersync') \gexec
SELECT 'CREATE DATABASE tiersync OWNER tiersync'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'tiersync') \gexec
SQL
