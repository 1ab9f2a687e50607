#!/usr/bin/env bash
# Layer-truncation speed: texts/s of the encoder cut after each layer vs the full model, in one run, as a share of
# the ideal L/k speed-up; prints a Markdown table.
#   bench/layer-speed.sh [model=all-minilm-l6-v2] [texts=1000] [rounds=3] [threads=2]
exec "$(dirname "${BASH_SOURCE[0]}")/run-embed-benchmark.sh" LayerSpeedBenchmark "$@"
