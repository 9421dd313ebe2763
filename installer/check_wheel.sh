#!/usr/bin/env bash
# CI step: the package is whole (issue #11.2).
# Builds sdist + wheel with `python -m build` (the wheel is built from the sdist), installs the
# wheel in a clean venv (not editable, no source tree on sys.path, run from another folder)
# and runs installer/smoke.sh with it: forms check, demo, every report kind, screenshots, backup.
#   installer/check_wheel.sh            (PYTHON=... to choose the interpreter; default .venv's)
# Exits non-zero on any failure; prints the duration.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY="${PYTHON:-$ROOT/.venv/bin/python}"
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PY" -m build --version >/dev/null 2>&1 || "$PY" -m pip install -q "build>=1.2"
echo "==> building sdist and wheel"
"$PY" -m build --outdir "$work/dist" "$ROOT" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
wheel=$(ls "$work"/dist/boligvurdering-*.whl)
"$PY" - "$wheel" <<'PYEOF' || exit 1
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = ["boligvurdering/_forms/questionnaires/falls.toml", "boligvurdering/_resources/fonts/DejaVuSans.ttf",
          "boligvurdering/store/migrations/env.py", "boligvurdering/store/migrations/versions/0001_initial.py"]
missing = [n for n in needed if n not in names]
sys.exit(f"wheel lacks {missing}" if missing else 0)
PYEOF

echo "==> installing $(basename "$wheel") in a clean venv"
"$PY" -m venv "$work/venv"
# the locked versions (as constraints: the wheel itself has no hash in the lock)
grep -v -e '--hash' "$ROOT/installer/requirements.lock" | sed 's/ *\\$//' >"$work/constraints.txt"
"$work/venv/bin/python" -m pip install -q -c "$work/constraints.txt" "$wheel"
location=$(cd "$work" && env -u PYTHONPATH "$work/venv/bin/python" -c \
    'import boligvurdering, sys; print(boligvurdering.__file__)')
[[ "$location" == "$work/venv/"* ]] || { echo "boligvurdering imported from $location, not the venv" >&2; exit 1; }

echo "==> smoke test of the installed wheel"
"$ROOT/installer/smoke.sh" "$work/venv/bin/boligvurdering"
echo "wheel check passed in $(( $(date +%s) - start )) s"
