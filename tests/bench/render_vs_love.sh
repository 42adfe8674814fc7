#!/usr/bin/env bash
# render_vs_love.sh — `bulwark bench render` against the LÖVE 11 reference
# drawing the same scene (shared/bench/scene-spec.md), under ONE Xvfb
# server, interleaved round by round so a busy machine slows both alike.
# Prints each round's lines, the median of the rounds for each side, and
# last `render_ratio_vs_love=<bulwark median / LÖVE median>`.
#
#   tests/bench/render_vs_love.sh [--nodes N] [--frames F] [--rounds R]
#                                 [--shots DIR] [--strict] [LOVE_SCENE_DIR]
#
# LOVE_SCENE_DIR: the reference (a directory with main.lua); default
# $BULWARK_LOVE_SCENE, else ../shared/bench/love-scene beside the
# repository. The binary: $BULWARK_BINARY, else build/bulwark.
# --shots DIR saves the first measured frame of round 1 from both sides
# (love.png, bulwark.bmp and, when python3 or ImageMagick can, bulwark.png)
# to look at side by side. --strict exits 1 when a target is missed
# (p99 under 16.7 ms, ratio at most 0.1: DESIGN.md section 7).
# Installs love and xvfb when missing, if run as root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes=1000 frames=600 rounds=3 shots="" strict=0 scene=""

say() { printf 'render_vs_love: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --nodes) need_value "$@"; nodes="$2"; shift 2 ;;
        --frames) need_value "$@"; frames="$2"; shift 2 ;;
        --rounds) need_value "$@"; rounds="$2"; shift 2 ;;
        --shots) need_value "$@"; shots="$2"; shift 2 ;;
        --strict) strict=1; shift ;;
        --inside) inside=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) [ -z "$scene" ] || die "one scene directory at a time"; scene="$1"; shift ;;
    esac
done
for v in "$nodes" "$frames" "$rounds"; do
    [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "--nodes, --frames and --rounds take whole numbers, not '$v'"
done

scene="${scene:-${BULWARK_LOVE_SCENE:-$ROOT/../shared/bench/love-scene}}"
[ -f "$scene/main.lua" ] ||
    die "the LÖVE reference scene is not at $scene (no main.lua): pass its directory as an argument or set BULWARK_LOVE_SCENE"
scene="$(cd "$scene" && pwd)"
bin="${BULWARK_BINARY:-$ROOT/build/bulwark}"
[ -x "$bin" ] || die "no bulwark binary at $bin: build it (cmake -S . -B build && cmake --build build) or set BULWARK_BINARY"
font="$ROOT/assets/fonts/DejaVuSans.ttf"
[ -f "$font" ] || die "the shipped font $font is missing"
if [ -n "$shots" ]; then
    mkdir -p "$shots" || die "cannot create $shots"
    shots="$(cd "$shots" && pwd)"
fi

# ---- outside: install what is missing, then run this script under Xvfb ----
if [ -z "${inside:-}" ]; then
    missing=()
    command -v love >/dev/null 2>&1 || missing+=(love)
    command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
    if [ "${#missing[@]}" -gt 0 ]; then
        [ "$(id -u)" -eq 0 ] ||
            die "missing ${missing[*]}: install with: sudo apt-get install ${missing[*]}"
        # shellcheck source=../../tools/setup.sh
        source "$ROOT/tools/setup.sh"
        bw_install "${missing[@]}"
    fi
    args=(--inside --nodes "$nodes" --frames "$frames" --rounds "$rounds")
    [ -z "$shots" ] || args+=(--shots "$shots")
    [ "$strict" -eq 0 ] || args+=(--strict)
    export BULWARK_BINARY="$bin"
    exec xvfb-run -a -s "-screen 0 1600x900x24" "${BASH_SOURCE[0]}" "${args[@]}" "$scene"
fi

# ---- inside: one X server for everything ------------------------------------
field() { # field NAME LINE: the value of NAME= in LINE
    local pair
    for pair in $2; do
        case "$pair" in "$1="*) printf '%s\n' "${pair#*=}"; return 0 ;; esac
    done
    return 1
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int(NR / 2) + 1] }'; }

love_med=() love_p99=() bw_med=() bw_p99=() renderer=""
for ((r = 1; r <= rounds; r++)); do
    love_env=(SCENE_FONT="$font")
    bw_args=(bench render --nodes "$nodes" --frames "$frames")
    if [ "$r" -eq 1 ] && [ -n "$shots" ]; then
        love_env+=(SCENE_SHOT="$shots/love.png")
        bw_args+=(--shot "$shots/bulwark.bmp")
    fi
    line="$(env "${love_env[@]}" love "$scene" "$nodes" "$frames" 2>/dev/null | tail -n 1)" || true
    field median_ms "$line" >/dev/null || die "LÖVE printed no result in round $r (got: '$line')"
    printf 'love    round %d: %s\n' "$r" "$line"
    love_med+=("$(field median_ms "$line")") love_p99+=("$(field p99_ms "$line")")

    out="$("$bin" "${bw_args[@]}")" || die "bulwark bench render failed in round $r"
    line="$(printf '%s\n' "$out" | tail -n 1)"
    [ "$r" -gt 1 ] || printf '%s\n' "$out" | sed -n '/^renderers tried/p'
    printf 'bulwark round %d: %s\n' "$r" "$line"
    bw_med+=("$(field median_ms "$line")") bw_p99+=("$(field p99_ms "$line")")
    renderer="$(field renderer "$line")"
done

lm="$(printf '%s\n' "${love_med[@]}" | median)" lp="$(printf '%s\n' "${love_p99[@]}" | median)"
bm="$(printf '%s\n' "${bw_med[@]}" | median)" bp="$(printf '%s\n' "${bw_p99[@]}" | median)"
echo "median of $rounds rounds, one Xvfb 1600x900x24:"
echo "love:    nodes=$nodes frames=$frames median_ms=$lm p99_ms=$lp"
echo "bulwark: nodes=$nodes frames=$frames median_ms=$bm p99_ms=$bp renderer=$renderer"

# bmp_to_png IN OUT: SDL's 24- or 32-bit BMP as PNG, with Python's
# standard library only (no ImageMagick or Pillow needed).
bmp_to_png() {
    python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
offset, = struct.unpack_from("<I", data, 10)
w, h, _, bpp = struct.unpack_from("<iiHH", data, 18)
step, stride = bpp // 8, (w * (bpp // 8) + 3) & ~3
rows = []
for y in range(abs(h)):
    src = offset + (abs(h) - 1 - y if h > 0 else y) * stride
    px = data[src:src + w * step]
    rgb = bytearray(w * 3)
    rgb[0::3], rgb[1::3], rgb[2::3] = px[2::step], px[1::step], px[0::step]
    rows.append(b"\0" + bytes(rgb))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, abs(h), 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b"")
open(sys.argv[2], "wb").write(png)
PY
}

if [ -n "$shots" ] && [ -f "$shots/bulwark.bmp" ]; then
    command -v python3 >/dev/null 2>&1 && bmp_to_png "$shots/bulwark.bmp" "$shots/bulwark.png" ||
        say "no python3: $shots/bulwark.png not made (bulwark.bmp is there)"
    echo "pictures of frame 120 (round 1): $shots/love.png $shots/bulwark.bmp"
fi

ratio="$(awk -v b="$bm" -v l="$lm" 'BEGIN { printf "%.3f", b / l }')"
met="$(awk -v r="$ratio" -v p="$bp" 'BEGIN { print (r <= 0.1 && p < 16.7) ? "met" : "missed" }')"
echo "target: bulwark p99 under 16.7 ms and a ratio of at most 0.1: $met"
echo "render_ratio_vs_love=$ratio"
[ "$strict" -eq 0 ] || [ "$met" = met ]
