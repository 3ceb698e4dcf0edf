package io.meltanodata.servicefabric;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.meltanodata.servicefabric.FabricFixtures.validConfig;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceFabricContractTest {
    static final Path DEPLOYMENT = Path.of("..", "deployments", "01_service_fabric");

    @Test
    void exportedOutputsAreExactlyTheContract() {
        Rendering fabric = FabricFixtures.render(validConfig());
        assertEquals(new TreeSet<>(ServiceFabricOutputs.NAMES), new TreeSet<>(fabric.outputs().keySet()));
        assertEquals(java.util.Set.of("kubeconfig"), fabric.secretOutputs());
    }

    @Test
    void aLayerTwoStyleStackReferenceReadsThemBack() {
        Map<String, Object> exported = FabricFixtures.render(validConfig()).outputs();
        Rendering reader = LayerHarness.stack("reader", "acme")
                .parentStack("acme-org/meltanodata-service-fabric/test", exported)
                .render(ctx -> {
                    var ref = new StackReference("fabric", StackReferenceArgs.builder()
                            .name("acme-org/meltanodata-service-fabric/test").build());
                    ServiceFabricOutputs fabric = ServiceFabricOutputs.read(ref);
                    // Record what was read as inputs of a resource, so the test can see the values.
                    new BucketV2("probe", BucketV2Args.builder()
                            .bucket(fabric.clusterName())
                            .tags(Output.tuple(fabric.region(), fabric.alertTopicArn(), fabric.privateSubnetIds())
                                    .applyValue(t -> Map.of("region", t.t1, "topic", t.t2, "subnets", String.join(",", t.t3))))
                            .build());
                });
        var probe = one(reader, "aws:s3/bucketV2:BucketV2");
        assertEquals("meltanodata-test", probe.inputs().get("bucket"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) probe.inputs().get("tags");
        assertEquals("eu-west-1", tags.get("region"));
        assertEquals("arn:aws:sns:eu-west-1:123456789012:meltanodata-test-alerts", tags.get("topic"));
        assertEquals(String.join(",", ((List<?>) exported.get("privateSubnetIds")).stream().map(String::valueOf).toList()),
                tags.get("subnets"));
    }

    @ParameterizedTest
    @CsvSource({"dev, 1, 2", "prod, 3, 3"})
    void theBundledExampleStacksRender(String stack, int natGateways, int zones) {
        ServiceFabricConfig config = ServiceFabricConfig.load(
                StackFile.read(DEPLOYMENT.resolve("Pulumi." + stack + ".yaml")), stack);
        Rendering rendering = LayerHarness.stack(ServiceFabricProgram.PROJECT, stack)
                .render(ctx -> ServiceFabricProgram.run(ctx, config));
        assertEquals(natGateways, rendering.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals(zones * 2, rendering.ofType("aws:ec2/subnet:Subnet").size());
        assertTrue(rendering.resources().size() > 60, "the whole fabric renders: " + rendering.resources().size());
    }
}
