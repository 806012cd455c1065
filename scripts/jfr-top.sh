#!/usr/bin/env bash
# The methods where a JFR recording's CPU samples land (self time, top frame), most first:
#   scripts/jfr-top.sh recording.jfr [N]
# BENCHMARKS.md quotes these profiles where a target is missed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk
frames=$("$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 1 "$1" \
  | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}')
total=$(printf '%s\n' "$frames" | grep -c . || true)
echo "$total CPU samples, self time by method:"
printf '%s\n' "$frames" | sort | uniq -c | sort -rn | head -n "${2:-15}" \
  | awk -v t="$total" '{c=$1; $1=""; printf "%5.1f%% %s\n", 100 * c / t, $0}'
