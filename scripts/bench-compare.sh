#!/usr/bin/env bash
# Compares two commits on the figures a refactoring must keep (BENCHMARKS.md, "before and after"):
# training with search, `netsec predict` at 1M and 10M rows, the core's per-record call (JMH,
# XGBoost and the random forest), the API's start and its 1-record and 100-record rates. Both
# commits are built side by side; each round runs every measurement once per build, in
# alternating order (old then new, then new then old), so that a slow phase of the machine falls
# on both. Prints each round's figures and, per figure, the medians and new/old.
#
#   scripts/bench-compare.sh OLD NEW [ROUNDS]    # e.g. main HEAD 10 (about 4 minutes a round)
#
# Environment: NETSEC_DATA_DIR (folder with phisingData.csv, default ../shared/data),
# NETSEC_BENCH_DIR (where builds, results and generated rows go, default a new temporary folder).
# Both builds serve and score one bundle, trained by OLD's build: a newer build reads every older
# bundle format, not the reverse. Servers listen on 127.0.0.1 only; nothing runs unbounded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
java="$JAVA_HOME/bin/java"

[ $# -ge 2 ] || { echo "usage: scripts/bench-compare.sh OLD NEW [ROUNDS]" >&2; exit 64; }
old_ref=$(git rev-parse --short "$1^{commit}")
new_ref=$(git rev-parse --short "$2^{commit}")
rounds=${3:-10}
data_dir="$(cd "${NETSEC_DATA_DIR:-$root/../shared/data}" && pwd)"
phishing="$data_dir/phisingData.csv"
work="${NETSEC_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/netsec-compare.XXXXXX")}"
mkdir -p "$work"
results="$work/results.tsv"   # round, build, figure, value
port=18090
api_pid=

cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true; }
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" | tee -a "$results"; }
wall_of() { # wall seconds of a command, from GNU time
  /usr/bin/time -f '%e' -o "$work/time" "$@" >"$work/cmd.out" 2>"$work/cmd.err" \
    || { cat "$work/cmd.err" >&2; return 1; }
  cat "$work/time"
}

echo "== Building $old_ref (old) and $new_ref (new) in $work"
aot=()
[ "$(netsec_java_major "$java")" -ge 25 ] && aot=(-Daot)
built() { # the jars a side needs, from a build of its commit
  [ "$(cat "$work/$1/.commit" 2>/dev/null)" = "$2" ] && [ -f "$work/$1/netsec-api/target/quarkus-app/quarkus-run.jar" ] \
    && [ -f "$work/$1/netsec-cli/target/netsec-cli.jar" ] && [ -f "$work/$1/netsec-bench/target/benchmarks.jar" ]
}
for side in old new; do
  ref=$old_ref
  [ "$side" = new ] && ref=$new_ref
  built "$side" "$ref" && continue # a rerun in the same NETSEC_BENCH_DIR keeps the builds
  rm -rf "$work/$side" && mkdir -p "$work/$side"
  git archive "$ref" | tar -xf - -C "$work/$side"
  (cd "$work/$side" && ./mvnw -B -q -ntp -DskipTests -pl netsec-cli,netsec-api,netsec-bench -am package "${aot[@]}") \
    >"$work/build-$side.log" 2>&1 || { tail -30 "$work/build-$side.log" >&2; exit 1; }
  echo "$ref" >"$work/$side/.commit"
done

echo "== Inputs: one bundle (trained by the old build), rows to predict, request bodies"
(cd "$work/old" && ./netsec train --quiet --data "$phishing" --schema data_schema/phishing.yaml \
  --model-dir "$work/model" --runs-dir "$work/runs" >/dev/null)
for rows in 1000000 10000000; do
  [ -f "$work/rows-$rows.csv" ] || (cd "$work/new" && ./netsec data generate --quiet --schema data_schema/phishing.yaml \
    --rows "$rows" --seed 1 --output "$work/rows-$rows.csv" >/dev/null)
done
python3 scripts/bench_bodies.py "$work/rows-1000000.csv" "$work"
# Each build's first runs record its launcher's archives (class data, AOT cache), as a user's first
# runs do; the rounds time later runs.
for side in old new; do
  (cd "$work/$side" && ./netsec train --quiet --data "$phishing" --schema data_schema/phishing.yaml \
    --model-dir "$work/warm-model" --runs-dir "$work/warm-runs" --models logistic --bootstrap 100 >/dev/null \
    && rm -rf "$work/warm-model" "$work/warm-runs" \
    && NETSEC_JAVA_OPTS=-Xmx256m ./netsec predict --quiet --model-dir "$work/model" --input "$phishing" \
      --output "$work/warm.csv" >/dev/null && rm -f "$work/warm.csv")
done

measure() { # measure ROUND SIDE: every figure once with SIDE's build
  local round=$1 side=$2 dir="$work/$2" wall
  cd "$dir"
  wall=$(wall_of ./netsec train --quiet --data "$phishing" --schema data_schema/phishing.yaml \
    --model-dir "$work/trained-$side" --runs-dir "$work/runs-$side")
  rm -rf "$work/trained-$side" "$work/runs-$side"
  record "$round" "$side" "train_s" "$wall"
  for rows in 1000000 10000000; do
    wall=$(NETSEC_JAVA_OPTS=-Xmx256m wall_of ./netsec predict --quiet --model-dir "$work/model" \
      --input "$work/rows-$rows.csv" --output "$work/scored.csv")
    rm -f "$work/scored.csv"
    record "$round" "$side" "predict_${rows}_rows_per_s" "$(awk -v r="$rows" -v w="$wall" 'BEGIN {printf "%.0f", r / w}')"
  done
  "$java" --enable-native-access=ALL-UNNAMED -Dnetsec.data="$phishing" -jar netsec-bench/target/benchmarks.jar \
    '\.ScoringBenchmark\.coreRecord$' -p family=xgboost,random_forest -f 1 -wi 3 -w 1s -i 5 -r 1s \
    -rf csv -rff "$work/jmh.csv" >"$work/jmh.log" 2>&1 || { tail -30 "$work/jmh.log" >&2; return 1; }
  # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: family"
  while IFS=, read -r score family; do
    record "$round" "$side" "core_${family}_ns" "$score"
  done < <(awk -F, 'NR > 1 {gsub(/["\r]/, ""); printf "%.0f,%s\n", $5, $8}' "$work/jmh.csv")

  local opts=(@netsec-api/src/main/jvm/jvm.options -Xmx128m) starts=() start_ms
  [ -f netsec-api/target/quarkus-app/app.aot ] && opts+=(-XX:AOTCache=netsec-api/target/quarkus-app/app.aot)
  for attempt in 1 2 3; do
    read -r api_pid start_ms < <(python3 "$root/scripts/api_start.py" --port "$port" --path /q/health/ready \
      --log "$work/api-$side.log" -- "$java" "${opts[@]}" -Dnetsec.model-dir="$work/model" \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port -jar netsec-api/target/quarkus-app/quarkus-run.jar) || true
    [ -n "$start_ms" ] || { echo "the $side API did not start; see $work/api-$side.log" >&2; return 1; }
    starts+=("$start_ms")
    [ "$attempt" = 3 ] && break
    stop_api
  done
  record "$round" "$side" "api_start_ms" "$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)"
  for target in "predict_1 one" "predict_100_rows hundred-rows"; do
    set -- $target
    wrk -t2 -c16 -d5s -s "$work/$2.lua" "http://127.0.0.1:$port/api/v1/predict" >/dev/null 2>&1
    local cpu_before cpu_after requests
    cpu_before=$(cpu_ticks "$api_pid")
    wrk -t2 -c16 -d10s -s "$work/$2.lua" "http://127.0.0.1:$port/api/v1/predict" >"$work/wrk.txt" 2>&1
    cpu_after=$(cpu_ticks "$api_pid")
    if grep -q "Non-2xx" "$work/wrk.txt"; then
      echo "the $side API answered errors: $(grep Non-2xx "$work/wrk.txt")" >&2
      return 1
    fi
    record "$round" "$side" "api_${1}_req_per_s" "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.txt")"
    # The server's CPU time per request (all its threads: request, GC, JIT): what the code costs,
    # which another process's load on the machine changes far less than the rate.
    requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
    record "$round" "$side" "api_${1}_cpu_us_per_req" \
      "$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')"
  done
  stop_api
  cd "$root"
}
stop_api() { # the server is the Python launcher's child, not this shell's: wait for it by its pid
  kill "$api_pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$api_pid" 2>/dev/null || true
  api_pid=
}

: >"$results"
echo "== $rounds rounds, alternating (load $(load))"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then order=(old new); else order=(new old); fi
  for side in "${order[@]}"; do
    measure "$round" "$side"
  done
  echo "-- round $round done (load $(load))"
done

echo "== Medians of $rounds rounds: $old_ref (old) and $new_ref (new)"
python3 - "$results" <<'EOF'
import statistics, sys
values = {}
for line in open(sys.argv[1]):
    _, side, figure, value = line.rstrip("\n").split("\t")
    values.setdefault(figure, {}).setdefault(side, []).append(float(value))
print("| figure | old median | new median | new / old |")
print("|---|---|---|---|")
for figure, sides in values.items():
    old, new = statistics.median(sides["old"]), statistics.median(sides["new"])
    print(f"| {figure} | {old:,.2f} | {new:,.2f} | {new / old:.3f} |")
EOF
