#!/usr/bin/env bash
# Installs the Winnow Java kernel for Jupyter: a kernelspec (kernel.json) whose java command line has the kernel
# jar, the Winnow application jar, Spark and Delta on its classpath. Builds the jars first when they are missing.
#
#   notebooks/install-kernel.sh                 into your Jupyter data dir (`jupyter --data-dir`, e.g. ~/.local/share/jupyter)
#   notebooks/install-kernel.sh --prefix DIR    into DIR/share/jupyter/kernels (then JUPYTER_PATH=DIR/share/jupyter)
#   notebooks/install-kernel.sh --name NAME     kernel name (default winnow-java)
#
# Environment: WINNOW_KERNEL_MEMORY (kernel heap, default 3g), JAVA_HOME (default: java on PATH).
set -euo pipefail

WINNOW_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME=winnow-java
# Jupyter's own answer when it is on PATH (it honours JUPYTER_DATA_DIR), else the Linux default.
DATA_DIR="$( (jupyter --data-dir || /usr/bin/jupyter --data-dir) 2>/dev/null | tail -1 || true)"
KERNELS_DIR="${DATA_DIR:-${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}}/kernels"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) KERNELS_DIR="$2/share/jupyter/kernels"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "install-kernel.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

KERNEL_JAR="$WINNOW_HOME/notebooks/target/winnow-kernel.jar"
APP_JAR="$WINNOW_HOME/jobs/target/winnow-app.jar"
SPARK_JARS="$WINNOW_HOME/jobs/target/spark-home/jars"
if [[ ! -f "$KERNEL_JAR" || ! -f "$APP_JAR" || ! -d "$SPARK_JARS" ]]; then
  echo "install-kernel.sh: building the kernel and application jars (mvn package, a few minutes the first time)..." >&2
  (cd "$WINNOW_HOME" && mvn -B -q -ntp -DskipTests package -pl notebooks -am) >&2
fi

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(readlink -f "$(command -v java)")"
fi

# The JVM options of bin/winnow: Spark's --add-opens list (JavaModuleOptions), DJL offline, logs under conf/.
source "$WINNOW_HOME/bin/lib/spark-java-options.sh"
ARGS=("$JAVA" "-Xmx${WINNOW_KERNEL_MEMORY:-3g}" "${SPARK_JVM_OPTS[@]}"
  -Djava.awt.headless=true
  -Dai.djl.offline=true
  "-Djna.tmpdir=$WINNOW_HOME/jobs/target/jna"
  "-Dlog4j2.configurationFile=$WINNOW_HOME/conf/log4j2.properties"
  -cp "$KERNEL_JAR:$APP_JAR:$SPARK_JARS/*"
  io.winnow.notebooks.kernel.WinnowKernel
  "{connection_file}")

json_string() {
  local value="${1//\\/\\\\}"
  value="${value//\"/\\\"}"
  printf '"%s"' "$value"
}

TARGET="$KERNELS_DIR/$NAME"
mkdir -p "$TARGET"
{
  printf '{\n  "argv": [\n'
  for i in "${!ARGS[@]}"; do
    printf '    %s%s\n' "$(json_string "${ARGS[$i]}")" "$([[ $i -lt $((${#ARGS[@]} - 1)) ]] && echo ,)"
  done
  printf '  ],\n'
  printf '  "display_name": "Java (Winnow)",\n'
  printf '  "language": "java",\n'
  printf '  "interrupt_mode": "message",\n'
  printf '  "env": {\n'
  printf '    "OPT_OUT_TRACKING": "true",\n'
  printf '    "SPARK_LOCAL_IP": "127.0.0.1",\n'
  printf '    "WINNOW_HOME": %s,\n' "$(json_string "$WINNOW_HOME")"
  printf '    "DJL_CACHE_DIR": %s\n' "$(json_string "$WINNOW_HOME/jobs/target/djl-cache")"
  printf '  }\n}\n'
} > "$TARGET/kernel.json"
echo "Installed the Winnow Java kernel '$NAME' in $TARGET"
