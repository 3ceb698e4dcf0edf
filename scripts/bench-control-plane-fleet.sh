#!/usr/bin/env bash
# Control-plane fleet benchmark (issue 25 item 5; not a test, not part of -Preal): for each number of
# sites, generates the fleet (scripts/fleet.sh: the example plus SITES sites x PROJECTS projects x
# ENVIRONMENTS environments on fabric dev), renders it offline, applies every Kubernetes object of fabric
# dev to a real control plane (kube-apiserver, etcd, kube-controller-manager, kube-scheduler, KWOK,
# Karpenter's KWOK provider; the tools of scripts/real-tools.sh), forces one run of every CronJob, and
# reports the time to apply, the time to steady state, the nodes Karpenter made per site against the
# cost model's assumption, and each component's peak memory and CPU time, with the load average
# (FleetBenchmark in meltanodata-cli's test sources says exactly what is done).
# Usage: scripts/bench-control-plane-fleet.sh [SITES ...]   (default 5 20; PROJECTS and ENVIRONMENTS
# from the environment, default 3 and 4; STALL, SETTLE, TIMEOUT seconds, default 60, 300, 1200).
# KEEP=DIR keeps each run's logs and report in DIR/<sites>/ (report.md, kube/, controllers/).
# Measured (docs/cost.md, "The fleet on a real control plane"): 5 sites about 8 minutes, 20 sites about 16.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
projects="${PROJECTS:-3}"; environments="${ENVIRONMENTS:-4}"
cp="$(mktemp)"; work="$(mktemp -d)"; trap 'rm -rf "$cp" "$work"' EXIT
bash scripts/real-tools.sh etcd kube-apiserver kube-controller-manager kube-scheduler kwok karpenter-automode >/dev/null
./mvnw -q -B -pl meltanodata-cli -am test-compile dependency:build-classpath -Djacoco.skip=true \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
for sites in "${@:-5 20}"; do
  for n in $sites; do
    stacks=$(scripts/fleet.sh "$work/fleet" "$n" "$projects" "$environments")
    out="${KEEP:+$KEEP/$n}"; out="${out:-$work/run-$n}"; rm -rf "$out"; mkdir -p "$out"
    echo "== $n sites x $projects projects x $environments environments (+ the example): $stacks stack files"
    java -Xmx1g -Dmeltanodata.root="$root" \
      -cp "meltanodata-cli/target/test-classes:meltanodata-cli/target/classes:$(cat "$cp")" \
      io.meltanodata.real.kube.FleetBenchmark "$work/fleet" "$(cd "$out" && pwd)" \
      "${STALL:-60}" "${SETTLE:-300}" "${TIMEOUT:-1200}"
  done
done
