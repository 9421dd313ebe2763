#!/usr/bin/env bash
# PostgreSQL for the team-server tests (tests/server): make sure one answers on 127.0.0.1:$PORT
# (default 5432) with trust authentication for the user "postgres". Idempotent:
#   - something answers on the port already → nothing is done;
#   - otherwise Debian's PostgreSQL is installed if missing (apt-get, as root or with sudo) and a
#     throw-away cluster is started in $PGDATA_DIR (trust on loopback only), as the postgres user.
# Tests read BOLIGVURDERING_TEST_PG (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
PORT="${BOLIGVURDERING_PG_PORT:-5432}"
PGDATA_DIR="${BOLIGVURDERING_PG_DATA:-/var/tmp/boligvurdering-pg-$PORT}"

say() { printf '==> %s\n' "$*" >&2; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else say "Need root or sudo to install PostgreSQL."; return 1; fi
}

if answers; then
    exit 0
fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
    say "Installing PostgreSQL (apt-get)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
BIN="$(pg_bin)"
[ -n "$BIN" ] || { say "PostgreSQL binaries not found after installation."; exit 1; }

# Run the server as "postgres" when we are root (PostgreSQL refuses to run as root), else as ourselves.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    run_pg() { su postgres -s /bin/sh -c "$*"; }
    mkdir -p "$PGDATA_DIR" && chown postgres "$PGDATA_DIR" && chmod 700 "$PGDATA_DIR"
else
    run_pg() { sh -c "$*"; }
    mkdir -p "$PGDATA_DIR" && chmod 700 "$PGDATA_DIR"
fi

if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    say "Creating a PostgreSQL cluster in $PGDATA_DIR (trust on loopback)"
    run_pg "'$BIN/initdb' -D '$PGDATA_DIR' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
fi
say "Starting PostgreSQL on 127.0.0.1:$PORT"
run_pg "'$BIN/pg_ctl' -D '$PGDATA_DIR' -l '$PGDATA_DIR/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories='$PGDATA_DIR' -c fsync=off\" start >/dev/null"
answers || { say "PostgreSQL did not start; see $PGDATA_DIR/server.log"; exit 1; }
