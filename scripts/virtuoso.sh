#!/usr/bin/env bash
# A private OpenLink Virtuoso instance for tests and benchmarks, on 127.0.0.1 only.
#
#   scripts/virtuoso.sh install          install Debian's virtuoso-opensource (idempotent, no prompts,
#                                        the packaged system instance is never started)
#   scripts/virtuoso.sh start DIR        create a database in DIR (a fresh private folder), start it on
#                                        free ports, change the dba password, create a writer account,
#                                        and print the connection as shell assignments (also in DIR/env)
#   scripts/virtuoso.sh restart DIR      start the instance of DIR again on its own database, ports and
#                                        passwords (after a crash or a stop: Virtuoso rolls its transaction
#                                        log forward) and print the connection as start does
#   scripts/virtuoso.sh status DIR       say whether the instance of DIR answers
#   scripts/virtuoso.sh stop DIR         shut the instance of DIR down (only that one: by its own PID)
#
# Passwords are random per start and written only to DIR/env (mode 600).
set -euo pipefail

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

install_package() {
    if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || die "virtuoso-opensource is missing; run as root: sudo $0 install"
    export DEBIAN_FRONTEND=noninteractive
    printf '%s\n' 'virtuoso-opensource-7 virtuoso-opensource-7/dba-password password' \
        'virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password' | debconf-set-selections
    # Keep postinst from starting the packaged instance (it would listen on every interface).
    local created_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        created_policy=1
    fi
    if ! apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends virtuoso-opensource; then
        apt-get -o DPkg::Lock::Timeout=600 update -q
        apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends virtuoso-opensource
    fi
    [ "$created_policy" = 0 ] || rm -f /usr/sbin/policy-rc.d
    if command -v systemctl >/dev/null && systemctl is-enabled virtuoso-opensource-7 >/dev/null 2>&1; then
        systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

random_password() {
    python3 -c 'import secrets; print(secrets.token_hex(12))'
}

isql() {  # isql PORT USER PASSWORD SQL: fails if Virtuoso reports an error (isql itself exits 0)
    local out
    out=$(isql-vt "127.0.0.1:$1" "$2" "$3" exec="$4" 2>&1) || { echo "$out" >&2; return 1; }
    if grep -q '\*\*\* Error' <<<"$out"; then echo "$out" >&2; return 1; fi
}

write_ini() {  # write_ini DIR ISQL_PORT HTTP_PORT
    local dir=$1
    mkdir -p "$dir/load"
    cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$2
DisableUnixSocket = 1
ServerThreads = 20
CheckpointInterval = 60
NumberOfBuffers = ${VIRTUOSO_BUFFERS:-170000}
MaxDirtyBuffers = ${VIRTUOSO_DIRTY_BUFFERS:-127500}
MaxQueryMem = 1G
DirsAllowed = ., $dir/load
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:$3
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
DefaultQuery = select distinct ?Concept where {[] a ?Concept} LIMIT 100
EOF
}

wait_ready() {  # wait_ready HTTP_PORT PID
    local deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "http://127.0.0.1:$1/sparql?query=ASK%7B%7D"; do
        kill -0 "$2" 2>/dev/null || return 1
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.3
    done
}

start() {
    local dir=${1:?usage: $0 start DIR}
    command -v virtuoso-t >/dev/null || die "virtuoso-t is not installed: run $0 install"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ ! -e "$dir/pid" ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || die "already running in $dir"
    # A new database starts with dba/dba, changed at once; an old one has a password we no longer know.
    [ ! -e "$dir/virtuoso.db" ] || die "$dir already holds a database: start in a fresh folder"
    local isql_port http_port dba_password writer_password pid
    isql_port=$(free_port)
    http_port=$(free_port)
    while [ "$http_port" = "$isql_port" ]; do http_port=$(free_port); done
    write_ini "$dir" "$isql_port" "$http_port"
    launch "$dir"
    pid=$(cat "$dir/pid")
    if ! wait_ready "$http_port" "$pid"; then
        kill "$pid" 2>/dev/null || true
        tail -20 "$dir/stdout.log" "$dir/virtuoso.log" >&2 2>/dev/null || true
        die "Virtuoso did not answer on 127.0.0.1:$http_port (logs in $dir)"
    fi
    dba_password=$(random_password)
    writer_password=$(random_password)
    if ! { isql "$isql_port" dba dba "USER_SET_PASSWORD('dba','$dba_password');" &&
        isql "$isql_port" dba "$dba_password" "DB.DBA.USER_CREATE('rivalgraph','$writer_password');" &&
        isql "$isql_port" dba "$dba_password" "GRANT SPARQL_UPDATE TO \"rivalgraph\";"; }; then
        kill "$pid" 2>/dev/null || true
        die "could not set the passwords of the new database in $dir"
    fi
    umask 077
    cat >"$dir/env" <<EOF
VIRTUOSO_PID=$pid
VIRTUOSO_ISQL_PORT=$isql_port
VIRTUOSO_HTTP_PORT=$http_port
VIRTUOSO_DBA_PASSWORD=$dba_password
RIVALGRAPH_QUERY_URL=http://127.0.0.1:$http_port/sparql
RIVALGRAPH_UPDATE_URL=http://127.0.0.1:$http_port/sparql-auth
RIVALGRAPH_GSP_URL=http://127.0.0.1:$http_port/sparql-graph-crud-auth
RIVALGRAPH_SPARQL_USER=rivalgraph
RIVALGRAPH_SPARQL_PASSWORD=$writer_password
EOF
    cat "$dir/env"
}

launch() {  # launch DIR: run virtuoso-t on DIR/virtuoso.ini in the background, note its PID in DIR/pid
    local dir=$1
    (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >>"$dir/stdout.log" 2>&1) &
    echo "$!" >"$dir/pid"
}

restart() {
    local dir=${1:?usage: $0 restart DIR}
    [ -f "$dir/env" ] || die "no instance in $dir: use $0 start DIR"
    dir=$(cd "$dir" && pwd)
    if [ -e "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then die "already running in $dir"; fi
    # shellcheck disable=SC1091
    . "$dir/env"
    launch "$dir"
    local pid
    pid=$(cat "$dir/pid")
    if ! wait_ready "$VIRTUOSO_HTTP_PORT" "$pid"; then
        kill "$pid" 2>/dev/null || true
        tail -20 "$dir/stdout.log" "$dir/virtuoso.log" >&2 2>/dev/null || true
        die "Virtuoso did not come back on 127.0.0.1:$VIRTUOSO_HTTP_PORT (logs in $dir)"
    fi
    sed -i "s/^VIRTUOSO_PID=.*/VIRTUOSO_PID=$pid/" "$dir/env"
    cat "$dir/env"
}

status() {
    local dir=${1:?usage: $0 status DIR}
    [ -f "$dir/env" ] || { echo "no instance in $dir"; return 1; }
    # shellcheck disable=SC1091
    . "$dir/env"
    if kill -0 "$VIRTUOSO_PID" 2>/dev/null \
        && curl -sf -o /dev/null "http://127.0.0.1:$VIRTUOSO_HTTP_PORT/sparql?query=ASK%7B%7D"; then
        echo "running: pid $VIRTUOSO_PID, $RIVALGRAPH_QUERY_URL"
    else
        echo "not running ($dir)"
        return 1
    fi
}

stop() {
    local dir=${1:?usage: $0 stop DIR}
    local pid
    [ -f "$dir/pid" ] || return 0
    pid=$(cat "$dir/pid")
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/pid"; return 0; }
    if [ -f "$dir/env" ]; then
        # shellcheck disable=SC1091
        . "$dir/env"
        isql-vt "127.0.0.1:$VIRTUOSO_ISQL_PORT" dba "$VIRTUOSO_DBA_PASSWORD" exec='shutdown;' \
            >/dev/null 2>&1 || true
    fi
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
}

case "${1:-}" in
    install) install_package ;;
    start) shift; start "$@" ;;
    restart) shift; restart "$@" ;;
    status) shift; status "$@" ;;
    stop) shift; stop "$@" ;;
    *) die "usage: $0 install | start DIR | restart DIR | status DIR | stop DIR" ;;
esac
