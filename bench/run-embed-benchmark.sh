#!/usr/bin/env bash
# Runs one benchmark class from embed's test sources (io.winnow.embed.bench) on the test classpath.
#   bench/run-embed-benchmark.sh ClassName [args...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -ntp -pl embed -am -DskipTests install
fi
mvn -B -q -ntp -o -pl embed test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true WINNOW_HOME="$PWD" DJL_CACHE_DIR="$PWD/batchinfer/target/djl-cache"
class="$1"
shift
exec java -Xmx4g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djna.tmpdir="$PWD/embed/target/jna" -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=conf/log4j2.properties -Dwinnow.project.root="$PWD" \
  -cp "embed/target/test-classes:embed/target/classes:$(cat embed/target/bench.classpath)" \
  "io.winnow.embed.bench.$class" "$@"
