#!/usr/bin/env bash
# Fuzzy dedup benchmark: Winnow vs Spark MLlib MinHashLSH.approxSimilarityJoin, same JVM, same corpus,
# with recall and precision on planted near-duplicates (needs ../shared/data).
#   bench/fuzzy-dedup.sh [documents=200000] [mllib-documents=documents] [mllib-full-limit-seconds=0]
# With a limit, MLlib also runs on the whole corpus and is cancelled at the limit (the ratio is then a bound).
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" FuzzyDedupBenchmark "$@"
