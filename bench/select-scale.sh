#!/usr/bin/env bash
# The select stage at scale (selection io.winnow.selection.bench.RdsScaleBenchmark): a 100k-record pool built from the
# recall pool, 4 tasks x N queries, all five methods. Reuses the pool vectors of bench/select-recall.sh (run it first):
# every copy gets its original's vector, so the pool is not re-encoded. Prints the stage's time per step.
#   bench/select-scale.sh [items=100000] [budget=10000] [queries-per-task=150] [model=all-minilm-l6-v2-int8] [max-tokens=128] [runs=1]
set -euo pipefail
BENCH_CLASS=io.winnow.selection.bench.RdsScaleBenchmark exec "$(dirname "${BASH_SOURCE[0]}")/select-recall.sh" "$@"
