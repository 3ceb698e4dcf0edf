package io.meltanodata.preview;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Constants;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputCompletionSource;
import com.pulumi.core.internal.annotations.ExportMetadata;
import com.pulumi.resources.Resource;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's {@code OutputCompletionSource.from(resource)}, with the resource class's exported output
 * fields read by reflection once per class instead of once per resource (Pulumi Java 1.36.1 reads the
 * annotations of every field of the class, and of its superclasses, for each resource it registers:
 * about 4% of a fleet preview's CPU). The fields of a class do not change while the JVM runs. As the
 * SDK: every {@code @Export} field but {@code urn} and {@code id}, keyed by its export name, a field
 * still null given an incomplete output first.
 */
final class OutputFields {
    private static final ClassValue<ImmutableMap<String, ExportMetadata<?>>> EXPORTS = new ClassValue<>() {
        @Override
        protected ImmutableMap<String, ExportMetadata<?>> computeValue(Class<?> type) {
            ImmutableMap.Builder<String, ExportMetadata<?>> exports = ImmutableMap.builder();
            ExportMetadata.of(type).forEach((name, metadata) -> {
                String exported = metadata.getAnnotation().name();
                if (!exported.equals(Constants.UrnPropertyName) && !exported.equals(Constants.IdPropertyName)) {
                    exports.put(name, metadata);
                }
            });
            return exports.build();
        }
    };

    private OutputFields() {
    }

    /** The completion source of each of the resource's output fields, by export name. */
    static ImmutableMap<String, OutputCompletionSource<?>> completionSources(Resource resource) {
        ImmutableMap<String, ExportMetadata<?>> exports = EXPORTS.get(resource.getClass());
        ImmutableMap.Builder<String, OutputCompletionSource<?>> sources = ImmutableMap.builderWithExpectedSize(exports.size());
        for (Map.Entry<String, ExportMetadata<?>> export : exports.entrySet()) {
            sources.put(export.getKey(), completionSource(resource, export.getValue()));
        }
        return sources.build();
    }

    private static <T> OutputCompletionSource<T> completionSource(Resource resource, ExportMetadata<T> metadata) {
        Output<T> output = metadata.getFieldValueOrElse(resource, () -> {
            Output<T> incomplete = Output.of(new CompletableFuture<T>());
            metadata.setFieldValue(resource, incomplete);
            return incomplete;
        });
        return new OutputCompletionSource<>(Internal.of(output).getDataAsync(), ImmutableSet.of(resource), metadata.getDataShape());
    }
}
