#!/usr/bin/env bash
# GPU check, for a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9 (what ONNX Runtime 1.21's GPU build needs):
# builds Winnow with ONNX Runtime's GPU library (-Pgpu-inference), then runs the encoder on the GPU (device gpu:
# no silent fallback) and on the CPU for the infer path and the embed path (a cut graph, two granularities),
# fp32 and int8, and prints device, texts/s and the lowest GPU-vs-CPU cosine.
# Status: GPU unverified (no machine with Java and a GPU was available to the project; see docs/benchmarks.md).
#   bench/gpu-check.sh [texts=4000] [gpu=0]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: no nvidia-smi on this machine, so there is no NVIDIA GPU to check. Run it on a GPU machine." >&2
  exit 2
fi
nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv
mvn -B -q -ntp -Pgpu-inference -pl batchinfer -am -DskipTests install
mvn -B -q -ntp -Pgpu-inference -pl batchinfer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-gpu.classpath
source bin/lib/spark-java-options.sh
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="$PWD/batchinfer/target/djl-cache"
java -Xmx6g "${SPARK_JVM_OPTS[@]}" -Dai.djl.offline=true -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "batchinfer/target/test-classes:batchinfer/target/classes:$(cat batchinfer/target/bench-gpu.classpath)" \
  io.winnow.batchinfer.bench.GpuCheck "$@"
# Leave the CPU build in the local repository for everything else.
mvn -B -q -ntp -pl batchinfer -am -DskipTests install
