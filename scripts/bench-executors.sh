#!/usr/bin/env bash
# Executor benchmark (issue 26 item 2): what a layer's executor costs on every `pulumi preview` and
# `pulumi up`, without the engine. The Pulumi Java language host calls the executor twice per
# operation, to list plugins and to run the program; this times the first call, which needs no
# engine to answer (Maven and the jar start a JVM on the jar for it, as for the second call):
#   maven    MELTANODATA_LAYER_MAVEN=1 ./mvnw ... compile exec:java ...  (the executor before the cache)
#   default  ./mvnw ... compile exec:java ...  (scripts/layer-mvnw: input hash, then the plugin list
#            kept beside the cached jar since its first scan)
#   jar      java -cp <jar> com.pulumi.bootstrap.internal.Main packages  (Pulumi.yaml `options: binary:`)
# and the input hash alone. Median and range of RUNS runs each (default 5), per layer.
# Usage: scripts/bench-executors.sh [LAYER_DIR ...]   (default: every deployments/0N_*)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
plugins=(-Dorg.slf4j.simpleLogger.logFile=System.err --no-transfer-progress compile exec:java
         -DmainClass=com.pulumi.bootstrap.internal.Main -DmainArgs=packages)
layers=("$@"); [ ${#layers[@]} -gt 0 ] || layers=("$root"/deployments/0*/)

stats() {  # label, then the times: median and range
  local label="$1"; shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END {
    printf "  %-8s median %6.2f s  (%.2f-%.2f)\n", label, t[int((NR + 1) / 2)], t[1], t[NR] }'
}

timed() {  # runs the command RUNS times, prints each wall time; its stdout must hold the plugin list
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N); "$@" 2>/dev/null | grep -q '"name"' || { echo "failed: $*" >&2; exit 1; }; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
  done
}

for dir in "${layers[@]}"; do
  dir="$(cd "$dir" && pwd)"
  jar="$("$root/scripts/layer-mvnw" --jar "$dir")"   # build outside the measurement
  echo "== ${dir#"$root"/} ($(uptime | sed 's/.*load average: //') load)"
  cd "$dir"
  stats maven $(timed env MELTANODATA_LAYER_MAVEN=1 ./mvnw "${plugins[@]}")
  stats default $(timed ./mvnw "${plugins[@]}")
  stats jar $(timed java -cp "$jar" com.pulumi.bootstrap.internal.Main packages)
  hash=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N); "$root/scripts/layer-mvnw" --jar "$dir" >/dev/null; end=$(date +%s.%N)
    hash+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }')")
  done
  stats hash "${hash[@]}"
done
