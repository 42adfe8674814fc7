#!/usr/bin/env bash
# play.sh — the README's first command: install what is missing, build,
# and launch Bulwark. Without a display it plays headless and prints the
# debrief. Arguments are passed to the game.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bw_setup_packages
bw_build "$BW_ROOT/build"
bin="$BW_ROOT/build/bulwark"
[ -x "$bin" ] || bw_die "the build produced no bulwark binary"

if [ "$#" -gt 0 ]; then
    exec "$bin" "$@"
fi
# The desktop game is not built yet (issue 5); until then the game is
# played headless: the first Lua scenario, the sensible bot, the debrief.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    bw_say "no display found: playing a headless game and printing its debrief"
else
    bw_say "the desktop window is not built yet: playing a headless game instead"
fi
if "$bin" run log4shell --player sensible; then
    bw_say "done. Try the same attack with nobody defending:  $bin run log4shell --player idle"
    bw_say "     or striking back:  $bin run log4shell --player hackback;  and: $bin --help"
else
    bw_die "the game stopped with an error (exit $?)"
fi
