#!/usr/bin/env bash
# PostgreSQL 15 for the storage tests: installs the Debian packages, starts a real
# server on 127.0.0.1:${TIDINGS_PG_PORT:-55432} and creates user and database
# `tidings` / `tidings_test` (password `tidings`). The tests connect to
# $TIDINGS_TEST_PG, by default postgresql://tidings:tidings@127.0.0.1:55432/tidings_test.
# Idempotent: a server already running is left as it is. Runs as root.
set -euo pipefail
PORT=${TIDINGS_PG_PORT:-55432}
DATA=${TIDINGS_PG_DATA:-/var/lib/postgresql/tidings-test}
BIN=/usr/lib/postgresql/15/bin

if ! [ -x "$BIN/postgres" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi

as_postgres() { runuser -u postgres -- "$@"; }

if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    if ! [ -s "$DATA/PG_VERSION" ]; then
        mkdir -p "$DATA"
        chown postgres:postgres "$DATA"
        chmod 700 "$DATA"
        as_postgres "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    fi
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=/tmp \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
fi

PSQL=/usr/bin/psql
[ -x "$PSQL" ] || PSQL=/usr/lib/postgresql/15/bin/psql
psql_admin() { as_postgres "$PSQL" -h /tmp -p "$PORT" -U postgres -qtAX "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'tidings'")" != "1" ]; then
    psql_admin -c "CREATE ROLE tidings LOGIN PASSWORD 'tidings'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'tidings_test'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE tidings_test OWNER tidings"
fi
echo "PostgreSQL 15 ready: postgresql://tidings:tidings@127.0.0.1:$PORT/tidings_test"
