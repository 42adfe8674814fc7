#!/usr/bin/env bash
# fuzz.sh — build the libFuzzer harnesses (tests/fuzz/, clang, ASan+UBSan)
# and run each for a bounded time; fail on any crash, leak, timeout or
# broken promise (docs/fuzzing.md). A stage of tools/test.sh.
#
#   tools/fuzz.sh [TARGET...]        default: every target
#
# Environment:
#   BULWARK_FUZZ_SECONDS  seconds per target (default 30)
#   BULWARK_FUZZ_BUILD    build folder (default build/fuzz)
#   BULWARK_FUZZ_CORPUS   corpus folder, one subfolder per target (default
#                         BUILD/corpus; seeded by tests/fuzz/make_corpus.sh,
#                         kept between runs so each run starts further on)
#   BULWARK_BIN           a built bulwark for the record seeds (default
#                         build/bulwark when it exists, else built here)
# A crash leaves its input as BUILD/artifacts/<target>/crash-* (also
# leak-*, timeout-*, oom-*): add it to tests/fuzz/regressions/<target>/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

targets=(scenario record_log record_summary store_file settings workshop)
[ $# -gt 0 ] && targets=("$@")
seconds="${BULWARK_FUZZ_SECONDS:-30}"
build="${BULWARK_FUZZ_BUILD:-$BW_ROOT/build/fuzz}"
corpus="${BULWARK_FUZZ_CORPUS:-$build/corpus}"

bw_install "${BW_FUZZ_PACKAGES[@]}"
command -v clang >/dev/null 2>&1 || bw_die "clang is needed for the fuzz harnesses"
bw_say "building the fuzz harnesses in ${build#"$BW_ROOT"/}"
CC=clang cmake -S "$BW_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DBULWARK_FUZZ=ON -DBULWARK_TESTS=OFF >/dev/null ||
    bw_die "cmake could not configure the fuzz build"
build_targets=(fuzz_seed_store)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
bin="${BULWARK_BIN:-}"
if [ -z "$bin" ]; then
    if [ -x "$BW_ROOT/build/bulwark" ]; then bin="$BW_ROOT/build/bulwark"
    else bin="$build/bulwark"; build_targets+=(bulwark); fi
fi
cmake --build "$build" -j "$BW_JOBS" --target "${build_targets[@]}" ||
    bw_die "the fuzz build failed"

"$BW_ROOT/tests/fuzz/make_corpus.sh" "$bin" "$build/fuzz_seed_store" "$corpus" >/dev/null ||
    bw_die "could not make the seed corpus"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export BULWARK_DATA_DIR="$BW_ROOT"
failed=()
for t in "${targets[@]}"; do
    dict=""
    case "$t" in
    scenario) dict="-dict=$BW_ROOT/tests/fuzz/dict/scenario.dict" ;;
    record_log | record_summary) dict="-dict=$BW_ROOT/tests/fuzz/dict/record.dict" ;;
    esac
    art="$build/artifacts/$t"
    mkdir -p "$art" "$corpus/$t"
    log="$build/fuzz-$t.log"
    bw_say "fuzzing $t for ${seconds}s"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a
    # reader that grows without bound is a bug too.
    if "$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$art/" $dict \
        "$corpus/$t" "$BW_ROOT/tests/fuzz/regressions/$t" >"$log" 2>&1; then
        grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb' "$log" |
            sed "s/^/  $t: /" >&2 || true
    else
        failed+=("$t")
        tail -n 60 "$log" >&2
        bw_say "fuzz target $t failed: the input is in ${art#"$BW_ROOT"/}; see docs/fuzzing.md"
    fi
done
[ "${#failed[@]}" -eq 0 ] || bw_die "fuzzing found problems in: ${failed[*]}"
bw_say "fuzzing: ${targets[*]} ran ${seconds}s each without a crash"
