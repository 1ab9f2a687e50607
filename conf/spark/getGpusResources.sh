#!/usr/bin/env bash
# GPU discovery script for Spark (spark.executor.resource.gpu.discoveryScript and
# spark.worker.resource.gpu.discoveryScript): prints the GPUs this machine has as the JSON that
# Spark's ResourceInformation expects, e.g. {"name":"gpu","addresses":["0","1"]}.
# Without nvidia-smi (or when it fails) it prints no addresses, so Spark reports that no GPU was
# found instead of failing on a parse error.
set -uo pipefail

addresses=""
if command -v nvidia-smi >/dev/null 2>&1; then
  indexes="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null)" || indexes=""
  while IFS= read -r index; do
    index="${index//[[:space:]]/}"
    [[ "$index" =~ ^[0-9]+$ ]] || continue
    addresses+="${addresses:+,}\"$index\""
  done <<< "$indexes"
fi
echo "{\"name\":\"gpu\",\"addresses\":[$addresses]}"
