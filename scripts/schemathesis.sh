#!/usr/bin/env bash
# Property-based API testing: runs schemathesis against the packaged API's own OpenAPI document
# (/q/openapi) on 127.0.0.1, with a bounded number of examples per operation, and fails when any
# answer is a server error (5xx) or a request makes the server stop answering.
#
#   scripts/schemathesis.sh [MODEL_DIR] [MAX_EXAMPLES]   # defaults: a bundle trained here, 50
#
# Installs schemathesis (pinned) once into ~/.cache/netsec/schemathesis-venv (PyPI); builds the API
# package when it is missing; trains a small bundle on the phishing data (NETSEC_DATA_DIR, default
# ../shared/data) when no MODEL_DIR is given. Reports go to a temporary folder it names.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
version=4.32.5
venv="${NETSEC_CACHE:-$HOME/.cache/netsec}/schemathesis-venv"
max_examples="${2:-50}"
work="$(mktemp -d "${TMPDIR:-/tmp}/netsec-schemathesis.XXXXXX")"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT

if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/schemathesis" --version | grep -q "$version"; then
  echo "== Installing schemathesis $version into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$version"
fi

if [ ! -f netsec-api/target/quarkus-app/quarkus-run.jar ]; then
  echo "== Packaging the API" >&2
  ./mvnw -B -q -ntp -pl netsec-api -am package -DskipTests
fi

model="${1:-}"
if [ -z "$model" ]; then
  data_dir="$(cd "${NETSEC_DATA_DIR:-$root/../shared/data}" && pwd)"
  model="$work/model"
  echo "== Training a small bundle into $model" >&2
  ./netsec train --quiet --data "$data_dir/phisingData.csv" --schema data_schema/phishing.yaml \
    --model-dir "$model" --runs-dir "$work/runs" --models logistic --bootstrap 50 >/dev/null
fi

port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
echo "== Starting the API on $base (log: $work/api.log)" >&2
"$JAVA_HOME/bin/java" -Dnetsec.model-dir="$model" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dnetsec.training.runs-dir="$work/runs" -jar netsec-api/target/quarkus-app/quarkus-run.jar >"$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$base/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/api.log" >&2; echo "the API did not start" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/q/health/ready" >/dev/null

echo "== schemathesis $version: $max_examples examples per operation against $base/q/openapi" >&2
status=0
"$venv/bin/schemathesis" run "$base/q/openapi" --url "$base" \
  --checks not_a_server_error --max-examples "$max_examples" --seed 1 --workers 1 \
  --report junit --report-dir "$work/report" || status=$?
# Whatever schemathesis sent, the server must still be serving.
curl -fsS "$base/q/health/ready" >/dev/null || { echo "the API stopped answering" >&2; status=1; }
grep -c " ERROR " "$work/api.log" >/dev/null && grep " ERROR " "$work/api.log" | head -20 >&2 || true
echo "== Report: $work/report; API log: $work/api.log" >&2
exit "$status"
