#!/usr/bin/env bash
# Benchmark: wall time of the offline preview of all four layers for an environment with N
# schedules (default: 10 100 200 1000). Generates a throw-away Meltano project and stack files
# in a temporary directory; prints one line per N. Usage: scripts/bench-schedules.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts=("$@"); [ ${#counts[@]} -eq 0 ] && counts=(10 100 200 1000)
"$root/meltanodata" --version >/dev/null   # build once, outside the measurement
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

for n in "${counts[@]}"; do
  rm -rf "$work"/*; mkdir -p "$work/deployments" "$work/meltano"
  for layer in 01_service_fabric 02_site_instances 03_projects 04_environments; do
    mkdir -p "$work/deployments/$layer"; cp "$root/deployments/$layer/Pulumi.yaml" "$work/deployments/$layer/"
  done
  cp "$root/deployments/01_service_fabric/Pulumi.dev.yaml" "$work/deployments/01_service_fabric/"
  cp "$root/deployments/02_site_instances/Pulumi.acme.yaml" "$work/deployments/02_site_instances/"
  {
    echo "environments: [{name: prod}]"
    echo "plugins: {extractors: [{name: tap-x}], loaders: [{name: target-y}]}"
    echo "jobs: [{name: el, tasks: [tap-x target-y]}]"
    echo "schedules:"
    for i in $(seq 1 "$n"); do echo "- {name: s$i, job: el, interval: '$((i % 60)) * * * *'}"; done
  } > "$work/meltano/meltano.yml"
  cat > "$work/deployments/03_projects/Pulumi.acme.bench.yaml" <<YAML
config:
  aws:region: eu-west-1
  meltanodata:siteStack: organization/meltanodata-site-instance/acme
  meltanodata:fabric: dev
  meltanodata:repository: acme/bench
  meltanodata:meltanoProject: ../../meltano
  meltanodata:branchRules: [{ref: main, environment: prod}]
YAML
  names=$(seq -s, -f 's%g' 1 "$n")
  cat > "$work/deployments/04_environments/Pulumi.acme.bench.prod.main.yaml" <<YAML
config:
  aws:region: eu-west-1
  meltanodata:projectStack: organization/meltanodata-hosted-project/acme.bench
  meltanodata:fabric: dev
  meltanodata:ref: main
  meltanodata:environment: prod
  meltanodata:schedules: [$names]
YAML
  start=$(date +%s.%N)
  "$root/meltanodata" preview --root "$work" --format json -o "$work/out.json"
  end=$(date +%s.%N)
  cronjobs=$(grep -c '"kubernetes:batch/v1:CronJob"' "$work/out.json")
  printf '%5d schedules: %6.2f s wall for 4 layers (%d CronJobs rendered)\n' "$n" "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')" "$cronjobs"
done
