#!/usr/bin/env bash
# Start-up benchmark: wall time, from process start, of `meltanodata preview` for layer 1 alone,
# layers 1-2, 1-3 and all four (a layer's stack needs its parents rendered in the same run), using
# the bundled example's first stack of each layer. Best and median of 5 runs each.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./meltanodata --version >/dev/null   # build and train the class-data-sharing archive outside the measurement
stacks=(deployments/01_service_fabric/Pulumi.dev.yaml deployments/02_site_instances/Pulumi.acme.yaml
        deployments/03_projects/Pulumi.acme.analytics.yaml deployments/04_environments/Pulumi.acme.analytics.prod.main.yaml)
for n in 1 2 3 4; do
  times=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N); ./meltanodata preview "${stacks[@]:0:$n}" >/dev/null; end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}')")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf 'layers 1-%d: best %s s, median %s s\n' "$n" "${sorted[0]}" "${sorted[2]}"
done
