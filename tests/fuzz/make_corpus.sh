#!/usr/bin/env bash
# make_corpus.sh — build each fuzz target's seed corpus from the shipped
# files, so that no megabytes of generated inputs are committed
# (docs/fuzzing.md).
#
#   tests/fuzz/make_corpus.sh BULWARK FUZZ_SEED_STORE OUT
#
# BULWARK is a built bulwark binary (records come from `bulwark run
# --json`), FUZZ_SEED_STORE the fuzz_seed_store helper of the same source,
# OUT the folder that gets one subfolder per target. Existing files in OUT
# are kept (libFuzzer adds to them), seeds are overwritten.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -eq 3 ] || { echo "usage: $0 BULWARK FUZZ_SEED_STORE OUT" >&2; exit 2; }
bulwark="$1" seed_store="$2" out="$3"
mkdir -p "$out"/{scenario,record_log,record_summary,store_file,settings,workshop}

# workshop: the shipped example configs (good ones, to mutate from).
for f in "$root"/tests/fixtures/workshop/*.lua; do
    cp "$f" "$out/workshop/$(basename "$f")"
done

# scenario: every shipped scenario and the test fixtures (valid, broken).
for f in "$root"/scripts/scenarios/*.lua "$root"/tests/fixtures/scenarios/*.lua; do
    case "$f" in *.test.lua) continue ;; esac
    cp "$f" "$out/scenario/$(basename "$f")"
done

# record_log, record_summary: records of real games, won and lost, with
# many actions and with none.
records=()
for f in "$root"/scripts/scenarios/*.lua; do
    case "$f" in *.test.lua) continue ;; esac
    id="$(basename "$f" .lua)"
    for bot in sensible idle; do
        rec="$out/record_log/$id-$bot.json"
        if "$bulwark" run "$id" --player "$bot" --seed 1 --quiet --json "$rec" >/dev/null 2>&1; then
            cp "$rec" "$out/record_summary/"
            records+=("$rec")
        else
            echo "make_corpus: bulwark run $id --player $bot failed" >&2
            exit 1
        fi
    done
done

# store_file: a store holding settings, results, progress and a workshop's
# result, and a new empty one.
rm -f "$out"/store_file/*.db "$out"/store_file/*.db-*
"$seed_store" "$out/store_file/full.db" "${records[@]:0:4}"
"$seed_store" "$out/store_file/empty.db"
rm -f "$out"/store_file/*-wal "$out"/store_file/*-shm

# settings: the first byte picks the key (fuzz_settings.c), the rest is
# the value.
printf '\000%s' 1.25 >"$out/settings/text_scale"
printf '\001%s' colour-blind >"$out/settings/palette"
printf '\002%s' 4 >"$out/settings/speed"
printf '\003%s' true >"$out/settings/fullscreen"
printf '\004%s' 1920 >"$out/settings/window_width"
printf '\005%s' 1080 >"$out/settings/window_height"
printf '\006%s' 'Zoë Ada' >"$out/settings/player_name"
printf '\007%s' '{"panel":"left"}' >"$out/settings/free_key"
printf '\010ui.layout\000%s' wide >"$out/settings/any_key"
echo "make_corpus: seeds in $out ($(find "$out" -type f | wc -l) files)"
