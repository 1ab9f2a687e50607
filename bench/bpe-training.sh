#!/usr/bin/env bash
# BPE training benchmark: Winnow's byte-level BPE trainer (Spark pre-token counts + incremental
# merges on the driver) on data/demo/corpus/c4-en-sample.jsonl at 1x, 2x, 4x input; time and MB/s.
# No HuggingFace comparison (its Python trainer is not available offline here).
#   bench/bpe-training.sh [repeats=2] [max-vocab-size=8000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -ntp -o -pl tokenization -am -DskipTests install
mvn -B -q -ntp -o -pl tokenization test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true
exec java -Xmx4g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djava.awt.headless=true \
  -Dwinnow.project.root="$PWD" -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "tokenization/target/test-classes:tokenization/target/classes:$(cat tokenization/target/bench.classpath)" \
  io.winnow.tokenization.bench.BpeTrainingBenchmark "$@"
