#!/usr/bin/env bash
# Fuzzy dedup benchmark: Winnow vs Spark MLlib MinHashLSH.approxSimilarityJoin, same JVM, same corpus,
# with recall and precision on planted near-duplicates (needs ../shared/data).
#   bench/fuzzy-dedup.sh [documents=200000] [mllib-documents=documents]
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" FuzzyDedupBenchmark "$@"
