#!/usr/bin/env bash
# Batch-inference benchmark: bare Java TextEncoder loop vs the Spark infer stage (2 tasks x 1 thread and
# 1 task x 2 threads), fp32 vs int8, per-row and naive batches vs token-budget batching; one JVM, real
# all-MiniLM-L6-v2 models, STS-B sentences from ../shared/data when present. Prints a Markdown table.
#   bench/batch-inference.sh [texts=4000] [rounds=2]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -ntp -pl batchinfer -am -DskipTests install
mvn -B -q -ntp -pl batchinfer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true WINNOW_HOME="$PWD" DJL_CACHE_DIR="$PWD/batchinfer/target/djl-cache"
exec java -Xmx6g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djna.tmpdir="$PWD/batchinfer/target/jna" \
  -Dlog4j2.configurationFile=${WINNOW_LOG4J:-conf/log4j2.properties} -Dwinnow.project.root="$PWD" \
  -cp "batchinfer/target/test-classes:batchinfer/target/classes:$(cat batchinfer/target/bench.classpath)" \
  io.winnow.batchinfer.bench.InferenceBenchmark "$@"
