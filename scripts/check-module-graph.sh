#!/usr/bin/env bash
# Proves that the build enforces the module graph (README, "Layout"): in a scratch copy of the
# sources, wrong dependencies and imports are added, one kind per module, and the build must
# refuse each with the rule that forbids it; the untouched copy must pass. Only the checks run:
# Maven's validate phase (each module's enforcer rules: bannedDependencies, transitive, and
# RestrictImports) and, for the declared-equals-used check, a compile of netsec-core. Three Maven
# runs, one to two minutes.
#
#   scripts/check-module-graph.sh          # scripts/test.sh runs it
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=java-env.sh
. "$root/scripts/java-env.sh"
netsec_select_jdk

work="$(mktemp -d "${TMPDIR:-/tmp}/netsec-module-graph.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The files a commit of this tree would hold (tracked and new, not ignored; no build output).
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf -) | tar -xf - -C "$work"

maven() { (cd "$work" && ./mvnw -B -ntp "$@") >"$work/build.log" 2>&1; }

# A dependency, first in a pom's own <dependencies> (indented by two spaces, unlike those of its
# <dependencyManagement>); a module of this project at the project's version.
add_dependency() { # pom groupId:artifactId
  local group="${2%%:*}" artifact="${2#*:}" version=""
  [ "$group" = io.netsec ] && version='<version>\${project.version}</version>' # \$: literal for perl
  perl -0pi -e "s|\n  <dependencies>|\n  <dependencies>\n    <dependency><groupId>$group</groupId><artifactId>$artifact</artifactId>$version</dependency>|" \
    "$work/$1"
}
# An import, after a source file's package line.
add_import() { # file class
  perl -0pi -e "s|^(package [^;]+;)|\$1\nimport $2;|m" "$work/$1"
}
remove_dependency() { # pom groupId:artifactId
  perl -0pi -e "s|\s*<dependency>\s*<groupId>${2%%:*}</groupId>\s*<artifactId>${2#*:}</artifactId>\s*</dependency>||" "$work/$1"
}
refused=0
# What the last build said when a module failed: from "on project <module>:" to its "-> [Help 1]".
failure_of() { # module
  awk -v start="on project $1: " 'index($0, start) { on = 1 } on { print } on && /-> \[Help 1\]/ { exit }' "$work/build.log"
}
# The module's failure must show every given text (each names one refused dependency or import).
expect_refused() { # module what text...
  local module="$1" what="$2" text
  shift 2
  for text in "$@"; do
    if ! failure_of "$module" | grep -qF -- "$text"; then
      echo "FAILED: the build did not refuse $what (no '$text' where $module failed):" >&2
      grep -E '^\[(ERROR|WARNING)\]' "$work/build.log" | tail -n 40 >&2
      exit 1
    fi
  done
  refused=$((refused + 1))
  echo "refused: $what"
}

echo "== The module graph as it is passes"
maven validate || { tail -n 40 "$work/build.log" >&2; echo "FAILED: the untouched sources do not pass" >&2; exit 1; }

echo "== Wrong dependencies and imports, one module each, in one build that goes on past failures"
add_import netsec-core/src/main/java/io/netsec/core/Sha256.java io.netsec.ingestion.DataInput
add_dependency netsec-ingestion/pom.xml io.netsec:netsec-training
add_dependency netsec-experiment/pom.xml nz.ac.waikato.cms.weka:weka-stable
add_import netsec-experiment/src/main/java/io/netsec/experiment/metrics/MetricsCalculator.java org.jfree.chart.JFreeChart
add_dependency netsec-spark/pom.xml io.netsec:netsec-training
add_import netsec-spark/src/main/java/io/netsec/spark/SparkEvaluation.java io.netsec.training.TrainingRun
add_dependency netsec-api/pom.xml io.netsec:netsec-cli
maven --fail-never validate || true
banned='<--- banned via the exclude/include list'
expect_refused netsec-core "an import of netsec-ingestion in netsec-core" \
  "core/Sha256.java" "io.netsec.ingestion.DataInput 	(Line: 2"
expect_refused netsec-ingestion "netsec-ingestion depending on netsec-training" \
  "   io.netsec:netsec-training:jar:0.1.0-SNAPSHOT $banned"
expect_refused netsec-experiment "Weka in netsec-experiment" "   nz.ac.waikato.cms.weka:weka-stable:jar:3.8.6 $banned"
expect_refused netsec-experiment "an import of JFreeChart in netsec-experiment" \
  "metrics/MetricsCalculator.java" "org.jfree.chart.JFreeChart 	(Line: 2"
expect_refused netsec-spark "netsec-spark depending on netsec-training, and through it on Weka" \
  "   io.netsec:netsec-training:jar:0.1.0-SNAPSHOT $banned" "      nz.ac.waikato.cms.weka:weka-stable:jar:3.8.6 $banned"
expect_refused netsec-spark "an import of netsec-training in netsec-spark" \
  "spark/SparkEvaluation.java" "io.netsec.training.TrainingRun 	(Line: 2"
expect_refused netsec-api "netsec-api depending on netsec-cli" "   io.netsec:netsec-cli:jar:0.1.0-SNAPSHOT $banned"

echo "== A dependency used but not declared"
cp "$root/netsec-core/src/main/java/io/netsec/core/Sha256.java" "$work/netsec-core/src/main/java/io/netsec/core/"
remove_dependency netsec-core/pom.xml org.yaml:snakeyaml
maven -pl netsec-core process-test-classes || true
if ! grep -qF "on project netsec-core: Dependency problems found" "$work/build.log" \
    || ! grep -A3 -F "Used undeclared dependencies found" "$work/build.log" | grep -qF "org.yaml:snakeyaml:jar"; then
  echo "FAILED: the build accepted netsec-core using SnakeYAML without declaring it:" >&2
  grep -E '^\[(ERROR|WARNING)\]' "$work/build.log" | tail -n 40 >&2
  exit 1
fi
refused=$((refused + 1))
echo "refused: netsec-core using SnakeYAML without declaring it (it still arrives through Jackson)"

echo "== $refused wrong dependencies and imports refused by the build"
