#!/usr/bin/env bash
# Property-based API testing: runs schemathesis against the packaged API's own OpenAPI document
# (/q/openapi, whose scoring bodies describe the served model's columns) on 127.0.0.1, with a
# bounded budget (examples per operation, and a time limit), and fails on any server error (5xx),
# any request the document allows that is refused (positive_data_acceptance: only a value outside
# a column's domain may be a 422, and the document spells the domains), an answer whose status,
# content type, headers or body the document does not list, a wrong Allow header or an undeclared
# method that is not a 405, or a request that makes the server stop answering. Not checked:
# negative_data_rejection (by design the server takes more than the document promises: aliases,
# any letter case, extra keys). scripts/test.sh runs it after the build with the e2e bundle.
#
#   scripts/schemathesis.sh [MODEL_DIR] [MAX_EXAMPLES]   # defaults: a bundle trained here, 25
#   NETSEC_SCHEMATHESIS_SECONDS=240                      # the run's time limit (a timeout fails it)
#
# Installs schemathesis (pinned) once into ~/.cache/netsec/schemathesis-venv (PyPI); builds the API
# package when it is missing or older than the sources; trains a small bundle on the phishing data (NETSEC_DATA_DIR, default
# ../shared/data) when no MODEL_DIR is given. Reports go to a temporary folder it names.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
version=4.32.5
venv="${NETSEC_CACHE:-$HOME/.cache/netsec}/schemathesis-venv"
max_examples="${2:-25}"
seconds="${NETSEC_SCHEMATHESIS_SECONDS:-240}"
work="$(mktemp -d "${TMPDIR:-/tmp}/netsec-schemathesis.XXXXXX")"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT

if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/schemathesis" --version | grep -q "$version"; then
  echo "== Installing schemathesis $version into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$version"
fi

jar=netsec-api/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find netsec-api/src netsec-core/src netsec-ingestion/src netsec-experiment/src netsec-training/src -newer "$jar" -type f -print -quit)" ]; then
  echo "== Packaging the API (missing, or older than the sources)" >&2
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

checks=not_a_server_error,positive_data_acceptance,status_code_conformance,content_type_conformance
checks="$checks,response_headers_conformance,response_schema_conformance,allow_header_conformance,unsupported_method"
echo "== schemathesis $version: $max_examples examples per operation (at most ${seconds}s) against $base/q/openapi" >&2
status=0
timeout "$seconds" "$venv/bin/schemathesis" run "$base/q/openapi" --url "$base" \
  --checks "$checks" --max-examples "$max_examples" --seed 1 --workers 1 \
  --report junit --report-dir "$work/report" || status=$?
[ "$status" -eq 124 ] && echo "schemathesis did not finish within ${seconds}s" >&2
# Whatever schemathesis sent, the server must still be serving.
curl -fsS "$base/q/health/ready" >/dev/null || { echo "the API stopped answering" >&2; status=1; }
grep -c " ERROR " "$work/api.log" >/dev/null && grep " ERROR " "$work/api.log" | head -20 >&2 || true
echo "== Report: $work/report; API log: $work/api.log" >&2
exit "$status"
