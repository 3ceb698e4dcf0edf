#!/usr/bin/env bash
# Plain-harness benchmark: in-process evaluation time of a Layer 4 program against its number of
# schedules (default 10 100 1000), JVM start excluded, after warm-up. Usage: scripts/bench-evaluation.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl pulumi-meltano -am test-compile
cp="$(mktemp)"; trap 'rm -f "$cp"' EXIT
./mvnw -q -B -pl pulumi-meltano dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
cd pulumi-meltano
java -cp "target/test-classes:target/classes:$(cat "$cp")" io.meltanodata.bench.EvaluationBenchmark "$@"
