package io.meltanodata.real.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltanodata.real.engine.PulumiCli;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recording AWS provider under the real Pulumi engine and Java language host, with a small
 * program (test resource {@code smoke/}) holding one resource of each shape: what the engine
 * previews, creates, finds unchanged on a second run, and what destroy leaves in the records
 * (protect stops it, retainOnDelete keeps the bucket). AWS is not called.
 */
class RecordingAwsProviderIT {
    private static final String STACK = "dev";
    private static final FakeEks EKS = new FakeEks("https://127.0.0.1:6443", "Q0EgZGF0YQ==", "smoke-token");

    @TempDir
    Path dir;

    @Test
    void theEngineDeploysAndDestroysThroughTheFake() throws Exception {
        Path tools = RealTools.bin("pulumi", "pulumi-language-java");
        Path program = copyProgram(dir.resolve("program"));
        FakeAws fake = FakeAws.install(dir.resolve("fake"), dir.resolve("records.jsonl"), EKS);
        PulumiCli pulumi = PulumiCli.logIn(dir.resolve("pulumi"), List.of(fake.cliBin(), tools), Map.of());

        // From the plugin cache, not PATH: the engine warns on every run about plugins found on PATH.
        pulumi.require(program, STACK, "plugin", "install", "resource", "aws", RecordingAwsProvider.VERSION,
                "--file", fake.pluginFile().toString());
        pulumi.require(program, STACK, "stack", "init", STACK);
        pulumi.require(program, STACK, "config", "set", "aws:region", "eu-west-1");
        pulumi.require(program, STACK, "config", "set", "--path", "aws:allowedAccountIds[0]", "444455556666");

        PulumiCli.Result preview = pulumi.require(program, STACK, "preview", "--diff");
        pulumi.require(program, STACK, "up", "--yes", "--skip-preview");
        JsonNode outputs = Structs.JSON.readTree(pulumi.require(program, STACK, "stack", "output", "--json").stdout());
        List<AwsRecord> created = fake.records().all();
        PulumiCli.Result second = pulumi.run(program, List.of("preview", "--expect-no-changes"));
        PulumiCli.Result protectedDestroy = pulumi.run(program, List.of("destroy", "--yes", "--skip-preview"));
        Map<String, AwsRecord> afterProtectedDestroy = fake.records().live();
        pulumi.require(program, STACK, "state", "unprotect", "--all", "--yes");
        pulumi.require(program, STACK, "destroy", "--yes", "--skip-preview");

        assertTrue(preview.stdout().contains("+ 5 to create"), preview.stdout());
        assertEquals("444455556666", outputs.get("accountId").asText());
        assertEquals("arn:aws:s3:::smoke-data", outputs.get("bucketArn").asText());
        assertEquals("arn:aws:iam::444455556666:role/meltanodata/smoke-role", outputs.get("roleArn").asText());
        assertTrue(outputs.get("keyArn").asText().matches("arn:aws:kms:eu-west-1:444455556666:key/[0-9a-f-]{36}"),
                outputs.toString());
        assertEquals(EKS.endpoint(), outputs.get("endpoint").asText());
        assertEquals(EKS.caBase64(), outputs.get("ca").asText());
        assertTrue(outputs.get("issuer").asText().startsWith("https://oidc.eks.eu-west-1.amazonaws.com/id/"));
        assertEquals(List.of("aws:eks/cluster:Cluster", "aws:iam/role:Role", "aws:kms/key:Key", "aws:s3/bucketV2:BucketV2"),
                created.stream().map(AwsRecord::type).sorted().toList());
        assertEquals(0, second.exit(), second.stdout() + second.stderr());
        assertTrue(second.stdout().contains("5 unchanged"), second.stdout());
        // The exit code differs between CLI releases (1, 255): what matters is that it failed, and why.
        assertTrue(protectedDestroy.exit() != 0, "destroy of a protected key exited 0");
        assertTrue(protectedDestroy.error().contains("aws:kms/key:Key::key\" cannot be deleted because it is protected"),
                protectedDestroy.error());
        assertEquals(List.of("aws:kms/key:Key", "aws:s3/bucketV2:BucketV2"),
                afterProtectedDestroy.values().stream().map(AwsRecord::type).sorted().toList());
        assertEquals(List.of("smoke-data"), fake.records().live().values().stream().map(AwsRecord::id).toList());
    }

    /** The program with the SDK versions of the repository's pom. */
    private static Path copyProgram(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(RecordingAwsProviderIT.class.getResource("smoke").toURI());
        Path root = RealTools.repositoryRoot();
        Map<String, String> versions = Map.of("@pulumi.version@", RealTools.pomProperty("pulumi.version"),
                "@pulumi-aws.version@", RealTools.pomProperty("pulumi-aws.version"));
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (var v : versions.entrySet()) {
                    text = text.replace(v.getKey(), v.getValue());
                }
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, text);
            }
        }
        // The language host runs ./mvnw when the program has one: a JDK is all it needs.
        Files.copy(root.resolve("mvnw"), target.resolve("mvnw"));
        target.resolve("mvnw").toFile().setExecutable(true);
        Files.createDirectories(target.resolve(".mvn/wrapper"));
        Files.copy(root.resolve(".mvn/wrapper/maven-wrapper.properties"), target.resolve(".mvn/wrapper/maven-wrapper.properties"));
        return target;
    }
}
