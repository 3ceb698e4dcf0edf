#!/usr/bin/env bash
# Plain-harness benchmark: in-process evaluation time of a Layer 4 program against its number of
# schedules (default 10 100 1000), JVM start excluded, after warm-up. Usage: scripts/bench-evaluation.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp="$(mktemp)"; trap 'rm -f "$cp"' EXIT
# One reactor run, so the library resolves to pulumi-meltano/target/classes; the tool's module runs
# last and leaves its test classpath in "$cp".
./mvnw -q -B -pl meltanodata-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
cd meltanodata-cli
java -cp "target/test-classes:target/classes:$(cat "$cp")" io.meltanodata.bench.EvaluationBenchmark "$@"
