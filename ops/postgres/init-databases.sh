#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised: one database and one owner per service
# (ingest-service and alert-service), so neither can read the other's tables. Passwords come from the environment.
set -eu
: "${INGEST_DB_PASSWORD:?INGEST_DB_PASSWORD must be set}"
: "${ALERTS_DB_PASSWORD:?ALERTS_DB_PASSWORD must be set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v ingest_password="$INGEST_DB_PASSWORD" -v alerts_password="$ALERTS_DB_PASSWORD" <<'SQL'
CREATE ROLE rusvarsel_ingest LOGIN PASSWORD :'ingest_password';
CREATE DATABASE ingest OWNER rusvarsel_ingest;
REVOKE ALL ON DATABASE ingest FROM PUBLIC;
CREATE ROLE rusvarsel_alerts LOGIN PASSWORD :'alerts_password';
CREATE DATABASE alerts OWNER rusvarsel_alerts;
REVOKE ALL ON DATABASE alerts FROM PUBLIC;
SQL
