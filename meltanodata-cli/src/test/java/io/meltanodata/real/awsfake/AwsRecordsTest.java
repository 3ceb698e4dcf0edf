package io.meltanodata.real.awsfake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AwsRecordsTest {
    private static final String TYPE = "aws:s3/bucketV2:BucketV2";

    @TempDir
    Path dir;

    @Test
    void appendsFromManyThreadsAllLand() throws Exception {
        AwsRecords records = new AwsRecords(dir.resolve("records.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "bucket-" + i;
            done.add(pool.submit(() -> records.append(record(AwsRecord.CREATE, id))));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals(200, records.all().size());
        assertEquals(200, records.live().size());
    }

    @Test
    void liveIsTheLastStateOfEachResourceNotDeleted() {
        AwsRecords records = new AwsRecords(dir.resolve("records.jsonl"));
        records.append(record(AwsRecord.CREATE, "kept"));
        records.append(record(AwsRecord.CREATE, "gone"));
        records.append(new AwsRecord(AwsRecord.UPDATE, TYPE, urn("kept"), "kept", Map.of("v", 2), Map.of("v", 2)));
        records.append(record(AwsRecord.DELETE, "gone"));

        assertEquals(List.of("kept"), records.live().values().stream().map(AwsRecord::id).toList());
        assertEquals(Map.of("v", 2), records.live(TYPE, "kept").orElseThrow().inputs());
        assertEquals(List.of(), new AwsRecords(dir.resolve("absent.jsonl")).all());
    }

    private static AwsRecord record(String op, String id) {
        return new AwsRecord(op, TYPE, urn(id), id, Map.of("bucket", id), Map.of("bucket", id, "arn", "arn:aws:s3:::" + id));
    }

    private static String urn(String name) {
        return "urn:pulumi:acme::meltanodata-site-instances::" + TYPE + "::" + name;
    }
}
