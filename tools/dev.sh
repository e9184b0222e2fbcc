#!/usr/bin/env bash
# Development entry point behind `make run` and `make test`.
#
# It sets up, in folders of this project that git ignores:
#   .venv/          a virtualenv with Odoo's requirements and the test tools
#   .local/addons/  an addons folder where this repository is the addon
#   .local/pg/      a private PostgreSQL cluster, only when no server answers
#   .local/data/    Odoo's data dir (filestore, sessions)
#   .local/odoo.conf
#
# Configuration (environment):
#   ODOO_SRC   an Odoo 18.0 source tree (default /opt/odoo)
#   PGHOST, PGPORT, PGUSER, PGPASSWORD   an existing PostgreSQL server to use
#   PORT       the HTTP port of `make run` (default 8069)
#   PYTHON     the Python 3 interpreter for the virtualenv (default python3)
#   PYTEST_ARGS  extra pytest arguments for `make test` (e.g. "-k prevention")
#   TEST_DB    `make test` reuses and keeps this database instead of a new one
#   TODAY      YYYY-MM-DD: every process the command starts (PostgreSQL,
#              Odoo, pytest, the browser) runs with its clock moved to that
#              day, 09:00 UTC, and ticking
#   WITHOUT_DEMO  1: `make test` installs the addon without demo data
#   TEST_JOBS  how many processes share the tests of `make test` (default 2,
#              each on a copy of the test database; 1: one process)
#   WORKERS    `make run` with Odoo's multi-process server: that many HTTP
#              worker processes (1 to 64), plus Odoo's gevent process for
#              the websocket (on GEVENT_PORT, default PORT + 3) and
#              CRON_WORKERS cron workers (default 1)
#   DB         `make run` serves this existing database (e.g. burnout_bench,
#              made by `make bench`) instead of the demo database
#   BENCH_SCALE, BENCH_*  sizes of `make bench` (see tools/bench.py)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=hr_burnout_prevention
LOCAL=$ROOT/.local
VENV=$ROOT/.venv
ODOO_SRC=${ODOO_SRC:-/opt/odoo}
ODOO_BRANCH=18.0
ODOO_GIT=https://github.com/odoo/odoo.git
PORT=${PORT:-8069}
PYTHON=${PYTHON:-python3}
DEMO_DB=burnout_demo
PG_DIR=$LOCAL/pg
PG_SOCK=$PG_DIR/run
PG_PRIVATE_USER=odoo
CONF=$LOCAL/odoo.conf

say() { printf '%s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 2
}
is_root() { [ "$(id -u)" = 0 ]; }

# --- Options: the moved clock (TODAY), the demo data (WITHOUT_DEMO) -----------
# Checked before anything is set up: bad input creates nothing.
check_options() {
    if [ -n "${TODAY:-}" ]; then
        local day
        day=$(date -u -d "$TODAY" +%F 2>/dev/null) || day=
        if ! [[ $TODAY =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || [ "$day" != "$TODAY" ]; then
            die "TODAY=$TODAY is not a date: give it as YYYY-MM-DD, e.g. TODAY=2029-02-28"
        fi
        if [[ $TODAY < 2000-01-01 || $TODAY > 2100-12-31 ]]; then
            die "TODAY=$TODAY is out of range: give a day from 2000-01-01 to 2100-12-31"
        fi
    fi
    case "${WITHOUT_DEMO:-}" in
    "" | 0 | 1) ;;
    *) die "WITHOUT_DEMO=$WITHOUT_DEMO is not understood: give WITHOUT_DEMO=1 (or nothing)" ;;
    esac
    if [ -n "${TEST_JOBS:-}" ] && ! [[ $TEST_JOBS =~ ^[1-8]$ ]]; then
        die "TEST_JOBS=$TEST_JOBS is not understood: give a number of processes from 1 to 8"
    fi
    if [ -n "${WORKERS:-}" ] && ! [[ $WORKERS =~ ^[1-9][0-9]?$ && $WORKERS -ge 1 && $WORKERS -le 64 ]]; then
        die "WORKERS=$WORKERS is not understood: give a number of HTTP worker processes from 1 to 64 (or nothing for one process)"
    fi
    if [ -n "${CRON_WORKERS:-}" ] && ! [[ $CRON_WORKERS =~ ^[0-9]$ ]]; then
        die "CRON_WORKERS=$CRON_WORKERS is not understood: give a number of cron workers from 0 to 9"
    fi
    if [ -n "${GEVENT_PORT:-}" ] && ! [[ $GEVENT_PORT =~ ^[1-9][0-9]{3,4}$ && $GEVENT_PORT -ge 1024 && $GEVENT_PORT -le 65535 ]]; then
        die "GEVENT_PORT=$GEVENT_PORT is not understood: give a port from 1024 to 65535"
    fi
    if [ -n "${PORT:-}" ] && ! [[ $PORT =~ ^[1-9][0-9]{3,4}$ && $PORT -ge 1024 && $PORT -le 65532 ]]; then
        die "PORT=$PORT is not understood: give a port from 1024 to 65532"
    fi
    if [ -n "${DB:-}" ] && ! [[ $DB =~ ^[A-Za-z0-9_]{1,63}$ ]]; then
        die "DB=$DB is not understood: give the name of an existing database (letters, digits, _)"
    fi
}

# With TODAY, CLOCK is the prefix that runs a command with the moved clock,
# and PG_CLOCK the one of the private PostgreSQL server. The offset is
# computed once per command, so that every process started by it shares one
# clock that starts at 09:00 UTC on TODAY and ticks:
# - Python processes (the install, pytest, the tests' subprocesses, the
#   server) through tools/clock/sitecustomize.py (freezegun), which the
#   offset in HR_BURNOUT_CLOCK_OFFSET switches on;
# - the browser of the tours and PostgreSQL through Debian's libfaketime
#   (preloaded; for the browser by a wrapper in .local/clock-bin, first on
#   PATH, that Odoo's test browser finds in place of the real one).
CLOCK=()
PG_CLOCK=()
setup_clock() {
    [ -n "${TODAY:-}" ] || return 0
    need_debs "moving the clock (TODAY)" libfaketime
    local lib target now offset bin name real
    # The library itself, not Debian's `faketime` wrapper: the wrapper waits
    # for every process it started, a server included.
    lib=$(dpkg -L libfaketime | grep '/libfaketimeMT\.so\.1$' | head -n 1)
    [ -n "$lib" ] || die "moving the clock (TODAY) needs libfaketimeMT.so.1 from Debian's libfaketime"
    target=$(date -u -d "$TODAY 09:00:00" +%s)
    now=$(date -u +%s)
    offset=$((target - now))
    [ "$offset" -lt 0 ] || offset="+$offset"
    bin=$LOCAL/clock-bin
    rm -rf "$bin"
    mkdir -p "$bin"
    for name in google-chrome chromium chromium-browser google-chrome-stable; do
        real=$(command -v "$name") || continue
        printf '#!/bin/sh\n# The browser on the clock of TODAY (tools/dev.sh).\nexec env LD_PRELOAD=%s FAKETIME="$HR_BURNOUT_CLOCK_OFFSET" %s "$@"\n' \
            "$lib" "$real" >"$bin/$name"
        chmod +x "$bin/$name"
    done
    CLOCK=(env "HR_BURNOUT_CLOCK_OFFSET=$offset" "PYTHONPATH=$ROOT/tools/clock:$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "PATH=$bin:$PATH")
    # Monotonic clocks stay real in the server: its waits keep their length.
    PG_CLOCK=(env "LD_PRELOAD=$lib" "FAKETIME=$offset" FAKETIME_DONT_FAKE_MONOTONIC=1)
    say "Clock moved to $TODAY 09:00 UTC (ticking) for every process this command starts"
}

# --- Debian packages ---------------------------------------------------------
missing_debs() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || printf '%s ' "$pkg"
    done
}

need_debs() {
    # need_debs WHY PKG...: install Debian packages that are missing.
    local why=$1
    shift
    local missing
    missing=$(missing_debs "$@")
    [ -z "$missing" ] && return 0
    command -v apt-get >/dev/null || die "$why needs the Debian packages: $missing(no apt-get here: install them by hand)"
    is_root || die "$why needs the Debian packages: $missing(run as root, or install them with: sudo apt-get install $missing)"
    say "Installing Debian packages for $why: $missing"
    # shellcheck disable=SC2086
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >"$LOCAL/apt.log" 2>&1 ||
        die "could not install $missing(see $LOCAL/apt.log)"
}

# --- Odoo source -------------------------------------------------------------
odoo_version_ok() {
    [ -f "$1/odoo-bin" ] && [ -f "$1/odoo/release.py" ] &&
        grep -Eq "^version_info = \(${ODOO_BRANCH%%.*}, " "$1/odoo/release.py"
}

ensure_odoo_src() {
    if [ -e "$ODOO_SRC" ]; then
        odoo_version_ok "$ODOO_SRC" && return 0
        die "ODOO_SRC=$ODOO_SRC is not an Odoo $ODOO_BRANCH source tree: set ODOO_SRC to one"
    fi
    if ! command -v git >/dev/null ||
        ! GIT_TERMINAL_PROMPT=0 timeout 10 git ls-remote --exit-code --heads "$ODOO_GIT" "$ODOO_BRANCH" >/dev/null 2>&1; then
        die "no Odoo $ODOO_BRANCH source at ODOO_SRC=$ODOO_SRC and upstream Odoo cannot be reached: set ODOO_SRC to an Odoo $ODOO_BRANCH source tree"
    fi
    say "No Odoo source at ODOO_SRC=$ODOO_SRC: making a shallow clone of Odoo $ODOO_BRANCH there"
    mkdir -p "$(dirname "$ODOO_SRC")" 2>/dev/null || die "cannot create ODOO_SRC=$ODOO_SRC: set ODOO_SRC to a writable folder or to an Odoo $ODOO_BRANCH source tree"
    if ! GIT_TERMINAL_PROMPT=0 git clone -q --depth 1 --branch "$ODOO_BRANCH" "$ODOO_GIT" "$ODOO_SRC.partial"; then
        rm -rf "$ODOO_SRC.partial"
        die "the clone of Odoo $ODOO_BRANCH failed: set ODOO_SRC to an Odoo $ODOO_BRANCH source tree"
    fi
    mv "$ODOO_SRC.partial" "$ODOO_SRC"
}

# --- Python virtualenv -------------------------------------------------------
ensure_venv() {
    local stamp=$VENV/.stamp want
    want=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements.txt" "$ROOT/requirements-test.txt" | sha1sum | cut -c1-40)
    if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        # psycopg2, python-ldap and cbor2 build from source on Python 3.11.
        command -v "$PYTHON" >/dev/null || die "no $PYTHON: install Python 3.11 (Debian: apt-get install python3) or set PYTHON"
        need_debs "building Odoo's Python requirements" gcc libpq-dev libldap2-dev libsasl2-dev
        # Debian's own Python needs its headers and venv packages.
        "$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' ||
            need_debs "building Odoo's Python requirements" python3-dev
        "$PYTHON" -c 'import ensurepip' 2>/dev/null || need_debs "a virtualenv" python3-venv
        [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV" || die "cannot create a virtualenv with $PYTHON (Debian: apt-get install python3-venv)"
        say "Installing Odoo's and the project's Python requirements into .venv (a few minutes the first time)"
        # cbor2 5.4.2 does not build with setuptools 81 or later; the
        # constraint reaches pip's isolated build environments through
        # the environment.
        printf 'setuptools<81\n' >"$LOCAL/build-constraints.txt"
        if ! PIP_CONSTRAINT=$LOCAL/build-constraints.txt "$VENV/bin/python" -m pip install -q \
            -r "$ODOO_SRC/requirements.txt" -r "$ROOT/requirements.txt" -r "$ROOT/requirements-test.txt" \
            >"$LOCAL/pip.log" 2>&1; then
            tail -n 20 "$LOCAL/pip.log" >&2
            die "pip could not install the requirements (full log: $LOCAL/pip.log)"
        fi
        printf '%s\n' "$want" >"$stamp"
    fi
    # Odoo is used from its source tree, not installed: a .pth file makes
    # `import odoo` work for pytest.
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    printf '%s\n' "$ODOO_SRC" >"$site/odoo-src.pth"
}

# --- PostgreSQL --------------------------------------------------------------
pg_bin() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && printf '%s\n' "$dir"
}

as_pg_owner() {
    # The server refuses to run as root: run it as Debian's postgres user.
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pg_log_reason() {
    # The server's own words: its last errors, else the end of its log.
    local why
    why=$(grep -E "FATAL|ERROR|PANIC|initdb: error|invalid|could not" "$1" 2>/dev/null | tail -n 3 |
        sed -E 's/^.*(FATAL|ERROR|PANIC|LOG): +//' | awk '!seen[$0]++')
    [ -n "$why" ] || why=$(tail -n 3 "$1" 2>/dev/null)
    printf '%s' "$why" | tr '\n' ' '
    printf ' (log: %s)' "$1"
}

start_private_pg() {
    local bin
    bin=$(pg_bin) || true
    if [ -z "$bin" ]; then
        need_debs "a private PostgreSQL cluster" postgresql
        bin=$(pg_bin) || die "PostgreSQL cannot be started: no server binaries under /usr/lib/postgresql after installing Debian's postgresql"
    fi
    if is_root; then
        id postgres >/dev/null 2>&1 || die "PostgreSQL cannot be started: running as root and Debian's postgres user is missing (apt-get install postgresql)"
        if ! runuser -u postgres -- test -x "$LOCAL"; then
            # The server runs as postgres, which cannot reach this checkout
            # (a private parent folder): keep the cluster in a folder of its
            # own, named after the checkout, instead.
            PG_DIR=/var/tmp/hr_burnout_prevention-$(basename "$PG_DIR")-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)
            PG_SOCK=$PG_DIR/run
            say "The postgres user cannot reach $LOCAL: the private cluster lives in $PG_DIR"
        fi
        mkdir -p "$PG_DIR"
        chown postgres: "$PG_DIR"
    else
        mkdir -p "$PG_DIR"
    fi
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        rm -rf "$PG_DIR/data"
        if ! as_pg_owner "$bin/initdb" -D "$PG_DIR/data" -U "$PG_PRIVATE_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
            >"$PG_DIR/initdb.log" 2>&1; then
            rm -rf "$PG_DIR/data"
            die "PostgreSQL cannot be started: initdb failed: $(pg_log_reason "$PG_DIR/initdb.log")"
        fi
    fi
    as_pg_owner mkdir -p "$PG_SOCK"
    local running=
    as_pg_owner "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1 && running=1
    if [ -n "$running" ] && [ -n "${TODAY:-}" ]; then
        # The clock of a running server cannot be moved: restart it.
        as_pg_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
        running=
    fi
    if [ -z "$running" ]; then
        rm -f "$PG_DIR/data/postmaster.pid"
        if ! as_pg_owner "${PG_CLOCK[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
            -o "-k $PG_SOCK -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
            die "PostgreSQL cannot be started: $(pg_log_reason "$PG_DIR/server.log")"
        fi
    fi
}

ensure_pg() {
    # With TODAY, the private cluster of the moved clock (a server's clock
    # cannot be moved from outside); otherwise an explicitly configured or
    # default server that answers wins.
    if [ -n "${TODAY:-}" ]; then
        PG_DIR=$LOCAL/pg-today
        PG_SOCK=$PG_DIR/run
    elif pg_isready -q -t 3 2>/dev/null && psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        DB_HOST=${PGHOST:-}
        DB_PORT=${PGPORT:-}
        DB_USER=${PGUSER:-}
        DB_PASSWORD=${PGPASSWORD:-}
        return 0
    fi
    if [ -z "${TODAY:-}" ] && [ -n "${PGHOST:-}${PGPORT:-}" ]; then
        say "No PostgreSQL answers on PGHOST=${PGHOST:-} PGPORT=${PGPORT:-}: using a private cluster in .local/pg"
    fi
    start_private_pg
    DB_HOST=$PG_SOCK
    DB_PORT=5432
    DB_USER=$PG_PRIVATE_USER
    DB_PASSWORD=
    export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=$DB_USER
    unset PGPASSWORD
}

# --- Odoo configuration ------------------------------------------------------
write_conf() {
    mkdir -p "$LOCAL/addons" "$LOCAL/data"
    ln -sfn "$ROOT" "$LOCAL/addons/$MODULE"
    cat >"$CONF" <<EOF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$LOCAL/addons
data_dir = $LOCAL/data
db_host = ${DB_HOST:-False}
db_port = ${DB_PORT:-False}
db_user = ${DB_USER:-False}
db_password = ${DB_PASSWORD:-False}
http_interface = 127.0.0.1
list_db = False
without_demo = False
EOF
}

setup() {
    check_options
    mkdir -p "$LOCAL"
    setup_clock
    ensure_odoo_src
    ensure_venv
    ensure_pg
    write_conf
}

odoo() { "${CLOCK[@]}" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" "$@"; }

db_exists() { [ "$(psql -d postgres -Atc "select 1 from pg_database where datname = '$1'")" = 1 ]; }

addon_fingerprint() {
    # Everything Odoo loads from the addon: a change means an upgrade.
    (cd "$ROOT" && find . \( -path ./.git -o -path ./.venv -o -path ./.local -o -name __pycache__ \
        -o -path ./.pytest_cache -o -path ./dist \) -prune -o -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
}

# --- Commands ----------------------------------------------------------------
# Odoo's own multi-process server (WORKERS): HTTP workers, cron workers and
# the gevent process of the websocket, which Odoo starts itself by running
# its own command again with `gevent` in front of the arguments.
server_args() {
    SERVER_ARGS=()
    [ -n "${WORKERS:-}" ] || return 0
    SERVER_ARGS=(--workers="$WORKERS" --max-cron-threads="${CRON_WORKERS:-1}"
        --gevent-port="${GEVENT_PORT:-$((PORT + 3))}")
}

cmd_run() {
    setup
    need_debs "printing PDF reports" wkhtmltopdf fonts-dejavu-core
    server_args
    if [ -n "${DB:-}" ] && [ "$DB" != "$DEMO_DB" ]; then
        # An existing database of its own (e.g. the benchmark's), served as
        # it is: nothing is installed or upgraded in it.
        db_exists "$DB" || die "DB=$DB does not exist: make it first (e.g. make bench for burnout_bench)"
        say "Odoo with $MODULE: http://localhost:$PORT  (database $DB${WORKERS:+, $WORKERS workers, websocket on port ${GEVENT_PORT:-$((PORT + 3))}})"
        exec "${CLOCK[@]}" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$" \
            --http-port="$PORT" --http-interface=0.0.0.0 --log-level=warn "${SERVER_ARGS[@]}"
    fi
    # A day of its own has a demo database of its own, made on that day.
    [ -z "${TODAY:-}" ] || DEMO_DB=${DEMO_DB}_${TODAY//-/}
    local stamp=$LOCAL/$DEMO_DB.fingerprint fp
    fp=$(addon_fingerprint)
    if ! db_exists "$DEMO_DB"; then
        say "Creating database $DEMO_DB with the addon and demo data (about a minute)"
        rm -f "$stamp"
        if ! odoo -d "$DEMO_DB" -i "$MODULE" --stop-after-init --log-level=warn; then
            drop_db "$DEMO_DB"
            die "installing the addon into $DEMO_DB failed (see above); nothing was kept"
        fi
        printf '%s\n' "$fp" >"$stamp"
    elif [ "$(cat "$stamp" 2>/dev/null)" != "$fp" ]; then
        say "The addon changed since $DEMO_DB was made: upgrading it"
        odoo -d "$DEMO_DB" -u "$MODULE" --stop-after-init --log-level=warn || die "upgrading the addon in $DEMO_DB failed (see above)"
        printf '%s\n' "$fp" >"$stamp"
    fi
    cat >&2 <<EOF

Odoo with $MODULE and demo data: http://localhost:$PORT  (database $DEMO_DB)${WORKERS:+
$WORKERS HTTP workers, ${CRON_WORKERS:-1} cron worker(s), websocket on port ${GEVENT_PORT:-$((PORT + 3))}}
Demo logins (password = login):
  bp_employee   employee
  bp_manager    line manager of bp_employee
  bp_taskforce  taskforce member
  bp_hr         HR officer
  bp_paps       prevention advisor psychosocial aspects
  bp_physician  occupational physician
  bp_admin      configuration administrator
  admin         Odoo administrator (password admin)
Stop with Ctrl+C.

EOF
    exec "${CLOCK[@]}" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DEMO_DB" --db-filter="^$DEMO_DB\$" \
        --http-port="$PORT" --http-interface=0.0.0.0 --log-level=warn "${SERVER_ARGS[@]}"
}

cmd_test() {
    setup
    need_debs "browser tests and PDF reports" chromium wkhtmltopdf fonts-dejavu-core
    local db keep= install_flags=()
    # WITHOUT_DEMO=1: the database is made without demo data.
    [ "${WITHOUT_DEMO:-}" != 1 ] || install_flags=(--without-demo=all)
    if [ -n "${TEST_DB:-}" ]; then
        # Developer loop: reuse (and upgrade) a named database, keep it.
        db=$TEST_DB
        keep=1
    else
        db="${MODULE}_test_$(date +%Y%m%d%H%M%S)_$$"
        # The test database is this run's own: it is dropped whatever happens.
        trap 'drop_db "'"$db"'"' EXIT
    fi
    if [ -n "$keep" ] && db_exists "$db"; then
        local demo
        demo=$(psql -d "$db" -Atc "select demo from ir_module_module where name = 'base'" 2>/dev/null) || demo=
        if [ "${WITHOUT_DEMO:-}" = 1 ] && [ "$demo" = t ]; then
            die "TEST_DB=$db has demo data and WITHOUT_DEMO=1 asks for a database without: give another TEST_DB"
        elif [ "${WITHOUT_DEMO:-}" != 1 ] && [ "$demo" = f ]; then
            die "TEST_DB=$db has no demo data: give WITHOUT_DEMO=1 or another TEST_DB"
        fi
        say "Upgrading the addon in test database $db"
        odoo -d "$db" -u "$MODULE" --stop-after-init --log-level=warn ||
            die "upgrading the addon in $db failed (see above)"
    else
        say "Creating test database $db with the addon installed${install_flags:+, without demo data}"
        odoo -d "$db" -i "$MODULE" "${install_flags[@]}" --stop-after-init --log-level=warn ||
            die "installing the addon into the test database failed (see above)"
    fi
    # The install/upgrade test upgrades a copy of the freshly installed
    # database rather than installing the addon a second time.
    if [ -z "$keep" ] && psql -d postgres -qc "CREATE DATABASE \"${db}_upgrade\" TEMPLATE \"$db\"" >/dev/null 2>&1; then
        cp -a "$LOCAL/data/filestore/$db" "$LOCAL/data/filestore/${db}_upgrade" 2>/dev/null || true
        export HR_BURNOUT_UPGRADE_DB=${db}_upgrade
        trap 'drop_db "'"$db"'"; drop_db "'"${db}_upgrade"'"' EXIT
    fi
    # pytest runs the tests through the addons folder, so that they import
    # as odoo.addons.$MODULE whatever this checkout's folder is called.
    local addon=$LOCAL/addons/$MODULE
    # PYTEST_ARGS is split like a shell command line: quotes work.
    local extra=()
    eval "extra=(${PYTEST_ARGS:-})"
    # Test classes are shared out whole between TEST_JOBS processes
    # (pytest-xdist), each on its own copy of the test database.
    local jobs=${TEST_JOBS:-2}
    # tools/pytest_shared_filestore.py keeps each process's files (tools/ is
    # on PYTHONPATH here, and in CLOCK's).
    [ "$jobs" = 1 ] || extra=(-n "$jobs" --dist loadscope -p pytest_shared_filestore "${extra[@]}")
    set +e
    # From .local, so that what the tools leave behind (hypothesis' example
    # database) stays out of the addon.
    cd "$LOCAL"
    PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "${CLOCK[@]}" "$VENV/bin/python" -m pytest -p no:cacheprovider --rootdir="$addon" \
        --odoo-config="$CONF" --odoo-database="$db" --odoo-http --odoo-log-level=warn \
        --odoo-extra=log-handler=odoo.tests.common:CRITICAL -W ignore::DeprecationWarning -W ignore::PendingDeprecationWarning \
        "${extra[@]}" "$@" "$addon/tests"
    local rc=$?
    set -e
    if [ -z "$keep" ]; then
        drop_db "$db"
        [ -z "${HR_BURNOUT_UPGRADE_DB:-}" ] || drop_db "$HR_BURNOUT_UPGRADE_DB"
        trap - EXIT
    fi
    return $rc
}

cmd_bench() {
    # The scale benchmark (tools/bench.py) on a database of its own, made
    # again at every run from an empty one with the addon installed without
    # demo data (kept as ${BENCH_DB}_empty while the addon is unchanged).
    setup
    local db=${BENCH_DB:-burnout_bench} empty fp stamp started
    [[ $db =~ ^[A-Za-z0-9_]{1,50}$ ]] || die "BENCH_DB=$db is not understood: give a database name (letters, digits, _)"
    empty=${db}_empty
    stamp=$LOCAL/$empty.fingerprint
    fp=$(addon_fingerprint)
    started=$(date +%s)
    if ! db_exists "$empty" || [ "$(cat "$stamp" 2>/dev/null)" != "$fp" ]; then
        drop_db "$empty"
        say "Installing the addon without demo data into $empty (about a minute)"
        odoo -d "$empty" -i "$MODULE" --without-demo=all --stop-after-init --log-level=warn ||
            { drop_db "$empty"; die "installing the addon into $empty failed (see above)"; }
        printf '%s\n' "$fp" >"$stamp"
    fi
    drop_db "$db"
    psql -d postgres -qc "CREATE DATABASE \"$db\" TEMPLATE \"$empty\"" >/dev/null ||
        die "cannot make $db from $empty"
    rm -rf "$LOCAL/data/filestore/$db"
    [ ! -d "$LOCAL/data/filestore/$empty" ] || cp -a "$LOCAL/data/filestore/$empty" "$LOCAL/data/filestore/$db"
    set +e
    "${CLOCK[@]}" "$VENV/bin/python" "$ROOT/tools/bench.py" -c "$CONF" -d "$db"
    local rc=$?
    set -e
    say "make bench took $(($(date +%s) - started)) s; the database $db is kept (make run DB=$db WORKERS=2, make load)"
    return $rc
}

cmd_load() {
    # A bounded load on a server already running on PORT (make run
    # DB=burnout_bench WORKERS=2): tools/load.py.
    setup
    "$VENV/bin/python" "$ROOT/tools/load.py" --url "http://127.0.0.1:$PORT" --db "${DB:-${BENCH_DB:-burnout_bench}}" \
        --clients "${LOAD_CLIENTS:-10}" --requests "${LOAD_REQUESTS:-50}"
}

drop_db() {
    # Odoo's own drop also removes the database's filestore.
    "$VENV/bin/python" - "$CONF" "$1" <<'PY' >/dev/null 2>&1 || true
import sys, odoo
odoo.tools.config.parse_config(["-c", sys.argv[1]])
odoo.tools.config["list_db"] = True  # database management is off in odoo.conf
odoo.service.db.exp_drop(sys.argv[2])
PY
}

cmd_lint() {
    setup
    "$VENV/bin/python" -m pip install -q pre-commit >/dev/null 2>&1 || die "cannot install pre-commit from PyPI"
    cd "$ROOT"
    "$VENV/bin/pre-commit" run --all-files
}

cmd_i18n() {
    # Export the translation template from a database of its own, then
    # merge it into the Dutch and French translations.
    setup
    need_debs "merging translations" gettext
    local db="${MODULE}_i18n_$$" src=$LOCAL/i18n-src
    # Odoo's export walks the whole addon folder, links included: export
    # from a copy of the project's own files, without .venv and .local.
    rm -rf "$src"
    mkdir -p "$src/$MODULE"
    (cd "$ROOT" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$src/$MODULE"
    sed "s|^addons_path = .*|addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$src|" "$CONF" >"$src/odoo.conf"
    trap 'drop_db "'"$db"'"; rm -rf "'"$src"'"' EXIT
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$src/odoo.conf" -d "$db" -i "$MODULE" --without-demo=all \
        --stop-after-init --log-level=warn || die "installing the addon for the export failed"
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$src/odoo.conf" -d "$db" --i18n-export="$ROOT/i18n/$MODULE.pot" \
        --modules="$MODULE" --stop-after-init --log-level=warn || die "exporting the translation template failed"
    local lang
    for lang in nl fr; do
        if [ -f "$ROOT/i18n/$lang.po" ]; then
            msgmerge --quiet --update --no-fuzzy-matching --backup=none "$ROOT/i18n/$lang.po" "$ROOT/i18n/$MODULE.pot"
        fi
    done
    drop_db "$db"
    rm -rf "$src"
    trap - EXIT
    say "Wrote i18n/$MODULE.pot and merged it into i18n/nl.po and i18n/fr.po"
}

cmd_wheel() {
    # Build the wheel of the addon with whool (pyproject.toml) into DIR
    # (default dist/), in place of the wheels of the addon already there.
    # whool names the addon after the folder it builds in and packs the
    # files git tracks: build from a copy of the tracked files in a folder
    # named after the addon, whatever this checkout's folder is called.
    mkdir -p "$LOCAL"
    ensure_odoo_src
    ensure_venv
    [ "$(git -C "$ROOT" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$ROOT" && pwd -P)" ] ||
        die "the wheel is built from a git checkout whose root is the addon: whool packs the files git tracks"
    local out=${1:-$ROOT/dist} stage
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    stage=$(mktemp -d "$LOCAL/wheel.XXXXXX")
    trap 'rm -rf "'"$stage"'"' EXIT
    mkdir "$stage/$MODULE"
    (cd "$ROOT" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$stage/$MODULE"
    # whool asks git which files to pack and how many commits changed the
    # addon since its version: let it ask this checkout's repository, with
    # a copy of its index so that the checkout's own stays untouched.
    cp "$(git -C "$ROOT" rev-parse --path-format=absolute --git-path index)" "$stage/index"
    rm -f "$out/odoo_addon_${MODULE}-"*.whl
    (cd "$stage/$MODULE" &&
        GIT_DIR=$(git -C "$ROOT" rev-parse --absolute-git-dir) GIT_WORK_TREE=$PWD GIT_INDEX_FILE=$stage/index \
            "$VENV/bin/python" -m pip wheel -q --no-deps --no-build-isolation --no-index -w "$out" .) ||
        die "building the wheel failed (see above)"
    rm -rf "$stage"
    trap - EXIT
    say "Wrote $(ls "$out/odoo_addon_${MODULE}-"*.whl)"
}

case "${1:-}" in
check) check_options ;;
run) cmd_run ;;
test)
    shift
    cmd_test "$@"
    ;;
setup) setup ;;
lint) cmd_lint ;;
i18n) cmd_i18n ;;
wheel) cmd_wheel "${2:-}" ;;
bench) cmd_bench ;;
load) cmd_load ;;
*) die "usage: $0 run|test|setup|lint|i18n|wheel [DIR]|bench|load|check" ;;
esac
