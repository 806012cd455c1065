#!/bin/bash
# The compose file's one-shot job (image: docker/cli.Dockerfile): gets the data file, pushes it
# into MongoDB (validated, idempotent), trains from the collection with MLflow tracking, and
# writes the verified bundle where the API serves it. Every setting is an environment variable:
#
#   NETSEC_DATA_FILE        the CSV to push (default /data/phishing.csv; fetched from UCI when missing)
#   NETSEC_SCHEMA           the schema (default /app/data_schema/phishing.yaml)
#   MONGODB_URI             e.g. mongodb://mongodb:27017/
#   NETSEC_DATABASE, NETSEC_COLLECTION   default netsec / phishing
#   MLFLOW_TRACKING_URI     e.g. http://mlflow:5000 (unset: the run is recorded in the runs folder only)
#   NETSEC_MODEL_DIR        default /models/current (the API's NETSEC_MODEL_DIR)
#   NETSEC_TRAIN_ARGS       extra `netsec train` options, e.g. "--models logistic,j48 --bootstrap 200"
#   NETSEC_SKIP_IF_PRESENT  1: do nothing when a bundle is already there (compose up again)
set -euo pipefail
data="${NETSEC_DATA_FILE:-/data/phishing.csv}"
schema="${NETSEC_SCHEMA:-/app/data_schema/phishing.yaml}"
database="${NETSEC_DATABASE:-netsec}"
collection="${NETSEC_COLLECTION:-phishing}"
model_dir="${NETSEC_MODEL_DIR:-/models/current}"
netsec() { java $JAVA_OPTS -jar /app/netsec-cli.jar "$@"; }

if [ "${NETSEC_SKIP_IF_PRESENT:-0}" = 1 ] && [ -f "$model_dir/manifest.json" ]; then
  echo "trainer: a bundle is already in $model_dir; nothing to do (NETSEC_SKIP_IF_PRESENT=1)"
  exit 0
fi
if [ ! -f "$data" ]; then
  echo "trainer: $data is missing; fetching the UCI Phishing Websites data set"
  netsec data fetch --schema "$schema" --output "$data"
fi
echo "trainer: pushing $data into $database.$collection"
netsec push-data --data "$data" --schema "$schema" --database "$database" --collection "$collection"
echo "trainer: training from $database.$collection into $model_dir"
# shellcheck disable=SC2086  # NETSEC_TRAIN_ARGS is a list of options
netsec train --database "$database" --collection "$collection" --schema "$schema" \
  --model-dir "$model_dir" --runs-dir /var/lib/netsec/runs ${NETSEC_TRAIN_ARGS:-}
echo "trainer: done; the API serves $model_dir"
