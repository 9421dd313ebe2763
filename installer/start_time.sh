#!/usr/bin/env bash
# Start time of the windowed program: seconds from launch until the sign-in window is shown
# (the log line «sign-in window shown»), offscreen, in a fresh data folder with demo data.
#   installer/start_time.sh PROGRAM [RUNS]     prints each run and the median
set -euo pipefail
PROGRAM=$1
RUNS=${2:-3}
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen BOLIGVURDERING_USER=timer BOLIGVURDERING_PASSWORD=timer-passord-123
unset PYTHONPATH
cli="$(dirname "$PROGRAM")/boligvurdering-cli"
[ -x "$cli" ] && "$cli" --data-dir "$work/data" demo >/dev/null 2>&1   # signed-in user exists: the log-in window
times=()
for _ in $(seq "$RUNS"); do
    log="$work/data/logs/boligvurdering.log"
    before=$(grep -c "sign-in window shown" "$log" 2>/dev/null || true)
    t0=$(date +%s.%N)
    "$PROGRAM" --data-dir "$work/data" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 600); do   # at most 30 s
        now=$(grep -c "sign-in window shown" "$log" 2>/dev/null || true)
        [ "${now:-0}" -gt "${before:-0}" ] && break
        sleep 0.05
    done
    t1=$(date +%s.%N)
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""
    [ "${now:-0}" -gt "${before:-0}" ] || { echo "the sign-in window did not appear within 30 s" >&2; exit 1; }
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
printf '  run: %.2f s\n' "${times[@]}"
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'start time to sign-in window: %.2f s (median of %d)\n' "$median" "$RUNS"
