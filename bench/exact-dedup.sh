#!/usr/bin/env bash
# Exact dedup benchmark: Winnow vs plain Spark baselines, same JVM, same corpus.
#   bench/exact-dedup.sh [documents=200000] [shared-data-dir=../shared/data]
# Prints a Markdown table; copy it into docs/benchmarks.md with the date and machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ ! -f jobs/target/winnow-app.jar || ! -d jobs/target/test-classes/io/winnow/jobs/bench ]]; then
  mvn -B -q -ntp -DskipTests install
  mvn -B -q -ntp -pl jobs test-compile
fi
OPTS=$(sed -n '/SPARK_JVM_OPTS=(/,/)/p' bin/winnow | grep -E '^\s+-' | tr -d ' ' | tr '\n' ' ')
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true
# shellcheck disable=SC2086
exec java -Xmx8g $OPTS -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "jobs/target/test-classes:jobs/target/winnow-app.jar:jobs/target/spark-runtime/*" \
  io.winnow.jobs.bench.ExactDedupBenchmark "$@"
