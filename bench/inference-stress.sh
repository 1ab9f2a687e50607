#!/usr/bin/env bash
# The inference crash hunt (not in the default test run): >= 100,000 texts through the infer stage with two
# concurrent tasks per JVM, a bare loop on the same sessions in a third thread, sessions closed and reopened between
# the fp32 and int8 rounds. Counts JVM crashes: a non-zero exit or an hs_err_pid*.log in bench/out/stress.
#   bench/inference-stress.sh [texts=100000]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -ntp -pl batchinfer -am -DskipTests install || exit 1
mvn -B -q -ntp -pl batchinfer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath || exit 1
source bin/lib/spark-java-options.sh
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true WINNOW_HOME="$PWD" DJL_CACHE_DIR="$PWD/batchinfer/target/djl-cache"
out=bench/out/stress
rm -rf "$out" && mkdir -p "$out"
started=$(date +%s)
java -Xmx6g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djna.tmpdir="$PWD/batchinfer/target/jna" \
  -XX:ErrorFile="$PWD/$out/hs_err_pid%p.log" \
  -Dlog4j2.configurationFile=${WINNOW_LOG4J:-conf/log4j2.properties} -Dwinnow.project.root="$PWD" \
  -cp "batchinfer/target/test-classes:batchinfer/target/classes:$(cat batchinfer/target/bench.classpath)" \
  io.winnow.batchinfer.bench.InferenceStressBenchmark "$@"
code=$?
crashes=$(find "$out" -name 'hs_err_pid*.log' | wc -l)
echo "exit code $code, JVM crashes: $crashes, wall $(( $(date +%s) - started )) s"
[[ $code -eq 0 && $crashes -eq 0 ]]
