package io.meltanodata.components;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a deployment's {@code App.main} runs inside {@code Pulumi.run}, under the SDK's mocks. */
class LayerAppTest {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    private final Mocks mocks = new Mocks() {
        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            calls.add("register " + args.type);
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), Map.of()));
        }

        @Override
        public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
            calls.add("invoke " + args.token);
            return CompletableFuture.completedFuture(Map.of("partition", "aws", "dnsSuffix", "amazonaws.com", "id", "aws"));
        }
    };

    @AfterEach
    void cleanUp() {
        PulumiTest.cleanup();
    }

    /** The engine starts a provider on a program's first request for it: the layer asks before building anything. */
    @Test
    void theAwsProviderIsAskedForFirstOnceTheConfigIsValid() {
        TestResult result = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().stackName("dev").build())
                .runTest(LayerApp.stack((config, stack) -> stack, (ctx, stack) -> new BucketV2("data")));
        assertTrue(result.exceptions().isEmpty(), result.exceptions().toString());
        assertEquals(List.of("invoke aws:index/getPartition:getPartition", "register aws:s3/bucketV2:BucketV2"),
                calls.stream().filter(c -> !c.endsWith("pulumi:pulumi:Stack")).toList());
    }

    @Test
    void aBadConfigStartsNothing() {
        TestResult result = PulumiTest.withMocks(mocks).withOptions(TestOptions.builder().stackName("dev").build())
                .runTest(LayerApp.stack((config, stack) -> {
                    throw new UserInputException("Pulumi.dev.yaml: meltanodata:fabric is required");
                }, (ctx, stack) -> new BucketV2("data")));
        assertFalse(result.exceptions().isEmpty());
        assertTrue(result.exceptions().stream().allMatch(e -> e instanceof UserInputException
                || e.getCause() instanceof UserInputException), result.exceptions().toString());
        assertEquals(List.of(), calls.stream().filter(c -> !c.endsWith("pulumi:pulumi:Stack")).toList());
    }
}
