#!/usr/bin/env bash
# Batch inference three ways on the same texts, model files and threads: the Spark infer stage, a bare Java loop over
# the same encoder, and a plain Python ONNX Runtime + tokenizers loop (bench/peer/ort_loop.py), all-MiniLM-L6-v2
# fp32 and int8 at 1 and 2 threads. The Python peer goes into bench/out/peer-venv from the machine's local package
# index only (a yardstick, never part of Winnow). Prints a Markdown table with ratios.
#   bench/batch-inference.sh [texts=4000] [rounds=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=bench/out/peer-venv
if [[ ! -x "$VENV/bin/python" ]]; then
  mkdir -p bench/out
  python3 -m venv "$VENV"
  # Local indexes only: nothing reaches another address.
  "$VENV/bin/pip" install -q --index-url file:///opt/pypi/simple --find-links /opt/wheels \
    onnxruntime numpy
  "$VENV/bin/pip" install -q --no-deps --index-url file:///opt/pypi/simple --find-links /opt/wheels \
    tokenizers
fi
mvn -B -q -ntp -pl batchinfer -am -DskipTests install
mvn -B -q -ntp -pl batchinfer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
source bin/lib/spark-java-options.sh
export SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true WINNOW_HOME="$PWD" DJL_CACHE_DIR="$PWD/batchinfer/target/djl-cache"
exec java -Xmx6g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Djna.tmpdir="$PWD/batchinfer/target/jna" \
  -Dlog4j2.configurationFile=${WINNOW_LOG4J:-conf/log4j2.properties} -Dwinnow.project.root="$PWD" \
  -Dwinnow.bench.python="$PWD/$VENV/bin/python" -Dwinnow.bench.out="$PWD/bench/out" \
  -cp "batchinfer/target/test-classes:batchinfer/target/classes:$(cat batchinfer/target/bench.classpath)" \
  io.winnow.batchinfer.bench.InferenceBenchmark "$@"
