#!/usr/bin/env bash
# A local team server for trying it (docs/SERVER.md), run by `./dev server`:
#   - uses BOLIGVURDERING_DATABASE_URL if set; otherwise makes sure a PostgreSQL answers on
#     127.0.0.1:5432 (.ci/postgres.sh: starts Debian's PostgreSQL in a folder if none runs)
#     and uses the database "boligvurdering" there (created if missing);
#   - migrates, creates the administrator BOLIGVURDERING_ADMIN (default "admin", team
#     BOLIGVURDERING_TEAM, default "Prøveteam") with BOLIGVURDERING_NEW_PASSWORD if it is new;
#   - serves on http://127.0.0.1:8443 (loopback: no TLS needed).
# Run from the repository root with the project installed in .venv (./dev test installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${PY:-.venv/bin/python}"
if [ -z "${BOLIGVURDERING_DATABASE_URL:-}" ]; then
    .ci/postgres.sh
    "$PY" - <<'PYEOF'
from sqlalchemy import create_engine, text
engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT")
with engine.connect() as conn:
    if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = 'boligvurdering'")).scalar():
        conn.execute(text('CREATE DATABASE "boligvurdering"'))
PYEOF
    export BOLIGVURDERING_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/boligvurdering"
fi
export BOLIGVURDERING_HOST=127.0.0.1 BOLIGVURDERING_PORT="${BOLIGVURDERING_PORT:-8443}"
"$PY" -m boligvurdering server migrate
if [ -n "${BOLIGVURDERING_NEW_PASSWORD:-}" ]; then
    "$PY" -m boligvurdering server create-admin "${BOLIGVURDERING_ADMIN:-admin}" \
        --team "${BOLIGVURDERING_TEAM:-Prøveteam}" 2>/dev/null || true
fi
echo "==> Teamserveren kjører på http://127.0.0.1:$BOLIGVURDERING_PORT (Ctrl+C stopper)" >&2
exec "$PY" -m boligvurdering server run
