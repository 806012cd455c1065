#!/usr/bin/env bash
# Builds the API image (docker/api.Dockerfile) and the CLI image (docker/cli.Dockerfile) with
# podman, trains a small model with the CLI image into a model folder, starts the API image on
# 127.0.0.1 with that folder as its volume, waits for the image's own health check, posts a
# prediction and checks the answer against `netsec predict` on the same rows. No Docker engine
# is needed.
#
#   docker/build-and-test.sh                  # from anywhere; run as root (installs podman, runc,
#                                             # debootstrap with apt-get when missing)
#
# Base images: the Dockerfiles' defaults (eclipse-temurin:21-jdk / 21-jre) when they can be
# pulled; otherwise images built here from Debian packages and this machine's JDK
# (docker/local-base-image.sh). Override with NETSEC_BUILDER_IMAGE / NETSEC_RUNTIME_IMAGE.
#
# NETSEC_BUILD_MODE: multistage (the Dockerfiles' build stage runs ./mvnw inside the build, with
#   the host network for Maven Central), prebuilt (the jars are built on the host, target
#   "prebuilt" copies them), or auto (default: multistage, then prebuilt if that fails).
# NETSEC_DATA_DIR: where phisingData.csv is (default ../shared/data).
# NETSEC_KEEP=1 keeps the container and the work folder for inspection.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { echo "== $*" >&2; }
fail() { echo "build-and-test: $*" >&2; exit 1; }

# --- Tools -------------------------------------------------------------------------------------
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing ${missing[*]} with apt-get"
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  else
    command -v podman >/dev/null && command -v runc >/dev/null \
      || fail "needs podman and runc (and debootstrap when no registry is reachable): apt-get install -y ${missing[*]}"
  fi
fi
# shellcheck source=../scripts/java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
data_dir="$(cd "${NETSEC_DATA_DIR:-$root/../shared/data}" 2>/dev/null && pwd)" \
  || fail "no data folder (set NETSEC_DATA_DIR to the folder with phisingData.csv)"
[ -f "$data_dir/phisingData.csv" ] || fail "$data_dir/phisingData.csv is missing"

work="$(mktemp -d "${TMPDIR:-/tmp}/netsec-containers.XXXXXX")"
container="netsec-api-test-$$"
cleanup() {
  if [ "${NETSEC_KEEP:-0}" = 1 ]; then
    echo "build-and-test: kept container $container and $work" >&2
    return
  fi
  podman rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Running containers here needs the runc runtime and no default ulimits (see
# ../shared/ENVIRONMENT.md); a private containers.conf leaves the system's untouched.
cat >"$work/containers.conf" <<'EOF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF="$work/containers.conf"

# --- Base images -------------------------------------------------------------------------------
builder_image="${NETSEC_BUILDER_IMAGE:-docker.io/library/eclipse-temurin:21-jdk}"
runtime_image="${NETSEC_RUNTIME_IMAGE:-docker.io/library/eclipse-temurin:21-jre}"
have_or_pull() { podman image exists "$1" || timeout 90 podman pull -q "$1" >/dev/null 2>&1; }
if have_or_pull "$builder_image" && have_or_pull "$runtime_image"; then
  log "base images: $builder_image, $runtime_image"
else
  [ -z "${NETSEC_BUILDER_IMAGE:-}${NETSEC_RUNTIME_IMAGE:-}" ] \
    || fail "cannot use $builder_image / $runtime_image (not present, pull failed)"
  log "no registry reachable: building local base images from Debian packages"
  eval "$("$root/docker/local-base-image.sh")"   # sets JDK_IMAGE and JRE_IMAGE
  builder_image="$JDK_IMAGE"
  runtime_image="$JRE_IMAGE"
  log "base images: $builder_image, $runtime_image (local)"
fi

# --- Images ------------------------------------------------------------------------------------
api_image="localhost/netsec-api:test"
cli_image="localhost/netsec-cli:test"
build_image() { # dockerfile image target [extra args]
  local dockerfile="$1" image="$2" target="$3"
  shift 3
  # --format docker keeps the HEALTHCHECK (OCI image configs have no health check field).
  podman build --format docker --network=host -f "docker/$dockerfile" \
    --ignorefile "docker/$dockerfile.dockerignore" --target "$target" \
    --build-arg BUILDER_IMAGE="$builder_image" --build-arg RUNTIME_IMAGE="$runtime_image" \
    -t "$image" "$@" . >"$work/build-$target-${dockerfile%%.*}.log" 2>&1
}
mode="${NETSEC_BUILD_MODE:-auto}"
built=""
if [ "$mode" = multistage ] || [ "$mode" = auto ]; then
  log "building $api_image and $cli_image with the Dockerfiles' build stage (Maven inside the build)"
  if build_image api.Dockerfile "$api_image" runtime && build_image cli.Dockerfile "$cli_image" runtime; then
    built=multistage
  elif [ "$mode" = multistage ]; then
    tail -n 40 "$work"/build-runtime-*.log >&2
    fail "the multi-stage build failed (logs above)"
  else
    log "the multi-stage build failed (no Maven Central inside the build?); last lines:"
    tail -n 15 "$work"/build-runtime-*.log >&2 || true
  fi
fi
if [ -z "$built" ]; then
  [ "$mode" = prebuilt ] || [ "$mode" = auto ] || fail "NETSEC_BUILD_MODE must be auto, multistage or prebuilt"
  log "building the jars on the host (JDK: $JAVA_HOME), then the images' \"prebuilt\" target"
  ./mvnw -B -q -pl netsec-api,netsec-cli -am package -DskipTests \
    -Dmaven.source.skip=true -Dmaven.javadoc.skip=true >"$work/maven.log" 2>&1 \
    || { tail -n 40 "$work/maven.log" >&2; fail "the host build failed"; }
  build_image api.Dockerfile "$api_image" prebuilt || { tail -n 40 "$work"/build-prebuilt-api.log >&2; fail "image build failed"; }
  build_image cli.Dockerfile "$cli_image" prebuilt || { tail -n 40 "$work"/build-prebuilt-cli.log >&2; fail "image build failed"; }
  built=prebuilt
fi
log "images built ($built): $api_image, $cli_image"

# --- The image's contract ----------------------------------------------------------------------
user="$(podman image inspect --format '{{.Config.User}}' "$api_image")"
[ -n "$user" ] && [ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] || fail "the API image runs as '$user', expected a non-root USER"
podman image inspect --format '{{json .Config.Healthcheck}}' "$api_image" | grep -q '/q/health/ready\|netsec-healthcheck' \
  || fail "the API image has no HEALTHCHECK"
podman image inspect --format '{{json .Config.Volumes}}' "$api_image" | grep -q '"/models"' || fail "the API image declares no /models volume"
log "API image: USER $user, HEALTHCHECK, VOLUME /models"

# --- A model, trained with the CLI image -------------------------------------------------------
mkdir -p "$work/models" "$work/out"
chown 10001:10001 "$work/models" "$work/out" 2>/dev/null || chmod 777 "$work/models" "$work/out"
head -n 31 "$data_dir/phisingData.csv" >"$work/sample.csv"    # header + 30 rows
chmod a+r "$work/sample.csv"
run_cli() { podman run --rm --network=host -v "$work/models:/models" -v "$data_dir:/data:ro" \
  -v "$work/sample.csv:/sample.csv:ro" -v "$work/out:/out" "$cli_image" "$@"; }
log "netsec train in the CLI image (logistic regression, small bootstrap)"
run_cli train --quiet --data /data/phisingData.csv --schema /app/data_schema/phishing.yaml \
  --model-dir /models/current --runs-dir /tmp/runs --models logistic --bootstrap 50 >"$work/train.out" 2>&1 \
  || { cat "$work/train.out" >&2; fail "training in the CLI image failed"; }
run_cli predict --quiet --model-dir /models/current --input /sample.csv --output /out/scored.csv >/dev/null \
  || fail "netsec predict in the CLI image failed"

# --- The API container -------------------------------------------------------------------------
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log "starting $api_image on 127.0.0.1:$port (model volume read-only)"
podman run -d --name "$container" --network=host \
  -e QUARKUS_HTTP_HOST=127.0.0.1 -e QUARKUS_HTTP_PORT="$port" \
  -v "$work/models:/models:ro" "$api_image" >/dev/null 2>"$work/run.err" \
  || { cat "$work/run.err" >&2; fail "podman run failed"; }
# (Without systemd, podman cannot schedule the health check's timer and says so in run.err;
# `podman healthcheck run` below runs the image's check on demand.)
healthy=0
for _ in $(seq 1 90); do
  if [ "$(podman inspect --format '{{.State.Running}}' "$container")" != true ]; then
    podman logs "$container" >&2 || true
    fail "the API container exited"
  fi
  if podman healthcheck run "$container" >/dev/null 2>&1; then healthy=1; break; fi
  sleep 2
done
[ "$healthy" = 1 ] || { podman logs "$container" | tail -n 30 >&2; fail "the container's health check did not pass within 180 s"; }
log "the container's health check passes (/q/health/ready)"
[ "$(podman exec "$container" id -u)" = 10001 ] || fail "the API process does not run as uid 10001"

python3 - "$work/sample.csv" >"$work/request.json" <<'EOF'
import csv, json, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
records = [{k: int(v) for k, v in r.items() if k != "Result"} for r in rows]
json.dump({"records": records}, sys.stdout)
EOF
status="$(curl -sS -o "$work/response.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary @"$work/request.json" "http://127.0.0.1:$port/api/v1/predict")"
[ "$status" = 200 ] || { cat "$work/response.json" >&2; fail "POST /api/v1/predict answered $status"; }
python3 - "$work/response.json" "$work/out/scored.csv" <<'EOF'
import csv, json, sys
answer = json.load(open(sys.argv[1]))["predictions"]
with open(sys.argv[2], newline="") as f:
    expected = list(csv.DictReader(f))
assert len(answer) == len(expected) == 30, (len(answer), len(expected))
for i, (a, e) in enumerate(zip(answer, expected)):
    assert set(a) >= {"label", "probability", "threat"}, a
    assert 0.0 <= a["probability"] <= 1.0, a
    assert abs(a["probability"] - float(e["probability"])) < 1e-12, (i, a, e["probability"])
    assert str(a["label"]) == e["prediction"], (i, a, e["prediction"])
threats = sum(1 for a in answer if a["threat"])
print(f"build-and-test: 30 predictions from the container match netsec predict ({threats} threats)", file=sys.stderr)
EOF
log "all container checks passed"
