#!/usr/bin/env bash
# Runs every test of the project: the Maven build with all unit and integration tests, a check
# that the build refuses a wrong dependency or import (scripts/check-module-graph.sh), then an
# end-to-end check that a separate project depending on netsec-core alone scores with a bundle
# that `netsec train` made, and schemathesis against the API's OpenAPI document served with that
# bundle (scripts/schemathesis.sh). Starts (and stops) every server the tests need: FerretDB (a MongoDB
# wire-protocol server, scripts/ferretdb.sh; its first start builds it with Go, a few minutes).
#
#   scripts/test.sh                 # from the repository root
#   NETSEC_DATA_DIR=/data scripts/test.sh   # where phisingData.csv is (default: ../shared/data)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
data_dir="$(cd "${NETSEC_DATA_DIR:-$root/../shared/data}" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/netsec-test.XXXXXX")"
export NETSEC_FERRETDB_DIR="$work/ferretdb"
trap 'scripts/ferretdb.sh stop || true; "$root/scripts/mlflow-server.sh" stop "$work/mlflow" || true; rm -rf "$work"' EXIT

echo "== Starting FerretDB for the MongoDB integration tests"
NETSEC_TEST_MONGODB_URI="$(scripts/ferretdb.sh start)"
export NETSEC_TEST_MONGODB_URI

echo "== MLflow tracking server for the integration tests"
mlflow_env="$("$root/scripts/mlflow-server.sh" start "$work/mlflow")"   # fails the script if the server does not start
mlflow_uri="$(eval "$mlflow_env"; echo "$MLFLOW_TRACKING_URI")"   # for the tests only, not every training
unset MLFLOW_TRACKING_URI   # a user's own server never receives test runs

"$root/scripts/install-chromium.sh"  # headless Chromium + chromedriver for the API's browser test
echo "== Maven build and tests (JDK: $JAVA_HOME)"
./mvnw -B -ntp install -Dnetsec.data.dir="$data_dir" -Dnetsec.mlflow.uri="$mlflow_uri"

echo "== The module graph: a wrong dependency or import fails the build"
scripts/check-module-graph.sh

echo "== End to end: netsec train, netsec predict, and a project that embeds netsec-core alone"
# tracked in the test server and registered, so that MLflow's own client can load the champion below
./netsec train --quiet --data "$data_dir/phisingData.csv" --schema data_schema/phishing.yaml \
  --model-dir "$work/model" --runs-dir "$work/runs" --models logistic,j48 --bootstrap 200 \
  --tracking-uri "$mlflow_uri" --experiment netsec-e2e --registered-model netsec-e2e >"$work/train.out"
cat "$work/train.out"
./netsec predict --quiet --model-dir "$work/model" --input "$data_dir/phisingData.csv" --output "$work/scored.csv"
rows=$(($(wc -l <"$work/scored.csv") - 1))
[ "$rows" -eq 11055 ] || { echo "predict wrote $rows rows, expected 11055" >&2; exit 1; }
# the bundle is an MLflow Model too: mlflow.pyfunc gives netsec predict's labels and probabilities
mlflow_python="$("$root/scripts/mlflow-server.sh" python)"
"$mlflow_python" scripts/check_mlflow_model.py "$work/model" "$data_dir/phisingData.csv" "$work/scored.csv"
# and so is the registered version, loaded by its alias from the tracking server
MLFLOW_TRACKING_URI="$mlflow_uri" "$mlflow_python" scripts/check_mlflow_model.py "models:/netsec-e2e@champion" \
  "$data_dir/phisingData.csv" "$work/scored.csv"
# and mlflow models serve answers /invocations with netsec's predictions (about 15 s)
MLFLOW_TRACKING_URI="$mlflow_uri" "$mlflow_python" scripts/check_mlflow_serve.py "models:/netsec-e2e@champion" \
  "$data_dir/phisingData.csv" "$work/scored.csv"
# the launcher's export: the ONNX model, and nothing on stderr (JDK 24+ warns of protobuf's Unsafe use unless allowed)
./netsec export --model-dir "$work/model" --format onnx --output "$work/model.onnx" 2>"$work/export.err"
[ -s "$work/model.onnx" ] && [ ! -s "$work/export.err" ] || { echo "netsec export failed or wrote to stderr:" >&2; cat "$work/export.err" >&2; exit 1; }
./mvnw -B -ntp -f examples/embedding/pom.xml test \
  -Dnetsec.bundle="$work/model" -Dnetsec.data="$data_dir/phisingData.csv"
echo "== The API against its own OpenAPI document: schemathesis, bounded (about a minute)"
scripts/schemathesis.sh "$work/model" 25
echo "== Benchmarks, smoke run (seconds; the figures are in BENCHMARKS.md, from scripts/bench.sh)"
NETSEC_BENCH_SKIP_BUILD=1 NETSEC_BENCH_DIR="$work/bench" NETSEC_DATA_DIR="$data_dir" scripts/bench.sh --smoke
echo "== All tests passed"
