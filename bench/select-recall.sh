#!/usr/bin/env bash
# RDS+ in-domain recall (selection io.winnow.selection.bench.RdsRecallBenchmark): a mixed pool (GPTeacher Toolformer,
# Code Alpaca 2k, T0 sample, GSM8K train) with targets GSM8K, HumanEval and BBH; the share of selected items from
# the matching source at several budgets, RDS+ (single-task and round-robin) vs random vs balanced random.
# Needs ../shared/data and a built batchinfer (its models). Prints a Markdown table.
#   bench/select-recall.sh [budgets=100,500,1000,2000] [model=all-minilm-l6-v2-int8] [max-tokens=128] [queries-per-task=81]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH_CLASS=${BENCH_CLASS:-io.winnow.selection.bench.RdsRecallBenchmark}
mvn -B -q -o -pl selection -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export WINNOW_HOME="$PWD" DJL_CACHE_DIR="$PWD/selection/target/djl-cache" OPT_OUT_TRACKING=true
exec java -Xmx8g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djna.tmpdir="$PWD/selection/target/jna" \
  -Dlog4j2.configurationFile=conf/log4j2.properties -Dwinnow.project.root="$PWD" \
  -cp "selection/target/test-classes:selection/target/classes:$(cat selection/target/bench.classpath)" \
  "$BENCH_CLASS" "$@"
