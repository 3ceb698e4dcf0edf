package io.meltanodata.preview;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import com.pulumi.core.internal.Internal;
import com.pulumi.deployment.internal.DeploymentImpl;
import io.meltanodata.components.UserInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a stack program in-process under Pulumi's mocks, with no CLI and no cloud account, and
 * returns what it registered. Used by the tests and by {@code meltanodata preview}.
 *
 * <p>Parent layers are supplied as stack outputs keyed by the fully qualified stack name the
 * program passes to its {@code StackReference}. Runs may overlap: the SDK holds each run's
 * deployment per thread and carries it into every task of that run
 * ({@code DeploymentInstanceHolder}, {@code ContextAwareCompletableFuture}).
 */
public final class OfflineStack {
    public static final String STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

    /**
     * @param project         the Pulumi project name
     * @param stack           the stack name
     * @param region          the AWS region used in synthetic ARNs and invoke answers
     * @param stackReferences parent stack name -> its outputs
     */
    public record Spec(String project, String stack, String region, Map<String, Map<String, Object>> stackReferences) {
        public Spec {
            stackReferences = Map.copyOf(stackReferences);
        }
    }

    private OfflineStack() {
    }

    /** The outcome of a run that may fail: the error, and what it registered first ({@code type name}). */
    public record Attempt(Optional<Rendering> rendering, Optional<RuntimeException> failure, List<String> registered) {
        public Attempt {
            registered = List.copyOf(registered);
        }

        /** What was registered besides the reads of parent stacks, which create nothing. */
        public List<String> registeredBesidesStackReferences() {
            return registered.stream().filter(r -> !r.startsWith(STACK_REFERENCE_TYPE + " ")).toList();
        }
    }

    public static Rendering render(Spec spec, Consumer<Context> program) {
        Attempt attempt = attempt(spec, program);
        if (attempt.failure().isPresent()) {
            throw attempt.failure().get();
        }
        return attempt.rendering().orElseThrow();
    }

    public static Attempt attempt(Spec spec, Consumer<Context> program) {
        return attempt(spec, program, QuietDeployment::of);
    }

    /** With a given deployment: the SDK's own ({@code DeploymentImpl::new}) or {@link QuietDeployment}. */
    static Attempt attempt(Spec spec, Consumer<Context> program,
                           Function<DeploymentImpl.DeploymentState, DeploymentImpl> deployment) {
        OptionsRecorder options = new OptionsRecorder();
        RecordingMocks mocks = new RecordingMocks(spec);
        try {
            TestResult result = PulumiTestInternal.builder()
                    .mocks(mocks)
                    .options(TestOptions.builder()
                            .projectName(spec.project())
                            .stackName(spec.stack())
                            .preview(false)
                            .resourceTransformations(List.of(options))
                            .build())
                    .deploymentFactory(state -> {
                        state.runner = new AwaitingRunner();
                        return deployment.apply(state);
                    })
                    .build()
                    .runTest(program);
            Optional<RuntimeException> failure = failureOf(result);
            if (failure.isPresent()) {
                return new Attempt(Optional.empty(), failure, names(mocks.registered()));
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            Set<String> secrets = new TreeSet<>();
            result.outputs().forEach((name, output) -> {
                outputs.put(name, wholeNumbers(PulumiTest.extractValue((Output<?>) output)));
                if (Internal.of((Output<?>) output).isSecret().join()) {
                    secrets.add(name);
                }
            });
            Rendering rendering = new Rendering(spec.project(), spec.stack(), merge(mocks.registered(), options),
                    outputs, secrets);
            return new Attempt(Optional.of(rendering), Optional.empty(), names(mocks.registered()));
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static List<String> names(List<Mocks.ResourceArgs> registered) {
        return registered.stream().map(r -> r.type + " " + r.name).toList();
    }

    private static List<RecordedResource> merge(List<Mocks.ResourceArgs> registered, OptionsRecorder options) {
        List<RecordedResource> resources = new ArrayList<>();
        for (OptionsRecorder.Seen seen : options.seen()) {
            Map<String, Object> inputs = registered.stream()
                    .filter(r -> r.type.equals(seen.type()) && r.name.equals(seen.name()))
                    .findFirst().map(r -> r.inputs).orElse(Map.of());
            resources.add(new RecordedResource(seen.type(), seen.name(), wholeNumbers(inputs), seen.parent(), seen.protect(),
                    seen.retainOnDelete(), seen.argsClass(), names(seen.dependsOn()), seen.ignoreChanges()));
        }
        return List.copyOf(resources);
    }

    /** The logical names of a resource's {@code dependsOn}, known once the run has completed. */
    private static List<String> names(Output<List<com.pulumi.resources.Resource>> dependsOn) {
        List<com.pulumi.resources.Resource> resources = PulumiTest.extractValue(dependsOn);
        return resources == null ? List.of()
                : resources.stream().map(com.pulumi.resources.Resource::pulumiResourceName).toList();
    }

    /**
     * Pulumi's wire format carries every number as a double; inputs were whole numbers when the
     * program wrote them as ints, so show them as such ({@code 30}, not {@code 30.0}).
     */
    @SuppressWarnings("unchecked")
    static <T> T wholeNumbers(T value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            Object whole = Math.abs(d) <= Integer.MAX_VALUE ? (Object) d.intValue() : (Object) d.longValue();
            return (T) whole;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), wholeNumbers(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(OfflineStack::wholeNumbers).toList();
        }
        return value;
    }

    /** A user error anywhere in the causes wins; anything else is a bug in the program. */
    private static Optional<RuntimeException> failureOf(TestResult result) {
        for (Exception e : result.exceptions()) {
            Throwable t = e;
            while (t != null) {
                if (t instanceof UserInputException user) {
                    return Optional.of(user);
                }
                t = t.getCause();
            }
        }
        if (!result.exceptions().isEmpty()) {
            Exception first = result.exceptions().get(0);
            return Optional.of(new IllegalStateException("stack program failed: " + first, first));
        }
        if (!result.errors().isEmpty()) {
            return Optional.of(new IllegalStateException("stack program logged errors: " + String.join("; ", result.errors())));
        }
        return Optional.empty();
    }

    /** Sees every resource before registration: its type, name, parent and options. */
    private static final class OptionsRecorder implements ResourceTransformation {
        record Seen(String type, String name, Optional<String> parent, boolean protect, boolean retainOnDelete,
                    Optional<Class<?>> argsClass, Output<List<com.pulumi.resources.Resource>> dependsOn,
                    List<String> ignoreChanges) {
        }

        private final List<Seen> seen = new ArrayList<>();

        @Override
        public synchronized Optional<Result> apply(Args args) {
            var opts = args.options();
            seen.add(new Seen(args.resource().pulumiResourceType(), args.resource().pulumiResourceName(),
                    opts.getParent().map(p -> p.pulumiResourceName()),
                    opts.isProtect(), opts.isRetainOnDelete(),
                    Optional.ofNullable(args.args()).map(Object::getClass), opts.getDependsOn(),
                    List.copyOf(opts.getIgnoreChanges())));
            return Optional.empty();
        }

        synchronized List<Seen> seen() {
            return List.copyOf(seen);
        }
    }

    /** Answers resource registrations and the few invokes the layers make. */
    private static final class RecordingMocks implements Mocks {
        private final Spec spec;
        private final List<Mocks.ResourceArgs> registered = new ArrayList<>();

        RecordingMocks(Spec spec) {
            this.spec = spec;
        }

        synchronized List<Mocks.ResourceArgs> registered() {
            return List.copyOf(registered);
        }

        /** Exact name first; else the same {@code project/stack} under any organisation. */
        private Map<String, Object> parentOutputs(String stackName) {
            Map<String, Object> exact = spec.stackReferences().get(stackName);
            if (exact != null) {
                return exact;
            }
            String projectAndStack = stackName.substring(stackName.indexOf('/') + 1);
            return spec.stackReferences().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + projectAndStack) || e.getKey().equals(projectAndStack))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            synchronized (this) {
                registered.add(args);
            }
            if (STACK_REFERENCE_TYPE.equals(args.type)) {
                String stackName = String.valueOf(args.inputs.getOrDefault("name", args.name));
                Map<String, Object> outputs = parentOutputs(stackName);
                if (outputs == null) {
                    return CompletableFuture.failedFuture(new UserInputException("parent stack '" + stackName
                            + "' is not available offline; known parent stacks: " + spec.stackReferences().keySet()));
                }
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(stackName),
                        Map.of("name", stackName, "outputs", outputs, "secretOutputNames", List.of())));
            }
            Map<String, Object> state = SyntheticState.of(args.type, args.name, args.inputs, spec.region(),
                    spec.project() + "/" + spec.stack());
            return CompletableFuture.completedFuture(ResourceResult.of(
                    Optional.of(String.valueOf(state.get("id"))), state));
        }

        /**
         * The invoke's arguments. The field's declared type is Guava's ImmutableMap, which is on the
         * SDK's runtime class path only; read it as the Map it is.
         */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> arguments(CallArgs args) {
            try {
                return (Map<String, Object>) CallArgs.class.getField("args").get(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Pulumi's Mocks.CallArgs has no readable 'args'", e);
            }
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            Map<String, Object> answer = switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                        "accountId", SyntheticState.ACCOUNT, "id", SyntheticState.ACCOUNT,
                        "arn", "arn:aws:iam::" + SyntheticState.ACCOUNT + ":user/offline-preview",
                        "userId", "AIDOFFLINEPREVIEW");
                case "aws:index/getRegion:getRegion" -> Map.of("name", spec.region(), "id", spec.region(),
                        "endpoint", "ec2." + spec.region() + ".amazonaws.com", "description", spec.region());
                case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "id", "aws",
                        "dnsSuffix", "amazonaws.com", "reverseDnsPrefix", "com.amazonaws");
                case "aws:index/getAvailabilityZones:getAvailabilityZones" -> RegionZones.answer(spec.region(), arguments(args));
                default -> Map.of();
            };
            return CompletableFuture.completedFuture(answer);
        }
    }
}
