#!/bin/sh
# bench/run.sh: issue 8's benchmarks, with one command
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   bench/run.sh [ROWS]            (1000000 by default)
#
# Builds an optimized build in build-bench/ (meson --buildtype=release),
# seeds a database of ROWS rows with bench/rapport-seed (seed 1) and prints
# every figure beside its target, "figure: value (target …) PASS/FAIL".
# BENCH_DIR chooses where the database and the exports go (build-bench/data
# by default; it needs about 1.5 GB for a million rows). Exits non-zero
# when a target is missed.
set -eu

rows=${1:-1000000}
src=$(cd "$(dirname "$0")/.." && pwd)
build="$src/build-bench"
data=${BENCH_DIR:-$build/data}

command -v sqlite3 >/dev/null || {
  echo "run.sh needs the sqlite3 program (Debian: apt install sqlite3)" >&2
  exit 2
}

if [ ! -d "$build" ]; then
  meson setup "$build" "$src" --buildtype=release >/dev/null
fi
targets="bench/rapport-seed bench/rapport-bench bench/bench-tone"
# The app's start-up figures, where bench-startup.py is (it needs Xvfb)
startup=
if [ -f "$src/bench/bench-startup.py" ] && command -v xvfb-run >/dev/null; then
  startup=1
  targets="$targets src/rapport bench/adw-minimal"
fi
ninja -C "$build" $targets >/dev/null

mkdir -p "$data"
db="$data/seed-$rows.db"
status=0

start=$(date +%s.%N)
"$build/bench/rapport-seed" --database "$db" --rows "$rows" --seed 1 --replace >"$data/seed.log"
end=$(date +%s.%N)
tail -n 1 "$data/seed.log"
awk -v s="$start" -v e="$end" -v n="$rows" 'BEGIN {
  t = e - s; target = 60 * n / 1000000
  printf "seed %d rows: %.1f s (target < %.0f s) %s\n", n, t, target, t < target ? "PASS" : "FAIL"
  exit t < target ? 0 : 1 }' || status=1

"$build/bench/rapport-bench" --database "$db" --work-dir "$data" || status=1
"$build/bench/bench-tone" | head -n 1

if [ -n "$startup" ]; then
  empty="$data/empty.db"
  rm -f "$empty" "$empty-wal" "$empty-shm"
  xvfb-run -a dbus-run-session -- python3 "$src/bench/bench-startup.py" \
    "$build/src/rapport" "$build/bench/adw-minimal" "$empty" "$db" || status=1
fi

echo "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg)," \
     "sqlite $(sqlite3 --version | cut -d ' ' -f 1)"
exit $status
