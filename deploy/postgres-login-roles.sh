#!/bin/sh
# First start of the compose database: the server's two login roles, with the passwords from
# the environment (see postgres-roles.sql for what each may do; the migrations grant it).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_pw="$SID_APP_PASSWORD" -v regency_pw="$SID_REGENCY_PASSWORD" <<'SQL'
CREATE ROLE sid_app LOGIN PASSWORD :'app_pw' NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
CREATE ROLE sid_regency LOGIN PASSWORD :'regency_pw' NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
SQL
