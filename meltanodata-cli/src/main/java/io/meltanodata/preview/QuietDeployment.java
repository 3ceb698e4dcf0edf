package io.meltanodata.preview;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.protobuf.Struct;
import com.pulumi.Log;
import com.pulumi.core.Output;
import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputCompletionSource;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.core.internal.Strings;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.serialization.internal.Converter;
import com.pulumi.serialization.internal.Deserializer;
import com.pulumi.serialization.internal.Structs;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The SDK's deployment, registering resources without the SDK's debug lines. Pulumi Java 1.36.1
 * ({@code DeploymentImpl.RegisterResource} and {@code ReadOrRegisterResourceInternal}) formats, for
 * every resource and whatever the log level, the whole registration request and the whole response
 * as protobuf text, and each output field's value again: about a fifth of the offline preview's CPU
 * at fleet scale. This registers a resource with the SDK's own steps (its prepare step, which
 * serialises the inputs and resolves parent, providers, aliases and dependencies; its request; the
 * monitor, i.e. the mocks) and completes the resource's outputs as the SDK does, minus those lines,
 * with a converter that checks each output type once ({@link CheckedOnceConverter}) and the output
 * fields of each resource class read once ({@link OutputFields}).
 * A resource read rather than registered (an {@code id} or {@code urn} option, e.g. a
 * StackReference) takes the SDK's own path.
 *
 * <p>The steps are private to the SDK: they are found by name for the pinned SDK version
 * ({@link #available()}); with another version the preview falls back to the SDK's deployment.
 */
final class QuietDeployment extends DeploymentImpl {
    private static final Optional<Steps> STEPS = Steps.find();

    private final DeploymentState state;
    private final Object prepare;
    private final Object registerResource;
    private final Converter converter;

    private QuietDeployment(DeploymentState state, Steps steps) {
        super(state);
        this.state = state;
        try {
            this.prepare = steps.prepare.get(this);
            this.registerResource = steps.registerResource.get(this);
            this.converter = new CheckedOnceConverter((Log) steps.log.get(this), (Deserializer) steps.deserializer.get(this));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the SDK on the class path has the steps this deployment calls. */
    static boolean available() {
        return STEPS.isPresent();
    }

    /** This deployment where the SDK allows it, else the SDK's own. */
    static DeploymentImpl of(DeploymentState state) {
        return STEPS.<DeploymentImpl>map(steps -> new QuietDeployment(state, steps)).orElseGet(() -> new DeploymentImpl(state));
    }

    @Override
    public void readOrRegisterResource(Resource resource, boolean remote, Function<String, Resource> newDependency,
                                       ResourceArgs args, ResourceOptions options, Resource.LazyFields lazy,
                                       CompletableFuture<String> packageRef) {
        if (readsExisting(options)) {
            super.readOrRegisterResource(resource, remote, newDependency, args, options, lazy, packageRef);
            return;
        }
        // As the SDK: the output fields are set while the resource's constructor runs.
        ImmutableMap<String, OutputCompletionSource<?>> sources = OutputFields.completionSources(resource);
        state.runner.registerTask("readOrRegisterResource", complete(resource, remote, newDependency, args, options,
                sources, lazy, packageRef));
    }

    /**
     * The SDK reads a resource that has a {@code urn} option, or an {@code id} option whose value is not
     * empty; the generated resource classes pass an empty {@code id} to every resource they register.
     * An {@code id} not yet known when the resource is constructed goes the SDK's way too.
     */
    private static boolean readsExisting(ResourceOptions options) {
        if (options.getUrn().isPresent()) {
            return true;
        }
        if (options.getId().isEmpty()) {
            return false;
        }
        CompletableFuture<String> id = Internal.of(options.getId().get()).getValueOrDefault("");
        return !id.isDone() || id.isCompletedExceptionally() || Strings.isNonEmptyOrNull(id.join());
    }

    private record Registered(String urn, String id, Struct data, ImmutableMap<String, ImmutableSet<Resource>> dependencies) {
    }

    private CompletableFuture<Void> complete(Resource resource, boolean remote, Function<String, Resource> newDependency,
                                             ResourceArgs args, ResourceOptions options,
                                             ImmutableMap<String, OutputCompletionSource<?>> sources,
                                             Resource.LazyFields lazy, CompletableFuture<String> packageRef) {
        boolean custom = resource instanceof CustomResource;
        return ContextAwareCompletableFuture.wrap(packageRef == null ? CompletableFuture.<String>completedFuture(null) : packageRef)
                .thenCompose(pkg -> register(resource, custom, remote, newDependency, args, options, pkg))
                .thenApplyAsync(registered -> {
                    lazy.urn().completeOrThrow(new OutputInternal<>(OutputData.of(registered.urn()).withDependency(resource)));
                    if (custom) {
                        lazy.id().orElseThrow().completeOrThrow(Strings.isNonEmptyOrNull(registered.id())
                                ? new OutputInternal<>(OutputData.of(registered.id()).withDependency(resource))
                                : new OutputInternal<>(OutputData.<String>unknown().withDependency(resource)));
                    }
                    String typeName = resource.getClass().getTypeName();
                    for (Map.Entry<String, OutputCompletionSource<?>> entry : sources.entrySet()) {
                        String field = entry.getKey();
                        Structs.tryGetValue(registered.data(), field).ifPresent(value -> entry.getValue().setValue(
                                converter, typeName + "." + field, value,
                                registered.dependencies().getOrDefault(field, ImmutableSet.of())));
                    }
                    return (Void) null;
                })
                .whenComplete((ignored, error) -> {
                    // As the SDK: every output ends resolved, with the error or a default, so nothing waits forever.
                    if (error instanceof Exception e) {
                        sources.values().forEach(source -> source.trySetException(e));
                    }
                    if (error != null) {
                        lazy.urn().fail(error);
                        if (custom) {
                            lazy.id().orElseThrow().fail(error);
                        }
                    }
                    sources.values().forEach(source -> source.trySetDefaultResult(!state.isDryRun));
                    Output<String> defaultValue = state.isDryRun ? new OutputInternal<>(OutputData.<String>unknown()) : Output.of("");
                    lazy.urn().complete(defaultValue);
                    if (custom) {
                        lazy.id().orElseThrow().complete(defaultValue);
                    }
                });
    }

    private CompletableFuture<Registered> register(Resource resource, boolean custom, boolean remote,
                                                   Function<String, Resource> newDependency, ResourceArgs args,
                                                   ResourceOptions options, String packageRef) {
        String type = resource.pulumiResourceType();
        String name = resource.pulumiResourceName();
        CompletableFuture<?> prepared = (CompletableFuture<?>) call(STEPS.orElseThrow().prepareResource, prepare,
                "resource:" + name + "[" + type + "]", resource, custom, remote, args, options);
        return prepared.thenCompose(prepareResult -> {
            RegisterResourceRequest request = (RegisterResourceRequest) call(STEPS.orElseThrow().createRequest,
                    registerResource, type, name, custom, remote, options, prepareResult, packageRef);
            return state.monitor.registerResourceAsync(resource, request)
                    .thenApply(response -> new Registered(response.getUrn(), response.getId(), response.getObject(),
                            dependencies(response, newDependency)));
        });
    }

    private static ImmutableMap<String, ImmutableSet<Resource>> dependencies(RegisterResourceResponse response,
                                                                        Function<String, Resource> newDependency) {
        ImmutableMap.Builder<String, ImmutableSet<Resource>> dependencies = ImmutableMap.builder();
        response.getPropertyDependenciesMap().forEach((property, urns) -> dependencies.put(property,
                urns.getUrnsList().stream().map(newDependency).collect(ImmutableSet.toImmutableSet())));
        return dependencies.build();
    }

    private static Object call(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CompletionException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SDK's private pieces this deployment calls, looked up once. */
    private record Steps(Field prepare, Field registerResource, Field log, Field deserializer, Method prepareResource,
                         Method createRequest) {
        static Optional<Steps> find() {
            try {
                Field prepare = accessible(DeploymentImpl.class.getDeclaredField("prepare"));
                Field registerResource = accessible(DeploymentImpl.class.getDeclaredField("registerResource"));
                Field log = accessible(DeploymentImpl.class.getDeclaredField("log"));
                Field deserializer = accessible(DeploymentImpl.class.getDeclaredField("deserializer"));
                Class<?> prepareResult = Class.forName(DeploymentImpl.class.getName() + "$PrepareResult");
                Method prepareResource = accessible(prepare.getType().getDeclaredMethod("prepareResourceAsync",
                        String.class, Resource.class, boolean.class, boolean.class, ResourceArgs.class, ResourceOptions.class));
                Method createRequest = accessible(registerResource.getType().getDeclaredMethod("createRegisterResourceRequest",
                        String.class, String.class, boolean.class, boolean.class, ResourceOptions.class, prepareResult,
                        String.class));
                if (!Log.class.equals(log.getType()) || !Deserializer.class.equals(deserializer.getType())
                        || !CompletableFuture.class.equals(prepareResource.getReturnType())
                        || !RegisterResourceRequest.class.equals(createRequest.getReturnType())) {
                    return Optional.empty();
                }
                return Optional.of(new Steps(prepare, registerResource, log, deserializer, prepareResource, createRequest));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
            member.setAccessible(true);
            return member;
        }
    }
}
