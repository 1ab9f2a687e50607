#!/usr/bin/env bash
# Matryoshka adaptive retrieval (core io.winnow.core.vector.AdaptiveRetrieval): low-dim shortlist + full-dim
# rerank vs exact full-dim search on real all-MiniLM-L6-v2 embeddings of STS-B sentences (needs ../shared/data).
# Prints a Markdown table: queries/s, recall@10, speed-up and multiply-adds vs exact.
#   bench/adaptive-retrieval.sh [corpus=8000] [queries=500] [model=all-minilm-l6-v2] [rounds=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -ntp -pl batchinfer -am -DskipTests install
mvn -B -q -ntp -pl batchinfer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export WINNOW_HOME="$PWD" DJL_CACHE_DIR="$PWD/batchinfer/target/djl-cache"
exec java -Xmx4g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djna.tmpdir="$PWD/batchinfer/target/jna" \
  -Dlog4j2.configurationFile=conf/log4j2.properties -Dwinnow.project.root="$PWD" \
  -cp "batchinfer/target/test-classes:batchinfer/target/classes:core/target/classes:$(cat batchinfer/target/bench.classpath)" \
  io.winnow.batchinfer.bench.AdaptiveRetrievalBenchmark "$@"
