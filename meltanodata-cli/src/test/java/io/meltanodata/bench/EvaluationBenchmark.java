package io.meltanodata.bench;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.environments.ActivatedEnvironmentProgram;
import io.meltanodata.preview.OfflineStack;
import io.meltanodata.testing.Topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-harness benchmark (not a test): in-process evaluation time of one Activated Environment
 * program against its number of schedules, after warm-up, JVM start excluded. Run with
 * {@code scripts/bench-evaluation.sh}; prints one line per size.
 */
public final class EvaluationBenchmark {
    static final int WARMUP = 3;
    static final int MEASURED = 5;

    private EvaluationBenchmark() {
    }

    public static void main(String[] args) {
        List<Integer> sizes = args.length == 0 ? List.of(10, 100, 1000) : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        Map<String, Object> project = Topology.analyticsOutputs();
        for (int n : sizes) {
            Map<String, Object> outputs = new HashMap<>(project);
            List<Map<String, Object>> schedules = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                schedules.add(Map.of("name", "s" + i, "cron", (i % 60) + " * * * *", "manual", false,
                        "command", "meltano schedule run s" + i, "job", "j"));
                names.add("\"s" + i + "\"");
            }
            outputs.put("schedules", schedules);
            Path stackFile = Path.of("..", "deployments", "04_environments", "Pulumi.acme.analytics.prod.main.yaml");
            Map<String, String> values = new HashMap<>(((MapConfigSource) StackFile.read(stackFile)).values());
            values.put("meltanodata:schedules", "[" + String.join(",", names) + "]");
            ActivatedEnvironmentConfig config = ActivatedEnvironmentConfig.load(MapConfigSource.of("bench", values), "bench");
            OfflineStack.Spec spec = new OfflineStack.Spec("meltanodata-activated-environment", "bench", "eu-west-1",
                    Map.of(Topology.PROJECT_STACK, outputs));
            long best = Long.MAX_VALUE;
            long sum = 0;
            int resources = 0;
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                long start = System.nanoTime();
                resources = OfflineStack.render(spec, ctx -> ActivatedEnvironmentProgram.run(ctx, config)).resources().size();
                long elapsed = System.nanoTime() - start;
                if (i >= WARMUP) {
                    best = Math.min(best, elapsed);
                    sum += elapsed;
                }
            }
            System.out.printf("%5d schedules: %4d resources, mean %7.1f ms, best %7.1f ms (%d runs after %d warm-up)%n",
                    n, resources, sum / 1e6 / MEASURED, best / 1e6, MEASURED, WARMUP);
        }
    }
}
