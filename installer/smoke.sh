#!/usr/bin/env bash
# Smoke test of an installed Boligvurdering (a clean-venv wheel install or the PyInstaller bundle).
#   installer/smoke.sh COMMAND...      e.g.  installer/smoke.sh /tmp/venv/bin/boligvurdering
# Runs, in a fresh data folder and from a folder outside the source tree: --version,
# forms check, demo, every report kind (PDF checked), screenshots (PNG checked) and backup.
# Exits non-zero on the first failure. Used by installer/check_wheel.sh and check_bundle.sh.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 COMMAND..." >&2; exit 2; }
BV=("$@")
KINDS=(client archive tilskudd nav-rampe fastlege brannvesen)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset PYTHONPATH BOLIGVURDERING_FORMS_DIR
export QT_QPA_PLATFORM=offscreen
export BOLIGVURDERING_USER=smoke BOLIGVURDERING_PASSWORD=smoke-passord-123
DATA="$work/data"

fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }
step() { printf '  %-34s' "$1"; }
bv() { "${BV[@]}" --data-dir "$DATA" "$@"; }

step "--version"
version=$("${BV[@]}" --version) || fail "--version"
[[ "$version" == boligvurdering\ * ]] || fail "--version printed «$version»"
echo "$version"

step "forms check"
bv forms check >"$work/forms.txt" 2>&1 || { cat "$work/forms.txt" >&2; fail "forms check"; }
echo ok

step "demo"
bv demo >"$work/demo.txt" 2>&1 || { cat "$work/demo.txt" >&2; fail "demo"; }
grep -q "Demodata klar" "$work/demo.txt" || fail "demo said: $(cat "$work/demo.txt")"
echo ok

mapfile -t visits < <(bv visit list | awk '{print $1}')
[ ${#visits[@]} -ge 5 ] || fail "visit list shows ${#visits[@]} visits after demo"
for kind in "${KINDS[@]}"; do
    step "report --kind $kind"
    made=""
    for visit in "${visits[@]}"; do
        rc=0
        bv report "$visit" --kind "$kind" --out "$work/$kind.pdf" >"$work/report.txt" 2>&1 || rc=$?
        if [ $rc = 0 ]; then made=$visit; break; fi
        [ $rc = 2 ] || { cat "$work/report.txt" >&2; fail "report --kind $kind exit $rc"; }
    done
    [ -n "$made" ] || fail "no demo visit gives a $kind document"
    [ "$(head -c 5 "$work/$kind.pdf")" = "%PDF-" ] || fail "$kind.pdf is not a PDF"
    echo "ok ($(stat -c %s "$work/$kind.pdf") bytes)"
done

step "screenshots"
bv screenshots --out "$work/shots" >"$work/shots.txt" 2>&1 || { cat "$work/shots.txt" >&2; fail "screenshots"; }
n=0
for png in "$work"/shots/*/*.png; do  # DIR/<width>x<height>/NN-page.png
    head -c 8 "$png" | cmp -s - <(printf '\211PNG\r\n\032\n') || fail "$png is not a PNG"
    n=$((n + 1))
done
[ $n -ge 3 ] || fail "screenshots wrote $n PNG files"
echo "ok ($n PNG)"

step "backup"
bv backup >"$work/backup.txt" 2>&1 || { cat "$work/backup.txt" >&2; fail "backup"; }
ls "$DATA"/backups/* >/dev/null 2>&1 || fail "backup wrote no file"
echo ok
echo "smoke test passed: ${BV[*]}"
