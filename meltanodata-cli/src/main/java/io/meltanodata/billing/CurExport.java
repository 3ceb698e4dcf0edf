package io.meltanodata.billing;

import io.meltanodata.components.UserInputException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A CUR 2.0 export as a local folder of Parquet files: the folder given, or the Parquet objects under
 * {@code s3://bucket/prefix} downloaded to a temporary folder, deleted on close. (DuckDB's httpfs
 * extension would read S3 in place, but DuckDB downloads its extensions at run time, which an offline
 * machine cannot do; the AWS SDK reads the same objects with the caller's credentials.)
 *
 * <p>Data Exports writes {@code <prefix>/<export name>/data/BILLING_PERIOD=YYYY-MM/*.parquet}
 * (AWS Data Exports User Guide, "Understanding export delivery"); with a month, only that period's
 * objects are fetched, without one only the latest period's.
 */
public final class CurExport implements AutoCloseable {
    private final Path folder;
    private final boolean temporary;

    private CurExport(Path folder, boolean temporary) {
        this.folder = folder;
        this.temporary = temporary;
    }

    public static CurExport open(String location, String month, AwsClients aws) {
        if (!location.startsWith("s3://")) {
            return new CurExport(Path.of(location), false);
        }
        URI uri = URI.create(location);
        String bucket = uri.getHost();
        if (bucket == null || bucket.isEmpty()) {
            throw new UserInputException("--export has value '" + location + "'; allowed: s3://bucket/prefix or a local folder");
        }
        String prefix = uri.getPath().replaceFirst("^/", "");
        Path folder;
        try {
            folder = Files.createTempDirectory("meltanodata-cur-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CurExport export = new CurExport(folder, true);
        try (S3Client s3 = aws.s3()) {
            java.util.List<String> keys = new java.util.ArrayList<>();
            s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()
                    .forEach(object -> keys.add(object.key()));
            int fetched = 0;
            for (String key : toFetch(keys, month)) {
                Path target = folder.resolve(key.replaceAll("[^A-Za-z0-9._=/-]", "_")).normalize();
                if (!target.startsWith(folder)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build(), target);
                fetched++;
            }
            if (fetched == 0) {
                throw new UserInputException("--export has value '" + location + "'; allowed: a prefix holding CUR 2.0 Parquet objects (none found"
                        + (month.isEmpty() ? "" : " for " + month) + ")");
            }
            return export;
        } catch (SdkException e) {
            export.close();
            throw new UserInputException("--export has value '" + location + "'; S3 refused to list or read it: " + e.getMessage());
        } catch (IOException e) {
            export.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            export.close();
            throw e;
        }
    }

    /**
     * The Parquet objects of the month asked for, or, with none, of the latest billing period the export
     * holds (the month the bill reads then): the daily alerts download one month, not the export's history.
     */
    static java.util.List<String> toFetch(java.util.List<String> keys, String month) {
        java.util.List<String> parquet = keys.stream().filter(k -> k.endsWith(".parquet")).toList();
        String period = month.isEmpty() ? parquet.stream().map(CurExport::period).flatMap(java.util.Optional::stream)
                .max(Comparator.naturalOrder()).orElse("") : month;
        return parquet.stream().filter(k -> period.isEmpty() || period(k).map(period::equals).orElse(true)).toList();
    }

    private static java.util.Optional<String> period(String key) {
        java.util.regex.Matcher m = BILLING_PERIOD.matcher(key);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static final java.util.regex.Pattern BILLING_PERIOD = java.util.regex.Pattern.compile("BILLING_PERIOD=(\\d{4}-\\d{2})/");

    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
