#!/usr/bin/env bash
# The benchmark harness behind BENCHMARKS.md: in-process scoring (JMH), training with search,
# CLI predict on generated rows, the Python alternative on the same rows, and the HTTP API under
# wrk, all in one run on this machine. Bounded in time; servers listen on 127.0.0.1 only.
#
#   scripts/bench.sh            # the full run (about 15 minutes on 2 cores)
#   scripts/bench.sh --smoke    # seconds: every benchmark once, tiny sizes (CI, via scripts/test.sh)
#
# Environment: NETSEC_DATA_DIR (folder with phisingData.csv, default ../shared/data),
# NETSEC_BENCH_DIR (where results and generated files go, default a new temporary folder),
# NETSEC_BENCH_VENV (the Python venv, default ~/.cache/netsec/bench-venv), NETSEC_BENCH_SKIP_BUILD=1
# (the jars are already built, as in scripts/test.sh).
# Results: $NETSEC_BENCH_DIR/summary.txt, with the machine and the load average beside each figure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
java="$JAVA_HOME/bin/java"

smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1
data_dir="$(cd "${NETSEC_DATA_DIR:-$root/../shared/data}" && pwd)"
phishing="$data_dir/phisingData.csv"
work="${NETSEC_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/netsec-bench.XXXXXX")}"
mkdir -p "$work"
summary="$work/summary.txt"
venv="${NETSEC_BENCH_VENV:-$HOME/.cache/netsec/bench-venv}"
port=18089
api_pid=

cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true; }
trap cleanup EXIT

load() { cut -d' ' -f1 /proc/loadavg; }
say() { echo "$*" | tee -a "$summary"; }
# Wall seconds, user+sys CPU seconds and peak RSS (MB) of a command, from GNU time.
timed() { # timed NAME CMD...
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" \
    || { cat "$work/$name.err" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; wall=s}
              /User time/ {cpu+=$2} /System time/ {cpu+=$2} /Maximum resident/ {rss=$2/1024}
              END {printf "%.2f %.2f %.0f\n", wall, cpu, rss}' "$work/$name.time"
}

: >"$summary"
say "== NetSec Detector benchmarks $(date -u +%Y-%m-%dT%H:%M:%SZ) (smoke=$smoke), results in $work"
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
say "JDK: $("$java" -version 2>&1 | head -1); git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

echo "== Building (CLI, API, benchmarks)"
# On JDK 25+ the API is built with its AOT cache (netsec-api/pom.xml, profile "aot"), as a user would deploy it.
aot=()
[ "$(netsec_java_major "$java")" -ge 25 ] && aot=(-Daot)
[ "${NETSEC_BENCH_SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q -ntp -DskipTests -pl netsec-cli,netsec-api,netsec-bench -am package "${aot[@]}" \
  >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }

# 1. In-process scoring: JMH, single-threaded, core vs the libraries' own calls.
jmh=(-f 1)
[ "$smoke" = 1 ] && jmh=(-f 0 -wi 0 -i 1 -r 100ms -p family=logistic,j48)
say "-- JMH ScoringBenchmark (load $(load)): ns per row"
"$java" --enable-native-access=ALL-UNNAMED -Dnetsec.data="$phishing" -jar netsec-bench/target/benchmarks.jar \
  ScoringBenchmark "${jmh[@]}" -rf json -rff "$work/jmh.json" >"$work/jmh.log" 2>&1 \
  || { tail -30 "$work/jmh.log" >&2; exit 1; }
sed -n '/^Benchmark/,$p' "$work/jmh.log" | tee -a "$summary"

# 2. Training with search on the phishing data (the model the rest of the run serves).
models=()
[ "$smoke" = 1 ] && models=(--models logistic --bootstrap 100)
# The launcher records a class-data-sharing archive on a command's first run after a build (see
# ./netsec); a user's later runs map it. One quick, untimed training run records train's archive,
# so that the timed run below is such a later run.
./netsec train --quiet --data "$phishing" --schema data_schema/phishing.yaml --model-dir "$work/warm-model" \
  --runs-dir "$work/warm-runs" --models logistic --bootstrap 100 >"$work/train-warm-up.log" 2>&1 \
  || { tail -20 "$work/train-warm-up.log" >&2; exit 1; }
rm -rf "$work/warm-model" "$work/warm-runs"
say "-- netsec train with search (load $(load))"
read -r wall cpu rss < <(timed train ./netsec train --quiet --data "$phishing" --schema data_schema/phishing.yaml \
  --model-dir "$work/model" --runs-dir "$work/runs" "${models[@]}")
say "train: ${wall} s wall, ${cpu} s CPU, peak RSS ${rss} MB; $(grep -m1 'Selected model' "$work/train.out" || true)"

# 3. CLI predict on generated rows, heap bounded to 256 MB.
sizes=(1000000 10000000)
[ "$smoke" = 1 ] && sizes=(20000)
first_run=1
for rows in "${sizes[@]}"; do
  input="$work/rows-$rows.csv"
  [ -f "$input" ] || ./netsec data generate --quiet --schema data_schema/phishing.yaml --rows "$rows" --seed 1 \
    --output "$input" >/dev/null
  sync
  if [ "$first_run" = 1 ]; then
    # predict's first run after the build records its ahead-of-time cache (classes and method
    # profiles, see the netsec launcher): timed apart, and on the phishing data as a new user's
    # first run would be (README), not on the rows timed next, whose profile would flatter them.
    read -r wall cpu rss < <(NETSEC_JAVA_OPTS=-Xmx256m timed "predict-first" ./netsec predict --quiet \
      --model-dir "$work/model" --input "$phishing" --output "$work/scored-first.csv")
    say "predict of the phishing data, first run after the build (records the AOT cache, or the CDS archive before JDK 25): ${wall} s wall, ${cpu} s CPU"
    rm -f "$work/scored-first.csv"
    first_run=0
  fi
  load_before=$(load)
  read -r wall cpu rss < <(NETSEC_JAVA_OPTS=-Xmx256m timed "predict-$rows" ./netsec predict --quiet \
    --model-dir "$work/model" --input "$input" --output "$work/scored-$rows.csv")
  say "predict $rows rows (-Xmx256m, load $load_before): ${wall} s wall, $(awk -v r="$rows" -v w="$wall" \
    'BEGIN {printf "%.0f", r / w}') rows/s, ${cpu} s CPU ($(awk -v r="$rows" -v c="$cpu" \
    'BEGIN {printf "%.2f", c * 1e6 / r}') us/row), peak RSS ${rss} MB"
  [ "$rows" = 1000000 ] && java_rate=$(awk -v r="$rows" -v w="$wall" 'BEGIN {printf "%.0f", r / w}')
  if [ "$rows" = "${sizes[0]}" ]; then
    # Where the time goes: the same run again under JFR (not timed: the recording costs a little).
    NETSEC_JAVA_OPTS="-Xmx256m -XX:StartFlightRecording=filename=$work/predict.jfr,settings=profile" \
      ./netsec predict --quiet --model-dir "$work/model" --input "$input" --output "$work/scored-profiled.csv" >/dev/null 2>&1
    say "predict profile (JFR, scripts/jfr-top.sh $work/predict.jfr):"
    scripts/jfr-top.sh "$work/predict.jfr" 12 | tee -a "$summary"
    rm -f "$work/scored-profiled.csv"
  fi
  rm -f "$work/scored-$rows.csv"
  [ "$rows" = 10000000 ] && rm -f "$input"
done

# 4. The Python alternative on the same million rows (full run only: it installs into a venv).
if [ "$smoke" = 0 ]; then
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pandas, sklearn' 2>/dev/null; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q pandas scikit-learn
  fi
  say "-- Python: pandas + scikit-learn (load $(load))"
  py=$("$venv/bin/python" scripts/bench_sklearn.py "$phishing" "$work/rows-1000000.csv" "$work/scored-py.csv")
  py_rate=$(echo "$py" | sed 's/.*"rows_per_second": \([0-9]*\).*/\1/')
  say "python: $py ($("$venv/bin/python" -c 'import pandas, sklearn; print("pandas", pandas.__version__, "scikit-learn", sklearn.__version__)'))"
  say "ratio: netsec predict / python = $(awk -v a="$java_rate" -v b="$py_rate" 'BEGIN {printf "%.1f", a / b}')x"
  rm -f "$work/scored-py.csv"
fi

# 5. The HTTP API: start to ready, wrk on predict (1 and 100 records) beside health/live, RSS.
# The JVM options users run the API with (docker/api.Dockerfile, README), the heap bounded to 128 MB,
# and the AOT cache when the build made one.
api_opts=(@netsec-api/src/main/jvm/jvm.options -Xmx128m)
[ -f netsec-api/target/quarkus-app/app.aot ] && api_opts+=(-XX:AOTCache=netsec-api/target/quarkus-app/app.aot)
say "-- API (${api_opts[*]}, load $(load))"
start_api() { # starts the server in the background (api_pid); start_ms: launch to the first 200 of /q/health/ready
  # (a model served), polled from one Python process: a curl forked every 10 ms took CPU from the
  # start it timed (about 0.4 s of it on 2 cores).
  api_pid= start_ms=
  read -r api_pid start_ms < <(python3 scripts/api_start.py --port "$port" --path /q/health/ready --log "$work/api.log" -- \
    "$java" "${api_opts[@]}" -Dnetsec.model-dir="$work/model" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port \
    -jar netsec-api/target/quarkus-app/quarkus-run.jar) || true # read fails at EOF when it did not start
  [ -n "$start_ms" ] || { echo "the API did not start; see $work/api.log" >&2; exit 1; }
}
stop_api() { # the server is not this shell's child (the Python launcher's): wait for it by its pid
  kill "$api_pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$api_pid" 2>/dev/null; then
    kill -9 "$api_pid" 2>/dev/null || true
    sleep 0.5
  fi
  api_pid=
}
# One start swings by several hundred ms on this VM: the median of five (the last one stays up).
starts=()
attempts=5
[ "$smoke" = 1 ] && attempts=1
for attempt in $(seq 1 "$attempts"); do
  start_api
  starts+=("$start_ms")
  [ "$attempt" = "$attempts" ] && break
  stop_api
done
say "api start to ready: median $(printf '%s\n' "${starts[@]}" | sort -n | awk '{t[NR]=$1} END {print t[int((NR+1)/2)]}') ms of ${starts[*]} ms (first 200 from /q/health/ready, JVM launch included)"

# Request bodies from the generated rows: one record, and 100 records, as JSON records; 100 rows
# under their column names once (the API's other shape, {"columns": [...], "rows": [[...]]}).
python3 scripts/bench_bodies.py "$work/rows-${sizes[0]}.csv" "$work"

duration=20s
warmup=5s
[ "$smoke" = 1 ] && duration=1s && warmup=1s
if command -v wrk >/dev/null 2>&1; then
  # 16 connections keep both cores busy (the server's event loops and wrk's two threads); 32 gave
  # the same request rates with twice the queueing in the tail latencies (BENCHMARKS.md).
  for target in "health /q/health/live" "predict-1 /api/v1/predict one" "predict-100 /api/v1/predict hundred" \
      "predict-100-rows /api/v1/predict hundred-rows"; do
    set -- $target
    script=()
    [ -n "${3:-}" ] && script=(-s "$work/$3.lua")
    load_before=$(load)
    # The server's CPU time per request too (utime + stime in clock ticks): steadier than the rate
    # when the two cores are shared.
    # 5 s unmeasured first: the JIT compiles this endpoint's path, as on a server already running.
    wrk -t2 -c16 -d"$warmup" "${script[@]}" "http://127.0.0.1:$port$2" >/dev/null 2>&1
    ticks_before=$(awk '{print $14 + $15}' "/proc/$api_pid/stat")
    wrk -t2 -c16 -d"$duration" --latency "${script[@]}" "http://127.0.0.1:$port$2" >"$work/wrk-$1.txt" 2>&1
    ticks=$(($(awk '{print $14 + $15}' "/proc/$api_pid/stat") - ticks_before))
    say "wrk $1 (load $load_before): $(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" '/Requests\/sec/ {r=$2} / 50%/ {p50=$2}
      / 99%/ {p99=$2} /requests in/ {n=$1} /Non-2xx/ {e=$NF} /Socket errors/ {s=$0}
      END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s%s, server CPU %.0f us/request", r, p50, p99, e+0, s ? ", " s : "",
           n ? ticks * 1e6 / hz / n : 0}' "$work/wrk-$1.txt")"
  done
else
  say "wrk not installed (apt-get install wrk): HTTP load skipped"
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    --data "$(sed -n 's/^wrk.body = //p' "$work/one.lua" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read()))')" \
    "http://127.0.0.1:$port/api/v1/predict"
fi
# A 1,000-row CSV upload, answered in full: the median of 21 requests, after 10 unmeasured ones
# (the JSON load above does not warm the CSV path up; a running server has).
for _ in $(seq 1 10); do
  curl -fs -o /dev/null -H 'Content-Type: text/csv' --data-binary @"$work/upload-1000.csv" \
    "http://127.0.0.1:$port/api/v1/predict/csv"
done
for _ in $(seq 1 21); do
  curl -fs -o /dev/null -w '%{time_total}\n' -H 'Content-Type: text/csv' --data-binary @"$work/upload-1000.csv" \
    "http://127.0.0.1:$port/api/v1/predict/csv"
done | sort -n | tee "$work/upload-times.txt" \
  | awk '{t[NR]=$1} END {printf "1,000-row CSV upload: median %.1f ms, max %.1f ms (the 21 times: upload-times.txt)\n", t[11]*1000, t[NR]*1000}' \
  | tee -a "$summary"
say "api RSS after load: $(awk '/VmHWM/ {printf "peak %.0f MB", $2/1024} /VmRSS/ {printf ", now %.0f MB", $2/1024}' /proc/$api_pid/status)"
stop_api
say "== done (load $(load)); summary: $summary"
