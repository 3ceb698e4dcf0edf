package io.meltanodata.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.config.ConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview engine on two toy layers: a parent exporting a bucket name and a child reading it. */
class TopologyPreviewTest {
    record ParentConfig(String bucket) {
    }

    record ChildConfig(String parentStack) {
    }

    private static final LayerDefinition<ParentConfig> PARENT = new LayerDefinition<>(Layer.SERVICE_FABRIC, "toy-parent",
            (source, stack) -> new ParentConfig(new ConfigReader(source, "meltanodata")
                    .matching("bucket", java.util.regex.Pattern.compile("[a-z-]+"), "lowercase letters", null)),
            (ctx, config) -> {
                var bucket = new BucketV2("data", BucketV2Args.builder().bucket(config.bucket()).build());
                ctx.export("bucketName", bucket.bucket());
                ctx.export("token", Output.ofSecret("s3cr3t"));
            });

    private static final LayerDefinition<ChildConfig> CHILD = new LayerDefinition<>(Layer.SITE_INSTANCE, "toy-child",
            (source, stack) -> new ChildConfig(new ConfigReader(source, "meltanodata").requireText("parentStack", "a stack")),
            (ctx, config) -> {
                var parent = new StackReference("parent", StackReferenceArgs.builder().name(config.parentStack()).build());
                var name = parent.requireOutput("bucketName").applyValue(v -> v + "-copy");
                new BucketV2("copy", BucketV2Args.builder().bucket(name).build());
            });

    @TempDir
    Path root;

    private void project(String dir, String name, String stackFile, String config) throws IOException {
        Path d = Files.createDirectories(root.resolve("deployments").resolve(dir));
        Files.writeString(d.resolve("Pulumi.yaml"), "name: " + name + "\nruntime: java\n");
        Files.writeString(d.resolve(stackFile), "config:\n" + config);
    }

    private List<LayerRendering> renderExamples() throws IOException {
        project("01_parent", "toy-parent", "Pulumi.dev.yaml", "  meltanodata:bucket: toy-data\n");
        project("02_child", "toy-child", "Pulumi.acme.yaml", "  meltanodata:parentStack: my-org/toy-parent/dev\n");
        TopologyPreview preview = new TopologyPreview(List.of(CHILD, PARENT));
        return preview.render(preview.exampleStackFiles(root));
    }

    @Test
    void childLayersReadTheirParentsOutputsFromTheSameRun() throws IOException {
        List<LayerRendering> layers = renderExamples();
        assertEquals(List.of(1, 2), layers.stream().map(l -> l.layer().number()).toList());
        RecordedResource copy = layers.get(1).rendering().ofType("aws:s3/bucketV2:BucketV2").get(0);
        assertEquals("toy-data-copy", copy.inputs().get("bucket"));
    }

    @Test
    void jsonHasTheDocumentedShapeAndMasksSecrets() throws IOException {
        String json = JsonFormat.format(renderExamples());
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new ObjectMapper().readValue(json, Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) doc.get("layers");
        Map<String, Object> first = layers.get(0);
        assertEquals(1, first.get("layer"));
        assertEquals("toy-parent", first.get("project"));
        assertEquals("dev", first.get("stack"));
        assertEquals(Map.of("bucketName", "toy-data", "token", JsonFormat.MASK), first.get("outputs"));
        @SuppressWarnings("unchecked")
        Map<String, Object> bucket = ((List<Map<String, Object>>) first.get("resources")).stream()
                .filter(r -> r.get("type").equals("aws:s3/bucketV2:BucketV2")).findFirst().orElseThrow();
        assertEquals(Map.of("bucket", "toy-data"), bucket.get("inputs"));
        assertEquals(List.of("type", "name", "parent", "inputs", "protect", "retainOnDelete"), List.copyOf(bucket.keySet()));
        assertTrue(!json.contains("s3cr3t"), "secret values never appear");
    }

    /** Written stack by stack, at once, the document is byte for byte what Jackson writes of it whole. */
    @Test
    void jsonWrittenStackByStackIsJacksonsPrettyPrintOfTheWholeDocument() throws IOException {
        ObjectMapper pretty = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        List<LayerRendering> layers = renderExamples();
        assertEquals(pretty.writeValueAsString(JsonFormat.document(layers)) + "\n", JsonFormat.format(layers));
        assertEquals("{\n  \"layers\" : [ ]\n}\n", JsonFormat.format(List.of()));
    }

    @Test
    void textAndMermaidShowTheTreeAndTheReference() throws IOException {
        List<LayerRendering> layers = renderExamples();
        String text = TextTreeFormat.format(layers);
        assertTrue(text.contains("Layer 1 service-fabric  toy-parent/dev  (1 resources)"), text);
        assertTrue(text.contains("+ pulumi:pulumi:Stack  toy-parent-dev\n      └─ aws:s3/bucketV2:BucketV2  data  bucket=toy-data"), text);
        assertTrue(text.contains("token: [secret]"), text);
        String mermaid = MermaidFormat.format(layers);
        assertTrue(mermaid.contains("s0 -- StackReference --> s1"), mermaid);
        assertTrue(mermaid.contains("[\"s3 BucketV2\"]"), mermaid);
    }

    /**
     * The stacks of one layer render at once (each reads only the layers below): two sites whose
     * programs each wait for the other to have started both finish, in the stack files' order.
     * Rendered one at a time, the first would wait in vain.
     */
    @Test
    void theStacksOfOneLayerRenderAtOnce() throws IOException {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        LayerDefinition<ChildConfig> waiting = new LayerDefinition<>(Layer.SITE_INSTANCE, "toy-child", CHILD.loadConfig(),
                (ctx, config) -> {
                    started.countDown();
                    try {
                        if (!started.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the other stack of the layer never started");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    CHILD.program().accept(ctx, config);
                });
        project("01_parent", "toy-parent", "Pulumi.dev.yaml", "  meltanodata:bucket: toy-data\n");
        project("02_child", "toy-child", "Pulumi.acme.yaml", "  meltanodata:parentStack: my-org/toy-parent/dev\n");
        Files.writeString(root.resolve("deployments/02_child/Pulumi.globex.yaml"),
                "config:\n  meltanodata:parentStack: my-org/toy-parent/dev\n");
        TopologyPreview preview = new TopologyPreview(List.of(waiting, PARENT));
        List<LayerRendering> layers = preview.render(preview.exampleStackFiles(root));
        assertEquals(List.of("dev", "acme", "globex"), layers.stream().map(l -> l.rendering().stack()).toList());
        assertEquals("toy-data-copy", layers.get(2).rendering().ofType("aws:s3/bucketV2:BucketV2").get(0).inputs().get("bucket"));
    }

    @Test
    void badConfigFailsBeforeAnyRenderingWithTheFileAndKey() throws IOException {
        project("01_parent", "toy-parent", "Pulumi.dev.yaml", "  meltanodata:bucket: Not_Valid\n");
        TopologyPreview preview = new TopologyPreview(List.of(PARENT));
        UserInputException e = assertThrows(UserInputException.class, () -> preview.render(preview.exampleStackFiles(root)));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:bucket' has value 'Not_Valid'; allowed: lowercase letters",
                e.getMessage());
    }

    /**
     * The stacks' configs are read at once; of several bad ones the first in the given order is reported,
     * as one by one, even when a later one fails first.
     */
    @Test
    void ofSeveralBadConfigsTheFirstFileIsReportedWhicheverFailsFirst() throws IOException {
        java.util.concurrent.CountDownLatch laterFailed = new java.util.concurrent.CountDownLatch(1);
        LayerDefinition<ParentConfig> slowFirst = new LayerDefinition<>(Layer.SERVICE_FABRIC, "toy-parent", (source, stack) -> {
            try {
                if (stack.equals("a")) {
                    laterFailed.await(30, java.util.concurrent.TimeUnit.SECONDS);
                }
                return PARENT.loadConfig().apply(source, stack);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                if (stack.equals("b")) {
                    laterFailed.countDown();
                }
            }
        }, PARENT.program());
        project("01_parent", "toy-parent", "Pulumi.a.yaml", "  meltanodata:bucket: First_Bad\n");
        Files.writeString(root.resolve("deployments/01_parent/Pulumi.b.yaml"), "config:\n  meltanodata:bucket: Second_Bad\n");
        TopologyPreview preview = new TopologyPreview(List.of(slowFirst));
        UserInputException e = assertThrows(UserInputException.class, () -> preview.render(preview.exampleStackFiles(root)));
        assertEquals("Pulumi.a.yaml: config key 'meltanodata:bucket' has value 'First_Bad'; allowed: lowercase letters",
                e.getMessage());
    }

    @Test
    void aMissingParentStackIsAClearError() throws IOException {
        project("02_child", "toy-child", "Pulumi.acme.yaml", "  meltanodata:parentStack: my-org/toy-parent/dev\n");
        TopologyPreview preview = new TopologyPreview(List.of(CHILD, PARENT));
        UserInputException e = assertThrows(UserInputException.class, () -> preview.render(preview.exampleStackFiles(root)));
        assertEquals("parent stack 'my-org/toy-parent/dev' is not available offline; known parent stacks: []", e.getMessage());
    }
}
