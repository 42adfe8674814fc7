#!/usr/bin/env bash
# screenshots.sh — remake the README's screenshots (docs/screenshots/) from
# the real game under Xvfb, with `bulwark play --frames/--screenshot`.
# Needs a built ./build/bulwark and xvfb-run (apt-get install xvfb).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/build/bulwark"
out="$root/docs/screenshots"
[ -x "$bin" ] || { echo "screenshots.sh: build first (./tools/test.sh or ./tools/play.sh)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (apt-get install xvfb)" >&2; exit 1; }
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A store of its own, so the user's own settings and progress are never touched.
store="$tmp/progress.db"
shot() { # NAME ARGS...: one screenshot, 1280x800
    local name="$1"; shift
    xvfb-run -a -s "-screen 0 1280x800x24" "$bin" play "$@" --screenshot "$out/$name.png"
    echo "screenshots.sh: $out/$name.png"
}
shot menu      --screen menu     --no-store --frames 10
shot campaign  --screen campaign --store "$store" --frames 10
shot briefing  log4shell --screen briefing --no-store --frames 10
# Mid-attack: nobody defends, the scanners are in, and by day 7 20:00 the
# database is encrypted (4 game hours a frame at speed 240).
printf '1 select db\n' > "$tmp/select.input"
shot play      log4shell --screen play --no-store --speed 240 --input "$tmp/select.input" --frames 41
# The choice at day 8 00:00 (tick 168): 168 ticks at 240 an hour-second is 42 frames.
printf '1 select api\n' > "$tmp/choice.input"
shot choice    log4shell --screen play --no-store --speed 240 --input "$tmp/choice.input" --frames 43
shot debrief   log4shell --screen debrief --no-store --frames 10
# The author's debug view (F3) on day 7, with three footholds the player cannot see.
shot debug     log4shell --screen play --debug --no-store --speed 60 --frames 146
# The workshop's HTML report as Chromium draws it: made by its own browser
# test (a room of bot players), which keeps its screenshot here.
report_test="$root/build/test_report_browser"
[ -x "$report_test" ] || { echo "screenshots.sh: build the tests first (./tools/test.sh)" >&2; exit 1; }
BULWARK_SOURCE_DIR="$root" BULWARK_BINARY="$bin" BULWARK_SCREENSHOT_DIR="$out" "$report_test" >/dev/null
echo "screenshots.sh: $out/report.png"
# The facilitator's console (bulwark workshop): a room of 30 bot players,
# mostly the hack-back bot so the debrief has a decision most got wrong.
room="$tmp/room"
mkdir -p "$room"
cat > "$room/acme.workshop.lua" <<'LUA'
return {
  workshop = "acme-2026-11", title = "Secure development, module 3",
  scenarios = { "log4shell" }, seed = 2021, time_limit_minutes = 60,
  teams = { "red", "blue", "green" }, results = "acme.db",
}
LUA
ws="$room/acme.workshop.lua"
"$bin" workshop "$ws" --start >/dev/null
names=(alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert
       sybil trent victor walter yasmin amir bea chen dana eli fatima goran hana ines jamal)
bots=(hackback sensible hackback random hackback sensible hackback idle hackback sensible)
teams=(red blue green)
for i in "${!names[@]}"; do
    "$bin" play --workshop "$ws" --name "${names[$i]}" --team "${teams[$((i % 3))]}" \
        --player "${bots[$((i % 10))]}" >/dev/null
done
"$bin" workshop "$ws" --pause >/dev/null
"$bin" workshop "$ws" --announce "Stop here: look at the board" >/dev/null
console() { # NAME: the console window, 1600x900
    xvfb-run -a -s "-screen 0 1600x900x24" "$bin" workshop "$ws" --frames 3 --screenshot "$out/$1.png"
    echo "screenshots.sh: $out/$1.png"
}
console workshop-scoreboard
"$bin" workshop "$ws" --end >/dev/null
"$bin" workshop "$ws" --announce "" >/dev/null
console workshop
