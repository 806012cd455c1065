#!/usr/bin/env bash
# Starts and stops a FerretDB server (a real MongoDB wire-protocol server, SQLite backend) for the
# integration tests, on 127.0.0.1 only, with all its state in one folder.
#
#   NETSEC_FERRETDB_DIR=/tmp/x scripts/ferretdb.sh start   # prints the connection string on stdout
#   NETSEC_FERRETDB_DIR=/tmp/x scripts/ferretdb.sh stop    # stops the server by its PID
#
# The folder holds the data (data/), FerretDB's state (state/), its log, pid, port and uri files.
# 'start' in a folder that held a server before reuses its port and data, so a test can stop the
# server and start it again where it was. Without NETSEC_FERRETDB_DIR, 'start' makes a temporary
# folder and says on stderr which one (pass it to 'stop').
#
# The binary is built once into ${NETSEC_FERRETDB_CACHE:-~/.cache/netsec/ferretdb}/<version>/
# (outside the repository): the first build downloads and compiles FerretDB with Go, which takes
# a few minutes. 'go install ...@v1.24.2' alone is not enough: that binary panics at start for
# want of build/version/version.txt, which FerretDB's release build generates; so the module
# source is copied, the file written, and the copy built.
set -euo pipefail

version=v1.24.2
cache="${NETSEC_FERRETDB_CACHE:-$HOME/.cache/netsec/ferretdb}/$version"
binary="$cache/ferretdb"

die() { echo "ferretdb.sh: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { # a port nothing listens on; the small race with other starters is acceptable for tests
  local port tries
  for tries in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "no free port found on 127.0.0.1"
}

build() {
  [ -x "$binary" ] && return 0
  local go_bin
  go_bin="$(command -v go || true)"
  [ -n "$go_bin" ] || { [ -x /usr/local/go/bin/go ] && go_bin=/usr/local/go/bin/go; }
  [ -n "$go_bin" ] || die "FerretDB is not built yet and Go is not installed (https://go.dev/dl/); or set NETSEC_FERRETDB_CACHE to a folder holding $version/ferretdb"
  echo "ferretdb.sh: building FerretDB $version into $cache (first time only; takes a few minutes)..." >&2
  mkdir -p "$cache"
  local source work
  source="$("$go_bin" mod download -json "github.com/FerretDB/FerretDB@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$source" ] || die "go mod download github.com/FerretDB/FerretDB@$version failed"
  work="$(mktemp -d "${TMPDIR:-/tmp}/ferretdb-build.XXXXXX")"
  cp -r "$source/." "$work"
  chmod -R u+w "$work"
  echo "$version" >"$work/build/version/version.txt"
  if ! (cd "$work" && "$go_bin" build -o "$binary.partial" ./cmd/ferretdb) >&2; then
    rm -rf "$work"
    die "building FerretDB failed"
  fi
  rm -rf "$work"
  mv "$binary.partial" "$binary"
}

start() {
  build
  local dir="${NETSEC_FERRETDB_DIR:-}"
  if [ -z "$dir" ]; then
    dir="$(mktemp -d "${TMPDIR:-/tmp}/netsec-ferretdb.XXXXXX")"
    echo "ferretdb.sh: state in $dir (stop with: NETSEC_FERRETDB_DIR=$dir $0 stop)" >&2
  fi
  mkdir -p "$dir/data" "$dir/state"
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    cat "$dir/uri"
    return 0
  fi
  local port debug_port pid
  port="$(cat "$dir/port" 2>/dev/null || free_port)"
  debug_port="$(free_port)"
  [ "$debug_port" != "$port" ] || debug_port="$(free_port)"
  "$binary" --handler=sqlite --sqlite-url="file:$dir/data/" --state-dir="$dir/state" \
    --listen-addr="127.0.0.1:$port" --debug-addr="127.0.0.1:$debug_port" \
    --telemetry=disable --log-level=WARN >>"$dir/ferretdb.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  echo "$port" >"$dir/port"
  local waited
  for waited in $(seq 1 150); do # up to 30 s
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$dir/ferretdb.log" >&2
      die "FerretDB exited at start (log: $dir/ferretdb.log)"
    fi
    port_in_use "$port" && break
    sleep 0.2
  done
  port_in_use "$port" || { kill "$pid"; die "FerretDB did not accept connections on 127.0.0.1:$port within 30 s"; }
  echo "mongodb://127.0.0.1:$port/" | tee "$dir/uri"
}

stop() {
  local dir="${NETSEC_FERRETDB_DIR:-}"
  [ -n "$dir" ] || die "set NETSEC_FERRETDB_DIR to the folder 'start' used"
  [ -f "$dir/pid" ] || return 0
  local pid waited
  pid="$(cat "$dir/pid")"
  if kill "$pid" 2>/dev/null; then
    for waited in $(seq 1 50); do # up to 10 s, then force
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  build) build ;;
  *) die "usage: $0 start|stop|build  (state folder: NETSEC_FERRETDB_DIR)" ;;
esac
