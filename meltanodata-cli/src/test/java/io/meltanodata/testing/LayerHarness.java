package io.meltanodata.testing;

import com.pulumi.Context;
import io.meltanodata.preview.InputPath;
import io.meltanodata.preview.OfflineStack;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs any layer program under Pulumi mocks and lets a test query what it registered.
 *
 * <pre>{@code
 * Rendering r = LayerHarness.stack("meltanodata-site", "acme")
 *         .parentStack("org/meltanodata-service-fabric/prod", fabricOutputs)
 *         .render(ctx -> SiteInstanceProgram.run(ctx, config));
 * RecordedResource key = LayerHarness.one(r, "aws:kms/key:Key");
 * }</pre>
 */
public final class LayerHarness {
    public static final String REGION = "eu-west-1";

    private final String project;
    private final String stack;
    private final Map<String, Map<String, Object>> parents = new HashMap<>();
    private String region = REGION;

    private LayerHarness(String project, String stack) {
        this.project = project;
        this.stack = stack;
    }

    public static LayerHarness stack(String project, String stack) {
        return new LayerHarness(project, stack);
    }

    /** Supplies the outputs a {@code StackReference} to {@code stackName} will read. */
    public LayerHarness parentStack(String stackName, Map<String, Object> outputs) {
        parents.put(stackName, Map.copyOf(outputs));
        return this;
    }

    /** The region the mocks answer for (ARNs, availability zones); the stack's {@code aws:region}. */
    public LayerHarness region(String awsRegion) {
        this.region = awsRegion;
        return this;
    }

    public Rendering render(Consumer<Context> program) {
        return OfflineStack.render(spec(), program);
    }

    /**
     * Runs a program expected to fail: returns the error after asserting that nothing was
     * registered before it but the reads of parent stacks.
     */
    public RuntimeException renderFailing(Consumer<Context> program) {
        OfflineStack.Attempt attempt = OfflineStack.attempt(spec(), program);
        RuntimeException failure = attempt.failure().orElseGet(() -> fail("expected the program to fail"));
        assertEquals(List.of(), attempt.registeredBesidesStackReferences(),
                "no resource may be registered before the error: " + failure);
        return failure;
    }

    private OfflineStack.Spec spec() {
        return new OfflineStack.Spec(project, stack, region, parents);
    }

    /** The only resource of a type; fails listing what there is otherwise. */
    public static RecordedResource one(Rendering rendering, String type) {
        List<RecordedResource> found = rendering.ofType(type);
        assertEquals(1, found.size(), () -> "expected exactly one " + type + ", found " + names(found));
        return found.get(0);
    }

    public static RecordedResource named(Rendering rendering, String type, String name) {
        return rendering.ofType(type).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseGet(() -> fail("no " + type + " named '" + name + "'; there are " + names(rendering.ofType(type))));
    }

    /** An input value by path ({@code a.b[0].c}); fails when it is absent. */
    @SuppressWarnings("unchecked")
    public static <T> T input(RecordedResource resource, String path) {
        return (T) InputPath.get(resource.inputs(), path)
                .orElseGet(() -> fail(resource.type() + " '" + resource.name() + "' has no input " + path
                        + "; inputs: " + resource.inputs()));
    }

    public static void assertNoInput(RecordedResource resource, String path) {
        assertTrue(InputPath.get(resource.inputs(), path).isEmpty(),
                () -> resource.type() + " '" + resource.name() + "' should not set " + path);
    }

    private static String names(List<RecordedResource> resources) {
        return resources.stream().map(RecordedResource::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
