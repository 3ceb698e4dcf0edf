package io.meltanodata.components.chargeback;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChargeBackTransformationTest {
    private static final ChargeBack ENV = ChargeBack.environment("prod", "acme", "analytics", "dev", "refs/heads/feature/x");

    private static Rendering renderUnderComponent() {
        return LayerHarness.stack("test", "dev").render(ctx -> {
            var parent = new ComponentResource("meltanodata:test:Parent", "parent", ComponentResourceOptions.builder()
                    .resourceTransformations(new ChargeBackTransformation(ENV)).build());
            var child = CustomResourceOptions.builder().parent(parent).build();
            new BucketV2("data", BucketV2Args.builder().bucket("acme-data")
                    .tags(Map.of("Name", "data", "meltanodata:site", "forged")).build(),
                    CustomResourceOptions.builder().parent(parent).protect(true).retainOnDelete(true).build());
            new BucketPolicy("data-policy", BucketPolicyArgs.builder().bucket("acme-data").policy("{}").build(), child);
            new Namespace("ns", NamespaceArgs.builder().metadata(ObjectMetaArgs.builder().name("acme-x")
                    .labels(Map.of("team", "data")).build()).build(), child);
            new Deployment("ui", DeploymentArgs.builder()
                    .metadata(ObjectMetaArgs.builder().namespace("acme-x").build())
                    .spec(DeploymentSpecArgs.builder()
                            .selector(LabelSelectorArgs.builder().matchLabels(Map.of("app", "ui")).build())
                            .template(PodTemplateSpecArgs.builder()
                                    .metadata(ObjectMetaArgs.builder().labels(Map.of("app", "ui")).build())
                                    .spec(PodSpecArgs.builder().containers(ContainerArgs.builder().name("ui")
                                            .image("nginx").build()).build())
                                    .build())
                            .build())
                    .build(), child);
        });
    }

    @Test
    void awsTagsAreMergedIntoTheTagsInputAndChargeBackWins() {
        RecordedResource bucket = named(renderUnderComponent(), "aws:s3/bucketV2:BucketV2", "data");
        Map<String, Object> tags = input(bucket, "tags");
        assertEquals("data", tags.get("Name"));
        assertEquals("activated-environment", tags.get("meltanodata:layer"));
        assertEquals("acme", tags.get("meltanodata:site"), "a resource cannot forge its charge-back site");
        assertEquals("analytics", tags.get("meltanodata:project"));
        assertEquals("dev", tags.get("meltanodata:environment"));
        assertTrue(String.valueOf(tags.get("meltanodata:git-ref")).matches("feature-x-[0-9a-f]{8}"),
                "a lossy ref keeps a hash so feature/x and feature-x stay apart: " + tags.get("meltanodata:git-ref"));
        assertEquals("prod", tags.get("meltanodata:fabric"));
    }

    @Test
    void resourcesWithoutTagsAreLeftAlone() {
        RecordedResource policy = named(renderUnderComponent(), "aws:s3/bucketPolicy:BucketPolicy", "data-policy");
        assertFalse(policy.inputs().containsKey("tags"));
        assertFalse(ChargeBackTransformation.isTaggable(BucketPolicyArgs.class));
        assertTrue(ChargeBackTransformation.isTaggable(BucketV2Args.class));
    }

    @Test
    void kubernetesObjectsAndPodTemplatesGetLabels() {
        Rendering r = renderUnderComponent();
        Map<String, Object> nsLabels = input(named(r, "kubernetes:core/v1:Namespace", "ns"), "metadata.labels");
        assertEquals("data", nsLabels.get("team"));
        assertEquals("acme", nsLabels.get("meltanodata.io/site"));
        RecordedResource ui = named(r, "kubernetes:apps/v1:Deployment", "ui");
        Map<String, Object> podLabels = input(ui, "spec.template.metadata.labels");
        assertEquals("ui", podLabels.get("app"));
        assertEquals(ChargeBack.sanitiseGitRef("refs/heads/feature/x"), podLabels.get("meltanodata.io/git-ref"));
        assertEquals("dev", input(ui, "metadata.labels[\"meltanodata.io/environment\"]"));
    }

    @Test
    void parentAndDataSafetyOptionsAreRecorded() {
        RecordedResource bucket = named(renderUnderComponent(), "aws:s3/bucketV2:BucketV2", "data");
        assertEquals(Optional.of("parent"), bucket.parent());
        assertTrue(bucket.protect());
        assertTrue(bucket.retainOnDelete());
    }

    @Test
    void everyLabelValueIsValidAndValidValuesAreKept() {
        ChargeBack cb = ChargeBack.environment("prod", "acme", "analytics", "dev", "main")
                .withInstance("acme.analytics.dev.main-with-a-very-long-name-that-is-longer-than-sixty-three-characters");
        cb.labels().values().forEach(v -> assertTrue(v.matches("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?"), v));
        assertEquals("acme", cb.labels().get("meltanodata.io/site"));
        assertEquals("acme.analytics.dev.main-with-a-very-long-name-that-is-longer-than-sixty-three-characters",
                cb.tags().get("meltanodata:instance"), "tags keep the full value (256 characters allowed)");
        assertTrue(cb.labels().get("meltanodata.io/instance").length() <= 63);
    }

    @Test
    void gitRefsAreSanitisedToLabelValues() {
        assertEquals("main", ChargeBack.sanitiseGitRef("refs/heads/main"));
        assertTrue(ChargeBack.sanitiseGitRef("feature-x").matches("feature-x-[0-9a-f]{8}"),
                "a '-' inside a ref keeps a hash, so branch tag-v1 and tag v1 stay apart");
        assertFalse(ChargeBack.sanitiseGitRef("feature/x").equals(ChargeBack.sanitiseGitRef("feature-x")));
        assertEquals("tag-v1.2.0", ChargeBack.sanitiseGitRef("refs/tags/v1.2.0"));
        assertFalse(ChargeBack.sanitiseGitRef("refs/tags/v1").equals(ChargeBack.sanitiseGitRef("v1")), "tag v1 is not branch v1");
        String nested = ChargeBack.sanitiseGitRef("feature/JIRA-1/ünïcode");
        assertTrue(nested.matches("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?"), nested);
        assertFalse(nested.equals(ChargeBack.sanitiseGitRef("feature-JIRA-1-ünïcode")),
                "refs that sanitise alike must stay distinct");
        assertTrue(ChargeBack.sanitiseGitRef("x".repeat(300)).length() <= 63);
    }
}
