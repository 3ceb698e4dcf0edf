package io.meltanodata.real.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import io.meltanodata.components.kubernetes.ClusterAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Installs the AWS test doubles for the real Pulumi CLI: {@code pulumi-resource-aws} in
 * {@link #pluginBin()} (a launcher for {@link RecordingAwsProvider} on this JVM's class path) and
 * {@code aws} in {@link #cliBin()}, which answers only {@code aws eks get-token}, the kubeconfig's
 * token command, with the {@link FakeEks} token. Neither calls AWS.
 *
 * <p>Two folders, because the engine prefers a plugin found on PATH and warns about it on every
 * run: put both on PATH (simplest), or only {@code cliBin} on PATH and install the plugin into
 * the plugin cache with {@code pulumi plugin install resource aws 6.83.0 --file <pluginFile()>}
 * (no warning). Whoever runs {@code aws} (the Kubernetes provider) must find this one before any
 * real AWS CLI on PATH.
 */
public record FakeAws(Path cliBin, Path pluginBin, AwsRecords records) {
    public static final String PROVIDER = "pulumi-resource-aws";
    public static final String CLI = "aws";

    /** The provider only: EKS clusters get an invented endpoint and no CA; {@code aws} needs the token env var. */
    public static FakeAws install(Path dir, Path recordsFile) {
        return install(dir, recordsFile, Optional.empty());
    }

    /** The provider and {@code aws}, with the cluster's endpoint, CA and token as their defaults. */
    public static FakeAws install(Path dir, Path recordsFile, FakeEks eks) {
        return install(dir, recordsFile, Optional.of(eks));
    }

    /** The plugin executable. */
    public Path pluginFile() {
        return pluginBin.resolve(PROVIDER);
    }

    /** The folders to put first on PATH for the engine to find both doubles there. */
    public java.util.List<Path> path() {
        return java.util.List.of(cliBin, pluginBin);
    }

    private static FakeAws install(Path dir, Path recordsFile, Optional<FakeEks> eks) {
        Path records = recordsFile.toAbsolutePath();
        Path cliBin = dir.resolve("aws-cli").toAbsolutePath();
        Path pluginBin = dir.resolve("aws-plugin").toAbsolutePath();
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(RecordingAwsProvider.RECORDS_ENV, records.toString());
        eks.ifPresent(e -> defaults.putAll(new java.util.TreeMap<>(e.environment())));
        try {
            Files.createDirectories(cliBin);
            Files.createDirectories(pluginBin);
            Path argFile = pluginBin.resolve(PROVIDER + ".args");
            // An argument file: the test class path is longer than a comfortable command line.
            Files.writeString(argFile, "-cp \"" + classPath().replace("\\", "\\\\") + "\"\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            write(pluginBin.resolve(PROVIDER), "# A TEST DOUBLE of the Pulumi AWS provider: AWS is not called.\n"
                    + exports(defaults)
                    + "exec " + quote(java) + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m @" + quote(argFile.toString())
                    + " " + RecordingAwsProvider.class.getName() + " \"$@\"\n");
            write(cliBin.resolve(CLI), "# A TEST DOUBLE of the AWS CLI: answers only 'aws eks get-token'.\n"
                    + exports(defaults)
                    + "if [ \"$1\" != eks ] || [ \"$2\" != get-token ]; then\n"
                    + "  echo \"aws (test double): only 'aws eks get-token' is faked, not: aws $*\" >&2; exit 2\n"
                    + "fi\n"
                    + "if [ -z \"$" + FakeEks.TOKEN_ENV + "\" ]; then\n"
                    + "  echo \"aws (test double): " + FakeEks.TOKEN_ENV + " is not set\" >&2; exit 2\n"
                    + "fi\n"
                    + "printf '{\"kind\":\"ExecCredential\",\"apiVersion\":\"" + execApiVersion()
                    + "\",\"spec\":{},\"status\":{\"token\":\"%s\"}}\\n' \"$" + FakeEks.TOKEN_ENV + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the AWS test doubles into " + dir, e);
        }
        return new FakeAws(cliBin, pluginBin, new AwsRecords(records));
    }

    /** This JVM's class path, absolute: the plugin runs in whatever directory the engine chooses. */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The ExecCredential version our kubeconfig asks its token command for. */
    static String execApiVersion() {
        try {
            JsonNode kubeconfig = Structs.JSON.readTree(ClusterAccess.kubeconfig("c", "https://c", "", "r"));
            return kubeconfig.at("/users/0/user/exec/apiVersion").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exports(Map<String, String> defaults) {
        StringBuilder out = new StringBuilder();
        // The environment wins over the defaults baked in at install time.
        defaults.forEach((name, value) -> out.append("[ -n \"${").append(name).append(":-}\" ] || ").append(name)
                .append('=').append(quote(value)).append("\nexport ").append(name).append('\n'));
        return out.toString();
    }

    private static void write(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
