#!/usr/bin/env bash
# Starts and stops a throw-away MLflow tracking server for the integration tests: MLflow from
# PyPI (pinned) in a virtual environment cached outside the repository, a SQLite backend and a
# local artifact store in a state folder, listening on a free port of 127.0.0.1 only.
#
#   eval "$(scripts/mlflow-server.sh start STATE_DIR)"   # exports MLFLOW_TRACKING_URI
#   scripts/mlflow-server.sh stop STATE_DIR              # stops it by its PID
#   scripts/mlflow-server.sh python                      # prints the venv's python (installs it first)
#
# The venv also holds onnx and onnxruntime, which MLflow needs to load a bundle as an MLflow
# Model (scripts/check_mlflow_model.py); the versions are those the bundle's requirements.txt
# names (netsec-onnx's MlflowModelFiles).
#
# Environment: NETSEC_MLFLOW_VERSION (default below), NETSEC_MLFLOW_VENV (default
# ~/.cache/netsec/mlflow-venv-<version>), PYTHON (default python3).
set -euo pipefail
version="${NETSEC_MLFLOW_VERSION:-3.17.2}"
venv="${NETSEC_MLFLOW_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/netsec/mlflow-venv-$version}"
python="${PYTHON:-python3}"
onnx_packages=(onnx==1.23.2 onnxruntime==1.32.0)
# The marker is written last, so an interrupted install is redone rather than half used. Its name
# says what is installed: a venv with the older marker (MLflow alone) only gains the ONNX packages.
marker=".netsec-installed-onnx"
old_marker=".netsec-installed"

usage() { echo "usage: $0 start|stop STATE_DIR, or $0 python" >&2; exit 64; }
case "${1:-}" in
  python) [ $# -eq 1 ] || usage ;;
  *) [ $# -eq 2 ] || usage; state="$2" ;;
esac

ensure_venv() {
  [ -f "$venv/$marker" ] && return 0
  if [ -f "$venv/$old_marker" ] && [ -x "$venv/bin/python" ]; then
    echo "mlflow-server: adding ${onnx_packages[*]} to $venv (once, a few seconds)" >&2
    "$venv/bin/python" -m pip install --quiet "${onnx_packages[@]}" >&2
    touch "$venv/$marker"
    return 0
  fi
  command -v "$python" >/dev/null || { echo "mlflow-server: $python not found (needed to install MLflow)" >&2; exit 1; }
  echo "mlflow-server: installing mlflow==$version and ${onnx_packages[*]} into $venv (first run only, a few minutes)" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet "mlflow==$version" "${onnx_packages[@]}" >&2
  touch "$venv/$old_marker" "$venv/$marker"
}

free_port() {
  "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  ensure_venv
  mkdir -p "$state/artifacts"
  state="$(cd "$state" && pwd)"
  local port uri pid
  port="$(free_port)"
  uri="http://127.0.0.1:$port"
  # One worker: the tests are sequential and the machines have two cores. setsid gives the server
  # its own process group, so stop ends its worker and job-runner children with it.
  setsid "$venv/bin/mlflow" server --backend-store-uri "sqlite:///$state/mlflow.db" \
    --artifacts-destination "$state/artifacts" --host 127.0.0.1 --port "$port" --workers 1 \
    >"$state/server.log" 2>&1 &
  pid=$!
  echo "$pid" >"$state/pid"
  echo "$uri" >"$state/uri"
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "mlflow-server: the server exited; its log:" >&2
      tail -n 30 "$state/server.log" >&2
      exit 1
    fi
    if "$venv/bin/python" -c "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('$uri/health', timeout=2).status == 200 else 1)" 2>/dev/null; then
      echo "mlflow-server: MLflow $version at $uri (PID $pid, state in $state)" >&2
      echo "export MLFLOW_TRACKING_URI=$uri"
      return 0
    fi
    sleep 1
  done
  echo "mlflow-server: no answer from $uri/health after 120 s; its log:" >&2
  tail -n 30 "$state/server.log" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
}

stop() {
  [ -f "$state/pid" ] || return 0
  local pid
  pid="$(cat "$state/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill "$pid"
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$state/pid"
}

case "$1" in
  start) start ;;
  stop) stop ;;
  python) ensure_venv; echo "$venv/bin/python" ;;
  *) usage ;;
esac
