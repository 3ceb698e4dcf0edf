package io.meltanodata.real.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private static final FakeEks EKS = new FakeEks("https://127.0.0.1:6443", "Q0EgZGF0YQ==", "smoke-token");

    @TempDir
    Path dir;

    @Test
    void theEngineDeploysAndDestroysThroughTheFake() throws Exception {
        Path tools = RealTools.bin("pulumi", "pulumi-language-java");
        Path program = copyProgram(dir.resolve("program"));
        FakeAws fake = FakeAws.install(dir.resolve("fake"), dir.resolve("records.jsonl"), EKS);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", fake.cliBin() + ":" + tools + ":" + System.getenv("PATH"));
        env.put("PULUMI_HOME", dir.resolve("home").toString());
        env.put("PULUMI_BACKEND_URL", "file://" + Files.createDirectories(dir.resolve("backend")));
        env.put("PULUMI_CONFIG_PASSPHRASE", "awsfake");
        env.put("PULUMI_SKIP_UPDATE_CHECK", "true");
        env.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
        Cli pulumi = new Cli(tools.resolve("pulumi"), program, env);

        // From the plugin cache, not PATH: the engine warns on every run about plugins found on PATH.
        pulumi.ok("plugin", "install", "resource", "aws", RecordingAwsProvider.VERSION, "--file", fake.pluginFile().toString());
        pulumi.ok("login", env.get("PULUMI_BACKEND_URL"));
        pulumi.ok("stack", "init", "dev");
        pulumi.ok("config", "set", "aws:region", "eu-west-1");
        pulumi.ok("config", "set", "--path", "aws:allowedAccountIds[0]", "444455556666");

        Run preview = pulumi.ok("preview", "--diff");
        pulumi.ok("up", "--yes", "--skip-preview");
        JsonNode outputs = Structs.JSON.readTree(pulumi.ok("stack", "output", "--json").out());
        List<AwsRecord> created = fake.records().all();
        Run second = pulumi.run("preview", "--expect-no-changes");
        Run protectedDestroy = pulumi.run("destroy", "--yes", "--skip-preview");
        Map<String, AwsRecord> afterProtectedDestroy = fake.records().live();
        pulumi.ok("state", "unprotect", "--all", "--yes");
        pulumi.ok("destroy", "--yes", "--skip-preview");

        assertTrue(preview.out().contains("+ 5 to create"), preview.out());
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
        assertEquals(0, second.exit(), second.out() + second.err());
        assertTrue(second.out().contains("5 unchanged"), second.out());
        assertEquals(1, protectedDestroy.exit());
        assertTrue(protectedDestroy.out().contains("aws:kms/key:Key::key\" cannot be deleted"), protectedDestroy.out());
        assertEquals(List.of("aws:kms/key:Key", "aws:s3/bucketV2:BucketV2"),
                afterProtectedDestroy.values().stream().map(AwsRecord::type).sorted().toList());
        assertEquals(List.of("smoke-data"), fake.records().live().values().stream().map(AwsRecord::id).toList());
    }

    /** The program with the SDK versions of the repository's pom. */
    private static Path copyProgram(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(RecordingAwsProviderIT.class.getResource("smoke").toURI());
        Path root = RealTools.repositoryRoot();
        Map<String, String> versions = Map.of("@pulumi.version@", property(root, "pulumi.version"),
                "@pulumi-aws.version@", property(root, "pulumi-aws.version"));
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

    private static String property(Path root, String name) {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
            return pom.getElementsByTagName(name).item(0).getTextContent().trim();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + name + " from " + root.resolve("pom.xml"), e);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private record Cli(Path pulumi, Path dir, Map<String, String> env) {
        Run ok(String... args) throws IOException, InterruptedException {
            Run run = run(args);
            if (run.exit() != 0) {
                throw new AssertionError("pulumi " + String.join(" ", args) + " exited " + run.exit() + ":\n"
                        + run.out() + run.err());
            }
            return run;
        }

        Run run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(pulumi.toString()));
            command.addAll(List.of(args));
            command.add("--non-interactive");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().putAll(env);
            Path out = dir.resolve(".out");
            Path err = dir.resolve(".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("pulumi " + String.join(" ", args) + ": no answer in 10 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
