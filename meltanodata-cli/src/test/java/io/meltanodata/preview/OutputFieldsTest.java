package io.meltanodata.preview;

import com.google.common.collect.ImmutableMap;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.s3.Bucket;
import com.pulumi.core.internal.OutputCompletionSource;
import com.pulumi.core.internal.OutputData;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OutputFields} gives what the SDK's {@code OutputCompletionSource.from} gives, for each resource its own. */
class OutputFieldsTest {

    @Test
    void theSourcesAreTheSdksOutputFieldByFieldAndEachResourcesOwn() throws ReflectiveOperationException {
        List<Resource> resources = new ArrayList<>();
        OfflineStack.attempt(new OfflineStack.Spec("p", "s", "eu-west-1", Map.of()), ctx -> {
            resources.add(new Bucket("first"));
            resources.add(new Bucket("second"));
            resources.add(new Role("role", RoleArgs.builder().assumeRolePolicy("{}").build()));
        }).rendering().orElseThrow();

        for (Resource resource : resources) {
            ImmutableMap<String, OutputCompletionSource<?>> sdk = OutputCompletionSource.from(resource);
            ImmutableMap<String, OutputCompletionSource<?>> cached = OutputFields.completionSources(resource);
            assertEquals(List.copyOf(sdk.keySet()), List.copyOf(cached.keySet()), resource.pulumiResourceName());
            assertTrue(!cached.containsKey("urn") && !cached.containsKey("id") && cached.containsKey("arn"),
                    String.valueOf(cached.keySet()));
            for (String name : sdk.keySet()) {
                assertEquals(sdk.get(name).getTypeShape().asString(), cached.get(name).getTypeShape().asString(), name);
                assertEquals(data(sdk.get(name)), data(cached.get(name)), resource.pulumiResourceName() + "." + name);
            }
        }
        Object firstArn = data(OutputFields.completionSources(resources.get(0)).get("arn")).getValueNullable();
        Object secondArn = data(OutputFields.completionSources(resources.get(1)).get("arn")).getValueNullable();
        assertEquals("arn:aws:s3:::first", firstArn);
        assertEquals("arn:aws:s3:::second", secondArn);
    }

    private static OutputData<?> data(OutputCompletionSource<?> source) throws ReflectiveOperationException {
        Field field = OutputCompletionSource.class.getDeclaredField("mutableData");
        field.setAccessible(true);
        return ((CompletableFuture<?>) field.get(source)).thenApply(OutputData.class::cast).join();
    }
}
