package io.meltanodata.preview;

import com.pulumi.aws.s3.Bucket;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.resources.CustomResourceOptions;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.StackFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuietDeployment} registers resources as the SDK's own deployment does, minus the debug
 * lines: every stack of the bundled example renders the same under both (resources, their inputs,
 * parents, options, outputs and secrets), and so does a failure.
 */
class QuietDeploymentTest {

    @Test
    void thePinnedSdkHasTheStepsItCalls() {
        assertTrue(QuietDeployment.available(), "DeploymentImpl's prepare step or request builder moved: "
                + "the preview would fall back to the SDK's slower deployment");
    }

    @Test
    void everyExampleStackRendersAsUnderTheSdksDeployment() {
        TopologyPreview preview = new TopologyPreview(Layers.all());
        List<Path> files = preview.exampleStackFiles(Path.of(".."));
        Map<String, Map<String, Object>> parents = new HashMap<>();
        for (LayerRendering stack : preview.render(files)) {
            Path file = stack.stackFile();
            String name = TopologyPreview.stackName(file);
            LayerDefinition<?> layer = preview.layerOf(file);
            OfflineStack.Attempt sdk = attempt(layer, file, name, parents, DeploymentImpl::new);
            OfflineStack.Attempt quiet = attempt(layer, file, name, parents, QuietDeployment::of);
            assertEquals(sdk.rendering().orElseThrow(), quiet.rendering().orElseThrow(), name);
            assertEquals(stack.rendering(), quiet.rendering().orElseThrow(), name);
            // The mocks see registrations in the order they complete, which varies from run to run.
            assertEquals(sdk.registered().stream().sorted().toList(), quiet.registered().stream().sorted().toList(), name);
            parents.put(TopologyPreview.ORGANIZATION + "/" + layer.project() + "/" + name, stack.rendering().outputs());
        }
    }

    @Test
    void aFailureInAResourcesOutputEndsTheRunAsUnderTheSdksDeployment() {
        OfflineStack.Spec spec = new OfflineStack.Spec("p", "s", "eu-west-1", Map.of());
        List<String> messages = new ArrayList<>();
        for (var deployment : List.<Function<DeploymentImpl.DeploymentState, DeploymentImpl>>of(
                DeploymentImpl::new, QuietDeployment::of)) {
            OfflineStack.Attempt attempt = OfflineStack.attempt(spec, ctx -> {
                Bucket bucket = new Bucket("data");
                new BucketPolicy("policy", BucketPolicyArgs.builder().bucket(bucket.id())
                        .policy(bucket.arn().applyValue(arn -> {
                            throw new UserInputException("no policy for " + arn);
                        })).build(), CustomResourceOptions.builder().parent(bucket).build());
            }, deployment);
            messages.add(attempt.failure().orElseThrow().getMessage());
        }
        assertEquals(2, messages.size());
        assertEquals(messages.get(0), messages.get(1));
        assertTrue(messages.get(1).startsWith("no policy for arn:aws:s3:::"), messages.get(1));
    }

    private static <C> OfflineStack.Attempt attempt(LayerDefinition<C> layer, Path file, String stack,
                                                    Map<String, Map<String, Object>> parents,
                                                    Function<DeploymentImpl.DeploymentState, DeploymentImpl> deployment) {
        LayerDefinition.ValidStack<C> valid = layer.validate(StackFile.read(file), stack);
        return OfflineStack.attempt(new OfflineStack.Spec(layer.project(), stack, valid.region(), Map.copyOf(parents)),
                ctx -> layer.program().accept(ctx, valid.config()), deployment);
    }
}
