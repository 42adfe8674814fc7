#!/usr/bin/env bash
# test.sh — the README's second command: install what is missing, build
# the normal and the AddressSanitizer+UndefinedBehaviorSanitizer
# configurations and the simulation alone, run every test in each, then
# run every fuzz harness for a bounded time (tools/fuzz.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bw_setup_packages
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_suite() {
    local dir="$1"; shift
    bw_build "$dir" "$@"
    bw_say "testing ${dir#"$BW_ROOT"/}"
    ctest --test-dir "$dir" --output-on-failure -j "$BW_JOBS" ||
        bw_die "tests failed in ${dir#"$BW_ROOT"/}"
}

run_suite "$BW_ROOT/build/sim-only" -DBULWARK_SIM_ONLY=ON
run_suite "$BW_ROOT/build" 
run_suite "$BW_ROOT/build/asan" -DBULWARK_SANITIZE=ON
# Every fuzz harness for a bounded time (BULWARK_FUZZ_SECONDS, default 30
# each) under ASan+UBSan: docs/fuzzing.md.
BULWARK_BIN="$BW_ROOT/build/bulwark" "$BW_ROOT/tools/fuzz.sh"
bw_say "all tests passed (normal, sanitizers, simulation alone, fuzzing)"
