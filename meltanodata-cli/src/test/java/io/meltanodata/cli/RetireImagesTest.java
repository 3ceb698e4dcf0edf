package io.meltanodata.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * scripts/retire-images.sh, against an AWS CLI double on PATH that answers as ECR does
 * (ECR API Reference, "DescribeImages", "BatchGetImage", "PutImage"; ECR User Guide, "Retagging an
 * image", https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-retag.html): the images of
 * one ref that no environment runs get the tag {@code retired-<tag>}, which the registry's
 * lifecycle rule expires; the build an environment runs, other refs' builds (even one whose slug
 * starts with this ref's) and images already retired are left alone.
 */
class RetireImagesTest {
    static final Path SCRIPT = Path.of("../scripts/retire-images.sh").toAbsolutePath();
    static final String DESCRIBED = """
            {"imageDetails": [
              {"imageDigest": "sha256:live", "imageTags": ["main-0123456789ab-900-1"]},
              {"imageDigest": "sha256:old", "imageTags": ["main-ba9876543210-800-1"]},
              {"imageDigest": "sha256:older", "imageTags": ["main-aaaaaaaaaaaa-700-2", "retired-main-aaaaaaaaaaaa-700-2"]},
              {"imageDigest": "sha256:other", "imageTags": ["main-x-0123456789ab-901-1"]},
              {"imageDigest": "sha256:feature", "imageTags": ["feature-login-78f299f7-0123456789ab-902-1"]},
              {"imageDigest": "sha256:hand", "imageTags": ["main"]}
            ]}
            """;

    @TempDir
    Path dir;

    List<String> run(String... args) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("described.json"), DESCRIBED);
        Path aws = dir.resolve("aws");
        Files.writeString(aws, """
                #!/usr/bin/env bash
                echo "$*" >> "%s/calls.log"
                case "$2" in
                  describe-images) cat "%s/described.json" ;;
                  batch-get-image) echo "{\\"manifest-of\\":\\"${6#imageTag=}\\"}" ;;
                  put-image) echo '{}' ;;
                esac
                """.formatted(dir, dir));
        aws.toFile().setExecutable(true);
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("PATH", dir + ":" + System.getenv("PATH")));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), out);
        return Files.readAllLines(dir.resolve("calls.log")).stream().filter(c -> c.startsWith("ecr put-image")).toList();
    }

    @Test
    void afterUpTheRefsOtherBuildsAreRetired() throws Exception {
        assertEquals(List.of("ecr put-image --repository-name dev/acme/analytics --image-tag retired-main-ba9876543210-800-1 "
                        + "--image-manifest {\"manifest-of\":\"main-ba9876543210-800-1\"}"),
                run("dev/acme/analytics", "main", "sha256:live"));
    }

    @Test
    void afterDisposeEveryBuildOfTheRefIsRetired() throws Exception {
        assertEquals(List.of("main-0123456789ab-900-1", "main-ba9876543210-800-1"),
                run("dev/acme/analytics", "main").stream().map(c -> c.split(" ")[5].substring("retired-".length())).toList());
    }
}
