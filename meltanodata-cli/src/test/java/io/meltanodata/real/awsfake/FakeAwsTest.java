package io.meltanodata.real.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.meltanodata.components.kubernetes.ClusterAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.ResourceProviderGrpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The installed test doubles run as the Pulumi engine and the Kubernetes client would run them. */
class FakeAwsTest {
    @TempDir
    Path dir;

    @Test
    void theInstalledPluginPrintsItsPortThenServesAndRecordsToTheGivenFile() throws Exception {
        FakeAws fake = FakeAws.install(dir.resolve("fake"), dir.resolve("records.jsonl"));
        // As the engine starts a plugin: its address as the argument, the port on the first line of stdout.
        Process plugin = new ProcessBuilder(fake.pluginFile().toString(), "127.0.0.1:1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ManagedChannel channel = null;
        try {
            String port = new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(port)).usePlaintext().build();
            var aws = ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);

            String version = aws.getPluginInfo(Empty.getDefaultInstance()).getVersion();
            aws.configure(ConfigureRequest.newBuilder().setArgs(Structs.toStruct(Map.of("region", "eu-west-1"))).build());
            var created = aws.create(CreateRequest.newBuilder().setType("aws:kms/key:Key").setName("key")
                    .setUrn("urn:pulumi:acme::meltanodata-site-instances::aws:kms/key:Key::key")
                    .setProperties(Structs.toStruct(Map.of("enableKeyRotation", true))).build());

            assertEquals(RecordingAwsProvider.VERSION, version);
            List<AwsRecord> records = fake.records().all();
            assertEquals(1, records.size());
            assertEquals(new AwsRecord("create", "aws:kms/key:Key",
                    "urn:pulumi:acme::meltanodata-site-instances::aws:kms/key:Key::key", created.getId(),
                    Map.of("enableKeyRotation", true), Structs.toMap(created.getProperties())), records.get(0));
        } finally {
            if (channel != null) {
                channel.shutdownNow();
            }
            plugin.destroy();
            plugin.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAwsCliAnswersTheKubeconfigsTokenCommandWithTheClustersToken() throws Exception {
        FakeAws fake = FakeAws.install(dir.resolve("fake"), dir.resolve("records.jsonl"),
                new FakeEks("https://127.0.0.1:6443", "Q0E=", "admin-token.1"));
        JsonNode kubeconfig = Structs.JSON.readTree(ClusterAccess.kubeconfig("meltanodata-dev", "https://127.0.0.1:6443",
                "Q0E=", "eu-west-1"));
        JsonNode exec = kubeconfig.at("/users/0/user/exec");
        List<String> command = new java.util.ArrayList<>(List.of(fake.cliBin().resolve(exec.get("command").asText())
                .toString()));
        exec.get("args").forEach(a -> command.add(a.asText()));

        Run run = run(command);

        assertEquals(0, run.exit(), run.err());
        JsonNode credential = Structs.JSON.readTree(run.out());
        assertEquals("ExecCredential", credential.get("kind").asText());
        assertEquals(exec.get("apiVersion").asText(), credential.get("apiVersion").asText());
        assertEquals("admin-token.1", credential.at("/status/token").asText());
    }

    @Test
    void theAwsCliRefusesAnythingButGetToken() throws Exception {
        FakeAws fake = FakeAws.install(dir.resolve("fake"), dir.resolve("records.jsonl"),
                new FakeEks("https://127.0.0.1:6443", "Q0E=", "t"));

        Run run = run(List.of(fake.cliBin().resolve(FakeAws.CLI).toString(), "s3", "ls"));

        assertEquals(2, run.exit());
        assertEquals("aws (test double): only 'aws eks get-token' is faked, not: aws s3 ls\n", run.err());
    }

    @Test
    void theEnvironmentOverridesTheTokenBakedInAtInstall() throws Exception {
        FakeAws fake = FakeAws.install(dir.resolve("fake"), dir.resolve("records.jsonl"),
                new FakeEks("https://127.0.0.1:6443", "Q0E=", "baked"));
        ProcessBuilder builder = new ProcessBuilder(fake.cliBin().resolve(FakeAws.CLI).toString(), "eks", "get-token",
                "--cluster-name", "c", "--region", "eu-west-1");
        builder.environment().put(FakeEks.TOKEN_ENV, "from-env");

        Run run = run(builder);

        assertEquals("from-env", Structs.JSON.readTree(run.out()).at("/status/token").asText(), run.err());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command));
    }

    private static Run run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "timed out: " + builder.command());
        return new Run(process.exitValue(), out, err);
    }
}
