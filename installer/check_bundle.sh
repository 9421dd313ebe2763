#!/usr/bin/env bash
# CI step: the bundle works (issue #11.3–4).
# Builds the one-folder PyInstaller bundle (windowed `Boligvurdering` + console
# `boligvurdering-cli`) on Python 3.12 when available (BUNDLE_PYTHON to choose), from the hashed
# lock file, then runs from it: --version, forms check, demo, every report kind, screenshots,
# backup (installer/smoke.sh), and measures the start time to the sign-in window.
# Prints bundle size, start time and duration; exits non-zero on any failure.
# Output: dist/Boligvurdering/ (the bundle) and dist/meta/ (notices, CycloneDX SBOM).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
start=$(date +%s)

pick_python() {
    if [ -n "${BUNDLE_PYTHON:-}" ]; then echo "$BUNDLE_PYTHON"; return; fi
    for candidate in /root/.pyenv/versions/3.12.*/bin/python3 "$(command -v python3.12 || true)"; do
        [ -x "$candidate" ] && { echo "$candidate"; return; }
    done
    echo "${PYTHON:-python3}"
}
PY=$(pick_python)
pyver=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
venv="build/bundle-venv-$pyver"
stamp="$venv/.lock-$(sha256sum installer/requirements.lock | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "==> build environment on Python $pyver from installer/requirements.lock"
    rm -rf "$venv"
    "$PY" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q --require-hashes -r installer/requirements.lock
    touch "$stamp"
fi

echo "==> notices and SBOM"
"$venv/bin/python" installer/build_meta.py dist/meta
echo "==> PyInstaller (Python $pyver)"
t0=$(date +%s)
"$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    installer/boligvurdering.spec
echo "    built in $(( $(date +%s) - t0 )) s"
BUNDLE=dist/Boligvurdering
cp dist/meta/*.cdx.json "$BUNDLE/"

echo "==> smoke test from the bundle"
installer/smoke.sh "$ROOT/$BUNDLE/boligvurdering-cli"
"$BUNDLE/Boligvurdering" --version >/dev/null   # the windowed program starts too

echo "==> start time to the sign-in window (windowed program, offscreen)"
installer/start_time.sh "$ROOT/$BUNDLE/Boligvurdering"
echo "bundle size: $(du -sm "$BUNDLE" | cut -f1) MB ($(find "$BUNDLE" -type f | wc -l) files)"
echo "bundle check passed in $(( $(date +%s) - start )) s"
