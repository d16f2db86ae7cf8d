#!/bin/sh
# fuzz.sh: builds the libFuzzer targets with clang and runs each for a
# bounded time on the committed seed corpus
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tools/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]
#   SECONDS-PER-TARGET  default 30 (or $FUZZ_SECONDS)
#   TARGET              tone, import (default: both)
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_WORK_DIR (default
# $FUZZ_BUILD_DIR/fuzz-work: new corpus entries and crash inputs), CC
# (default clang).
#
# Exits 0 when no target crashed, 1 when one did (its input path is
# printed), 2 when the build failed. A crash input goes, minimized, under
# tests/fuzz/regressions/<target>/ (see tests/fuzz/README.md).
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-30}}
[ $# -gt 0 ] && shift
targets=${*:-tone import}
build_dir=${FUZZ_BUILD_DIR:-"$source_dir/build-fuzz"}
work_dir=${FUZZ_WORK_DIR:-"$build_dir/fuzz-work"}
: "${CC:=clang}"
export CC

case $seconds in
  ''|*[!0-9]*) echo "fuzz: “$seconds” is not a number of seconds" >&2; exit 2 ;;
esac

# The core library is instrumented too, so the fuzzer sees its coverage
if [ ! -f "$build_dir/build.ninja" ]; then
  if ! meson setup "$build_dir" "$source_dir" \
      -Dfuzzing=true \
      -Dbuildtype=debugoptimized \
      -Db_sanitize=address,undefined \
      -Db_lundef=false \
      -Dc_args=-fsanitize=fuzzer-no-link >"$build_dir.setup.log" 2>&1; then
    cat "$build_dir.setup.log" >&2
    echo "fuzz: FAIL (meson setup failed; the fuzz build needs clang with libFuzzer)" >&2
    exit 2
  fi
  rm -f "$build_dir.setup.log"
fi

ninja_targets=
for target in $targets; do
  ninja_targets="$ninja_targets tests/fuzz/fuzz-$target"
done
# shellcheck disable=SC2086
if ! ninja -C "$build_dir" $ninja_targets; then
  echo "fuzz: FAIL (build failed)" >&2
  exit 2
fi

# handle_sigtrap: a fatal GLib critical (G_DEBUG below) raises SIGTRAP, which
# libFuzzer only reports, with the input saved, through ASan
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:handle_sigtrap=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$source_dir/tests/lsan.supp}"
export G_DEBUG="${G_DEBUG:-fatal-criticals}"
export G_SLICE=always-malloc
export GSETTINGS_BACKEND=memory
# The import target writes a file and a database per input: tmpfs is faster
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm
fi

status=0
for target in $targets; do
  corpus="$work_dir/corpus-$target"
  artifacts="$work_dir/crashes-$target/"
  log="$work_dir/fuzz-$target.log"
  mkdir -p "$corpus" "$artifacts"

  # json-glib 1.6 leaks on some malformed input ("0[]",
  # regressions/import/trailing-text-after-number.json): leak checks would
  # stop every import run there, and its stacks are too shallow to suppress
  # (GLib has no frame pointers). The committed inputs still get leak checks
  # in the ASan and valgrind runs of test-fuzz-regressions.
  leaks=1
  [ "$target" = import ] && leaks=0

  echo "fuzz: running $target for ${seconds}s"
  # One process on one core (no -jobs, which would fork and log to ./fuzz-N.log).
  # New entries go to the work corpus; the committed seeds are only read
  if ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=$leaks" \
     "$build_dir/tests/fuzz/fuzz-$target" "$corpus" "$source_dir/tests/fuzz/corpus/$target" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
       -dict="$source_dir/tests/fuzz/$target.dict" -detect_leaks="$leaks" \
       -print_final_stats=1 -artifact_prefix="$artifacts" \
       >"$log" 2>&1; then
    result=pass
  else
    result=fail
  fi

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  echo "fuzz: $target: ${execs:-?} executions (${speed:-?}/s)"

  crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  if [ "$result" = fail ] || [ -n "$crash" ]; then
    status=1
    tail -n 60 "$log" >&2
    echo "fuzz: $target: FAIL, crash input: ${crash:-none written, see $log}" >&2
    echo "fuzz: reproduce: $build_dir/tests/fuzz/fuzz-$target ${crash:-}" >&2
  else
    echo "fuzz: $target: pass"
  fi
done

if [ "$status" -eq 0 ]; then
  echo "fuzz: PASS ($targets, ${seconds}s each)"
else
  echo "fuzz: FAIL" >&2
fi
exit "$status"
