#!/usr/bin/env bash
# Benchmark (not a test): writes a CUR 2.0 fixture of a fleet of 20 sites x 3 projects x 4 environments
# with PODS pods each (default 30: about 10.6 million line items for a 30-day month), then times
# `meltanodata bill` over it in its own JVM with /usr/bin/time -v (wall time and peak memory).
# Usage: scripts/bench-bill.sh [PODS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp="$(mktemp)"; work="$(mktemp -d)"; trap 'rm -rf "$cp" "$work"' EXIT
./mvnw -q -B -pl meltanodata-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
cd meltanodata-cli
java -cp "target/test-classes:target/classes:$(cat "$cp")" io.meltanodata.billing.CurFixture "$work/export" "${1:-30}"
/usr/bin/time -v -o "$work/time.txt" java -cp "target/classes:$(cat "$cp")" io.meltanodata.cli.MeltanoDataCli \
  bill --export "$work/export" --format csv -o "$work/bill.csv"
echo "bill: $(($(wc -l < "$work/bill.csv") - 1)) lines written"
grep -E "Elapsed \(wall clock\)|Maximum resident set size|User time|System time" "$work/time.txt"
