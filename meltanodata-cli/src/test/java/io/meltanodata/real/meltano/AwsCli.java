package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.testing.Command;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The AWS CLI against moto: what the test itself does to AWS (set up, then read what the runs left). */
final class AwsCli {
    /** Static test credentials: in the cluster, Pod Identity supplies the environment role's instead. */
    static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");

    private final Path bin;
    private final String endpoint;
    private final String region;

    AwsCli(Path bin, String endpoint, String region) {
        this.bin = bin;
        this.endpoint = endpoint;
        this.region = region;
    }

    String run(String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("aws").toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(CREDENTIALS);
        environment.put("AWS_ENDPOINT_URL", endpoint);
        environment.put("AWS_DEFAULT_REGION", region);
        return Command.require(Path.of("").toAbsolutePath(), environment, Duration.ofMinutes(2), command);
    }

    Object json(String... args) throws IOException, InterruptedException {
        return new ObjectMapper().readValue(run(args), Object.class);
    }

    /** Every key under a prefix, sorted. */
    @SuppressWarnings("unchecked")
    List<String> keys(String bucket, String prefix) throws IOException, InterruptedException {
        Object listed = json("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", prefix, "--query", "Contents[].Key",
                "--output", "json");
        return listed == null ? List.of() : ((List<String>) listed).stream().sorted().toList();
    }

    /** The names of the log streams of {@code group} under {@code prefix} (empty: all), sorted. */
    @SuppressWarnings("unchecked")
    List<String> logStreams(String group, String prefix) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("logs", "describe-log-streams", "--log-group-name", group,
                "--query", "logStreams[].logStreamName", "--output", "json"));
        if (!prefix.isEmpty()) {
            args.addAll(List.of("--log-stream-name-prefix", prefix)); // the API takes 1 character or more
        }
        Object listed = json(args.toArray(String[]::new));
        return listed == null ? List.of() : ((List<String>) listed).stream().sorted().toList();
    }

    /** Every event of a log stream, oldest first: {timestamp, message, ingestionTime}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> logEvents(String group, String stream) throws IOException, InterruptedException {
        List<Map<String, Object>> events = new ArrayList<>();
        String token = null;
        while (true) {
            List<String> args = new ArrayList<>(List.of("logs", "get-log-events", "--log-group-name", group,
                    "--log-stream-name", stream, "--start-from-head"));
            if (token != null) {
                args.addAll(List.of("--next-token", token));
            }
            Map<String, Object> page = (Map<String, Object>) json(args.toArray(String[]::new));
            List<Map<String, Object>> got = (List<Map<String, Object>>) page.get("events");
            events.addAll(got);
            String next = (String) page.get("nextForwardToken");
            if (got.isEmpty() || next == null || next.equals(token)) {
                return events;
            }
            token = next;
        }
    }

    String object(String bucket, String key) throws IOException, InterruptedException {
        return run("s3", "cp", "s3://" + bucket + "/" + key, "-");
    }
}
