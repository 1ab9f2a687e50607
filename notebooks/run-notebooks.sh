#!/usr/bin/env bash
# Executes the notebooks headless against a small pipeline run; exits non-zero if any cell fails.
#
#   notebooks/run-notebooks.sh                 build the demo warehouse, execute every notebook into notebooks/target/executed
#   notebooks/run-notebooks.sh --inplace       the same, but save the outputs into the notebooks themselves (refresh the repo copies)
#   notebooks/run-notebooks.sh 02-duplicate-clusters.ipynb    only the named notebooks
#   notebooks/run-notebooks.sh --no-build ...  use the warehouse as it is (no winnow commands first)
#
# Environment: WINNOW_WAREHOUSE (default notebooks/target/notebook-warehouse; built or brought up to date first),
# JUPYTER (default /usr/bin/jupyter, Debian's: apt-get install jupyter-nbconvert python3-ipykernel).
set -euo pipefail

NOTEBOOKS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WINNOW_HOME="$(cd "$NOTEBOOKS/.." && pwd)"
TARGET="$NOTEBOOKS/target"
export WINNOW_HOME
export WINNOW_WAREHOUSE="${WINNOW_WAREHOUSE:-$TARGET/notebook-warehouse}"
export OPT_OUT_TRACKING=true
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$WINNOW_HOME/jobs/target/djl-cache}"

# The notebooks CI executes, in order (the tests read this line).
DEFAULT_NOTEBOOKS=(01-pipeline-tour.ipynb 02-duplicate-clusters.ipynb 03-embeddings.ipynb 04-rds-selection.ipynb 05-vocabulary.ipynb)

INPLACE=false
BUILD=true
SELECTED=()
for arg in "$@"; do
  case "$arg" in
    --inplace) INPLACE=true ;;
    --no-build) BUILD=false ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) SELECTED+=("$arg") ;;
  esac
done
[[ ${#SELECTED[@]} -gt 0 ]] || SELECTED=("${DEFAULT_NOTEBOOKS[@]}")

JUPYTER="${JUPYTER:-/usr/bin/jupyter}"
if [[ ! -x "$JUPYTER" ]] || ! "$JUPYTER" nbconvert --version >/dev/null 2>&1; then
  echo "run-notebooks.sh: Jupyter's nbconvert is missing ($JUPYTER); install it with:" >&2
  echo "  apt-get install -y jupyter-nbconvert python3-ipykernel" >&2
  exit 3
fi

started=$(date +%s)
# The kernelspec goes under target/, so nothing is installed into the user's Jupyter.
"$NOTEBOOKS/install-kernel.sh" --prefix "$TARGET/jupyter" >/dev/null
export JUPYTER_PATH="$TARGET/jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# Keep Jupyter's runtime and config files inside target/ as well.
export JUPYTER_RUNTIME_DIR="$TARGET/jupyter/runtime" JUPYTER_CONFIG_DIR="$TARGET/jupyter/config"

echo "run-notebooks.sh: warehouse $WINNOW_WAREHOUSE (stages that are up to date are skipped)"
mkdir -p "$TARGET"
# One JVM runs every winnow command the notebooks need (Spark starts once); the kernel's own java command line.
mapfile -t KERNEL_ARGV < <(/usr/bin/python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["argv"]))' \
    "$TARGET/jupyter/share/jupyter/kernels/winnow-java/kernel.json")
JAVA_COMMAND=("${KERNEL_ARGV[@]:0:${#KERNEL_ARGV[@]}-2}")
$BUILD && { "${JAVA_COMMAND[@]}" io.winnow.notebooks.DemoWarehouse "$WINNOW_WAREHOUSE" > "$TARGET/notebook-warehouse.log" 2>&1 || {
  echo "run-notebooks.sh: building the warehouse failed; the last lines of $TARGET/notebook-warehouse.log:" >&2
  tail -40 "$TARGET/notebook-warehouse.log" >&2
  exit 1
}
grep '^== ' "$TARGET/notebook-warehouse.log" || true; }
echo "run-notebooks.sh: warehouse ready after $(( $(date +%s) - started )) s"

failed=()
for notebook in "${SELECTED[@]}"; do
  path="$NOTEBOOKS/$(basename "$notebook")"
  nb_started=$(date +%s)
  if $INPLACE; then
    output=(--inplace)
  else
    output=(--output-dir "$TARGET/executed")
  fi
  if (cd "$NOTEBOOKS" && "$JUPYTER" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        "${output[@]}" "$path" > "$TARGET/nbconvert-$(basename "$notebook" .ipynb).log" 2>&1); then
    echo "run-notebooks.sh: $(basename "$notebook") OK in $(( $(date +%s) - nb_started )) s"
  else
    echo "run-notebooks.sh: $(basename "$notebook") FAILED; the end of its log:" >&2
    grep -v -E '^(INFO|[A-Z][a-z]{2} [0-9]+, [0-9]{4})' "$TARGET/nbconvert-$(basename "$notebook" .ipynb).log" | tail -40 >&2
    failed+=("$notebook")
  fi
done
echo "run-notebooks.sh: ${#SELECTED[@]} notebook(s) in $(( $(date +%s) - started )) s, ${#failed[@]} failed"
[[ ${#failed[@]} -eq 0 ]]
