#!/usr/bin/env bash
# Runs one benchmark class from jobs' test sources on Maven's test classpath (Spark, Delta, MLlib).
#   bench/run-benchmark.sh ClassName [args...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -ntp -DskipTests install
mvn -B -q -ntp -pl jobs test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true
class="$1"
shift
# BENCH_JAVA_OPTS: extra JVM flags, e.g. -Dwinnow.minhash.kernel=scalar.
# shellcheck disable=SC2086
exec java -Xmx12g "${SPARK_JVM_OPTS[@]}" ${BENCH_JAVA_OPTS:-} -Dai.djl.offline=true -Dlog4j2.configurationFile=${WINNOW_LOG4J:-conf/log4j2.properties} \
  -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/bench.classpath)" \
  "io.winnow.jobs.bench.$class" "$@"
