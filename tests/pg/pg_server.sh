#!/usr/bin/env bash
# pg_server.sh — a throwaway PostgreSQL server for the workshop tests
# (issue 7): real, on loopback only, in a temporary folder, stopped after.
#
#   pg_server.sh start DIR   create a cluster, start it on 127.0.0.1 on a
#                            free port, create the roles bulwark_facilitator
#                            and bulwark_player (random passwords, in
#                            DIR/pgpass) and the database bulwark; write
#                            DIR/env and print it: sourceable lines
#                            PGHOST=127.0.0.1 PGPORT=N PGDATABASE=bulwark
#                            PGPASSFILE=DIR/pgpass ...
#   pg_server.sh stop DIR    stop it and remove DIR and the cluster
#
# The cluster lives in a new folder under ${TMPDIR:-/tmp} (short paths
# for its socket; DIR/cluster names it). As root, initdb and postgres
# refuse to run: they run as the postgres system user (Debian's
# postgresql package creates it), which owns the cluster. When the server
# binaries are missing (PATH, then /usr/lib/postgresql/*/bin) it installs
# Debian's postgresql package through tools/setup.sh.
#
# Test-only settings: fsync off (a killed test machine loses nothing of
# value), 600 connections (two 200-player tests at once), the facilitator may
# create databases (each test binary makes its own) and end other roles'
# sessions (to drop a test's database a failed test left connections to).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { printf 'pg_server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

usage() { die "usage: pg_server.sh start|stop DIR"; }
[ $# -eq 2 ] || usage
cmd="$1"
dir="$2"
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac

find_bindir() {
    local d
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

# As root, run as the postgres system user; otherwise as ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A random password: 32 hex digits.
secret() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# Is something listening on 127.0.0.1:$1?
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop() {
    local cluster=""
    [ -f "$dir/cluster" ] && cluster="$(cat "$dir/cluster")"
    if [ -n "$cluster" ]; then
        case "$cluster" in
            */bulwark-pg.*) ;;
            *) die "$dir/cluster names $cluster, not a cluster this script made; left alone" ;;
        esac
        if [ -f "$cluster/data/postmaster.pid" ]; then
            local bindir
            bindir="$(find_bindir)" || die "pg_ctl is missing: cannot stop the server in $cluster"
            (cd "$cluster" && as_owner "$bindir/pg_ctl" stop -D "$cluster/data" -m fast -w -t 30 \
                >/dev/null 2>&1) ||
                (cd "$cluster" && as_owner "$bindir/pg_ctl" stop -D "$cluster/data" -m immediate \
                    -w -t 30 >/dev/null 2>&1) || true
            # Still there (a wedged server): the postmaster, by its pid.
            if [ -f "$cluster/data/postmaster.pid" ]; then
                local pid
                pid="$(head -n1 "$cluster/data/postmaster.pid")"
                [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        rm -rf -- "$cluster"
    fi
    rm -rf -- "$dir"
}

start() {
    local bindir
    if ! bindir="$(find_bindir)"; then
        say "the PostgreSQL server is not installed: installing Debian's postgresql package"
        # shellcheck source=../../tools/setup.sh
        source "$here/../../tools/setup.sh"
        bw_install postgresql
        bindir="$(find_bindir)" || die "no initdb/pg_ctl even after installing postgresql"
    fi
    local su
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 ||
            die "running as root, and there is no postgres system user to run the server as"
        su=postgres
    else
        su="$(id -un)"
    fi
    # A server left by an earlier run that did not stop it.
    [ -e "$dir" ] && stop
    mkdir -p "$dir"
    chmod 700 "$dir"
    local cluster
    cluster="$(mktemp -d "${TMPDIR:-/tmp}/bulwark-pg.XXXXXX")"
    echo "$cluster" >"$dir/cluster"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$cluster"
    chmod 700 "$cluster"
    cd "$cluster"
    if ! as_owner "$bindir/initdb" -D "$cluster/data" -U "$su" -E UTF8 --locale=C \
        --auth-local=peer --auth-host=scram-sha-256 --no-sync >"$cluster/initdb.log" 2>&1; then
        cat "$cluster/initdb.log" >&2
        stop
        die "initdb failed (above)"
    fi
    # A free port: another build's server may be starting at the same
    # moment, so a failed start tries another.
    local port="" try
    for try in $(seq 1 20); do
        local p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        port_busy "$p" && continue
        if as_owner "$bindir/pg_ctl" start -D "$cluster/data" -w -t 60 -l "$cluster/server.log" \
            -o "-c listen_addresses=127.0.0.1 -p $p -k $cluster -c fsync=off \
                -c max_connections=600 -c shared_buffers=32MB" >/dev/null 2>&1; then
            port="$p"
            break
        fi
        grep -q "could not bind\|already in use" "$cluster/server.log" 2>/dev/null || {
            cat "$cluster/server.log" >&2 || true
            stop
            die "the server did not start (its log is above)"
        }
    done
    [ -n "$port" ] || { stop; die "no free port found for the server"; }
    local fpw ppw
    fpw="$(secret)"
    ppw="$(secret)"
    # The passwords go through stdin, never a command line.
    if ! as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$cluster" -p "$port" -U "$su" \
        -d postgres >"$cluster/roles.log" 2>&1 <<SQL; then
CREATE ROLE bulwark_facilitator LOGIN CREATEDB PASSWORD '$fpw';
CREATE ROLE bulwark_player LOGIN PASSWORD '$ppw';
CREATE DATABASE bulwark OWNER bulwark_facilitator;
GRANT pg_signal_backend TO bulwark_facilitator;
SQL
        cat "$cluster/roles.log" >&2
        stop
        die "creating the roles failed (above)"
    fi
    (
        umask 077
        printf '127.0.0.1:%s:*:bulwark_facilitator:%s\n127.0.0.1:%s:*:bulwark_player:%s\n' \
            "$port" "$fpw" "$port" "$ppw" >"$dir/pgpass"
    )
    cat >"$dir/env" <<ENV
PGHOST=127.0.0.1
PGPORT=$port
PGDATABASE=bulwark
PGPASSFILE=$dir/pgpass
PGSSLMODE=disable
BULWARK_PG_URI=postgresql://127.0.0.1:$port/bulwark
BULWARK_PG_FACILITATOR=bulwark_facilitator
BULWARK_PG_PLAYER=bulwark_player
ENV
    cat "$dir/env"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
