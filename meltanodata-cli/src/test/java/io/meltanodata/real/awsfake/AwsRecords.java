package io.meltanodata.real.awsfake;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records file: one JSON object per line, one line per create, update or delete, in the
 * order they happened. Every provider process the engine starts (one per provider instance,
 * several stacks in a row) appends to the same file under an exclusive lock.
 */
public final class AwsRecords {
    private final Path file;

    public AwsRecords(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends under a file lock (other provider processes) and this JVM's monitor: a JVM may hold a
     * file's lock only once, and the engine sends requests on many threads at once.
     */
    void append(AwsRecord record) {
        synchronized (AwsRecords.class) {
            appendLocked(record);
        }
    }

    private void appendLocked(AwsRecord record) {
        byte[] line;
        try {
            line = (Structs.JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the record of " + record.urn(), e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
             FileLock ignored = channel.lock()) {
            channel.write(ByteBuffer.wrap(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Every operation recorded so far, oldest first; none if the file does not exist yet. */
    public List<AwsRecord> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AwsRecord> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    /** The resources that exist now: the last create or update of each id not deleted since, by id. */
    public Map<String, AwsRecord> live() {
        Map<String, AwsRecord> live = new LinkedHashMap<>();
        for (AwsRecord record : all()) {
            String key = record.type() + " " + record.id();
            if (record.op().equals(AwsRecord.DELETE)) {
                live.remove(key);
            } else {
                live.put(key, record);
            }
        }
        return live;
    }

    /** The live resource of a type with a logical name, if one exists. */
    public Optional<AwsRecord> live(String type, String name) {
        return live().values().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }

    /** The live resource of a type with a provider id, if one exists. */
    Optional<AwsRecord> liveById(String type, String id) {
        return Optional.ofNullable(live().get(type + " " + id));
    }

    private static AwsRecord parse(String line) throws IOException {
        JsonNode node = Structs.JSON.readTree(line);
        return new AwsRecord(node.get("op").asText(), node.get("type").asText(), node.get("urn").asText(),
                node.get("id").asText(), map(node.get("inputs")), map(node.get("outputs")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node == null || node.isNull() ? Map.of() : Structs.JSON.convertValue(node, LinkedHashMap.class);
    }
}
