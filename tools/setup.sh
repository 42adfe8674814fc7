#!/usr/bin/env bash
# setup.sh — shared by play.sh and test.sh: install any missing system
# packages (apt-get as root, through sudo otherwise), then configure and
# build one CMake configuration. Sourced, not run.
#
#   bw_setup_packages            install what the build needs
#   bw_build DIR [cmake args…]   configure and build into DIR

BW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BW_PACKAGES=(build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev
             liblua5.4-dev libcmocka-dev libcjson-dev libsqlite3-dev
             libsdl2-image-dev libpq-dev postgresql
             chromium fonts-dejavu-core)  # chromium: the HTML report's browser test
# Only tools/fuzz.sh (a stage of test.sh) needs these: clang and libFuzzer.
BW_FUZZ_PACKAGES=(clang libclang-rt-dev)
BW_JOBS="$(nproc 2>/dev/null || echo 2)"

bw_say() { printf '\033[1mbulwark:\033[0m %s\n' "$*" >&2; }
bw_die() { printf '\033[1;31mbulwark: %s\033[0m\n' "$*" >&2; exit 1; }

bw_missing_packages() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    printf '%s\n' "${missing[@]}"
}

# bw_install PKG… — install the named Debian packages when missing.
bw_install() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        bw_say "this is not a Debian/Ubuntu system: install these with your package manager:"
        bw_say "  $*"
        bw_say "(the build continues and says what is still missing)"
        return 0
    fi
    local missing
    mapfile -t missing < <(bw_missing_packages "$@")
    [ "${#missing[@]}" -eq 0 ] || [ -z "${missing[0]}" ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 ||
            bw_die "missing packages (${missing[*]}) and no sudo: run as root: apt-get install ${missing[*]}"
        sudo=(sudo)
    fi
    bw_say "installing: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
        bw_die "apt-get update failed (is the network reachable?)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" || bw_die "apt-get install ${missing[*]} failed"
}

bw_setup_packages() { bw_install "${BW_PACKAGES[@]}" "$@"; }

bw_build() {
    local dir="$1"; shift
    bw_say "building in ${dir#"$BW_ROOT"/} $*"
    cmake -S "$BW_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null ||
        bw_die "cmake could not configure the build (see the messages above)"
    cmake --build "$dir" -j "$BW_JOBS" ||
        bw_die "the build failed (see the messages above)"
}
