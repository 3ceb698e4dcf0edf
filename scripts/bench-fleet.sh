#!/usr/bin/env bash
# Fleet benchmark (issue 26): generates a fleet from the example's stack files (scripts/fleet.sh) for
# each number of sites and times `meltanodata preview --format json` and `meltanodata check` on it:
# wall time, CPU time (user + sys), peak memory (maximum resident set) and wall time per stack.
# Usage: scripts/bench-fleet.sh [SITES ...]   (default 1 5 20 80; PROJECTS and ENVIRONMENTS per
# site/project from the environment, default 3 and 4). MELTANODATA names the launcher to measure
# (default ./meltanodata); KEEP=DIR keeps the outputs as DIR/preview-<sites>.json and DIR/check-<sites>.txt.
# RUNS=N (default 1) runs each command N times, preview and check alternating, and ends each size with
# their medians: on a shared machine the same build's time can vary by half within an hour.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="${MELTANODATA:-$root/meltanodata}"
projects="${PROJECTS:-3}"; environments="${ENVIRONMENTS:-4}"; runs="${RUNS:-1}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
export MELTANODATA_HOME="$root"
"$tool" --version >/dev/null   # build and train outside the measurement

measure() {  # label, output file, command...
  local label="$1" out="$2"; shift 2
  local rc=0
  /usr/bin/time -v -o "$work/time" "$@" >"$out" 2>"$work/err" || rc=$?
  awk -v label="$label" -v stacks="$stacks" -v rc="$rc" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
    END { printf "%-8s %5d stacks  wall %7.2f s  cpu %7.2f s  peak %5d MB  %6.1f ms/stack  exit %s\n",
          label, stacks, wall, user + sys, rss / 1024, 1000 * wall / stacks, rc }' "$work/time" | tee -a "$work/runs"
}

medians() {  # label: the median wall and CPU, the wall range and the largest peak of its runs
  local walls cpus
  walls=$(awk -v label="$1" '$1 == label { print $5 }' "$work/runs" | sort -n)
  cpus=$(awk -v label="$1" '$1 == label { print $8 }' "$work/runs" | sort -n)
  [ "$(echo "$walls" | wc -l)" -ge 2 ] || return 0
  paste <(echo "$walls") <(echo "$cpus") | awk -v label="$1" \
    -v peak="$(awk -v label="$1" '$1 == label && $11 > p { p = $11 } END { print p }' "$work/runs")" '
    { wall[NR] = $1; cpu[NR] = $2 }
    END { m = int((NR + 1) / 2)
          printf "%-8s median of %d: wall %.2f s (%.2f-%.2f)  cpu %.2f s  peak %d MB\n",
            label, NR, wall[m], wall[1], wall[NR], cpu[m], peak }'
}

for sites in "${@:-1 5 20 80}"; do
  for n in $sites; do
    stacks=$("$root/scripts/fleet.sh" "$work/fleet" "$n" "$projects" "$environments")
    echo "== $n sites x $projects projects x $environments environments (+ the example)"
    : >"$work/runs"
    for _ in $(seq "$runs"); do
      measure preview "${KEEP:-$work}/preview-$n.json" "$tool" preview --format json --root "$work/fleet"
      measure check "${KEEP:-$work}/check-$n.txt" "$tool" check --root "$work/fleet"
    done
    medians preview
    medians check
  done
done
