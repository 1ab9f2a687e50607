#!/usr/bin/env bash
# Exact dedup benchmark: Winnow vs plain Spark baselines, same JVM, same corpus.
#   bench/exact-dedup.sh [documents=200000] [shared-data-dir=../shared/data]
# Prints a Markdown table; copy it into docs/benchmarks.md with the date and machine.
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" ExactDedupBenchmark "$@"
