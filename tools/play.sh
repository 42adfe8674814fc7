#!/usr/bin/env bash
# play.sh — the README's first command: install what is missing, build,
# and launch Bulwark. Without a display the game itself plays headless and
# prints the debrief. Arguments are passed to the game.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bw_setup_packages
bw_build "$BW_ROOT/build"
bin="$BW_ROOT/build/bulwark"
[ -x "$bin" ] || bw_die "the build produced no bulwark binary"

# `bulwark` opens the desktop game at its menu; on a machine without a
# display it says so in one line and plays the first scenario headless,
# printing the debrief. Arguments (e.g. `play log4shell`) are passed on.
exec "$bin" "$@"
