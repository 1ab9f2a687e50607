#!/usr/bin/env bash
# STS-B dev Spearman over layers x dims for the built-in models; Markdown tables and heatmaps (embed/target/sts-grid).
#   bench/sts-grid.sh [pairs=all] [models=comma-separated built-in names]
exec "$(dirname "${BASH_SOURCE[0]}")/run-embed-benchmark.sh" StsGridReport "$@"
