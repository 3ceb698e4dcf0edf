package io.meltanodata.environments;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.iam.PolicyDocument;
import io.meltanodata.components.kubernetes.MeltanoRuns;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.testing.ExampleStacks;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decision 0008, across the layers of the bundled example: every Meltano container of every
 * environment writes to its fabric's job log group, under the stream prefix its role may write, and
 * prints on failure the line its fabric's metric filter matches. The mark has one source
 * ({@link MeltanoRuns#FAILED}): the filter is built from it, the pods are handed it, and the run
 * wrapper holds no copy. MeltanoRunIT runs the wrapper and applies the filter to what it wrote.
 */
class JobLogContractTest {
    static final Path WRAPPER = Path.of("..", "deployments", "04_environments", "image", "meltanodata-run");
    static List<LayerRendering> stacks = ExampleStacks.all();

    static Rendering stack(String name) {
        return ExampleStacks.stack(name);
    }

    /**
     * A CloudWatch filter pattern in double quotes matches the events holding that exact phrase, case
     * sensitive ("Filter pattern syntax for metric filters, subscription filters, filter log events,
     * and Live Tail", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
     */
    static boolean quotedPhraseMatches(String pattern, String message) {
        assertTrue(pattern.length() > 2 && pattern.startsWith("\"") && pattern.endsWith("\"")
                && pattern.indexOf('"', 1) == pattern.length() - 1, "a single quoted phrase: " + pattern);
        return message.contains(pattern.substring(1, pattern.length() - 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentsPodsWriteTheStreamsTheirRoleAllowsInTheGroupWhoseFilterMatchesTheirFailureLine() {
        List<Rendering> environments = stacks.stream().filter(s -> s.layer() == Layer.ACTIVATED_ENVIRONMENT)
                .map(LayerRendering::rendering).toList();
        assertEquals(2, environments.size());
        for (Rendering environment : environments) {
            Rendering fabric = stack("dev"); // the fabric of site acme
            String group = input(named(fabric, "aws:cloudwatch/logGroup:LogGroup", "job-logs"), "name");
            String pattern = input(one(fabric, "aws:cloudwatch/logMetricFilter:LogMetricFilter"), "pattern");
            assertEquals(group, input(one(fabric, "aws:cloudwatch/logMetricFilter:LogMetricFilter"), "logGroupName"));
            Map<String, Object> logs = PolicyDocument.parse(input(one(environment, "aws:iam/rolePolicy:RolePolicy"), "policy")).stream()
                    .filter(st -> "JobLogStreams".equals(st.get("Sid"))).findFirst().orElseThrow();

            List<Map<String, Object>> containers = new ArrayList<>();
            environment.ofType("kubernetes:batch/v1:CronJob").forEach(c -> containers.add(input(c, "spec.jobTemplate.spec.template.spec.containers[0]")));
            environment.ofType("kubernetes:apps/v1:Deployment").forEach(d -> containers.add(input(d, "spec.template.spec.containers[0]")));
            assertFalse(containers.isEmpty());
            for (Map<String, Object> container : containers) {
                Map<String, Object> env = new LinkedHashMap<>();
                ((List<Map<String, Object>>) container.get("env")).forEach(v -> env.put((String) v.get("name"), v.get("value")));
                assertEquals(group, env.get(MeltanoRuns.LOG_GROUP_VARIABLE), environment.stack());
                String prefix = (String) env.get(MeltanoRuns.LOG_STREAM_PREFIX_VARIABLE);
                assertEquals(List.of("arn:aws:logs:eu-west-1:123456789012:log-group:" + group + ":log-stream:" + prefix + "*"),
                        logs.get("Resource"), environment.stack());
                assertTrue(env.containsKey(MeltanoRuns.POD_NAME_VARIABLE));

                String mark = (String) env.get(MeltanoRuns.FAILED_VARIABLE);
                String failedLine = mark + ": schedules/x (meltano schedule run x) exited 1; log and output: s3://b/runs/x/";
                assertTrue(quotedPhraseMatches(pattern, failedLine), pattern + " / " + failedLine);
                assertFalse(quotedPhraseMatches(pattern, "meltanodata run succeeded: schedules/x; log and output: s3://b/runs/x/"));
                assertFalse(quotedPhraseMatches(pattern, "meltanodata service stopped: services/a:b (SIGTERM; meltano exited 241); log: s3://b/"));
            }
        }
    }

    @Test
    void theRunWrapperTakesTheMarkAndTheStreamFromThePodAndHoldsNoCopyOfTheMark() throws Exception {
        String wrapper = Files.readString(WRAPPER);
        assertFalse(wrapper.contains(MeltanoRuns.FAILED), "a second copy of the failed-run mark in " + WRAPPER);
        for (String variable : List.of(MeltanoRuns.FAILED_VARIABLE, MeltanoRuns.LOG_GROUP_VARIABLE,
                MeltanoRuns.LOG_STREAM_PREFIX_VARIABLE, MeltanoRuns.POD_NAME_VARIABLE)) {
            assertTrue(wrapper.contains("\"" + variable + "\""), "the wrapper reads " + variable);
        }
    }
}
