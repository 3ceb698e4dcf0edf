package io.meltanodata.billing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which objects of an {@code s3://} export are downloaded. Data Exports writes
 * {@code <prefix>/<export name>/data/BILLING_PERIOD=YYYY-MM/...parquet} and a metadata Manifest.json
 * (AWS Data Exports User Guide, "Understanding export delivery",
 * https://docs.aws.amazon.com/cur/latest/userguide/dataexports-export-delivery.html). The daily bill alerts
 * read one month, so that they cost the GETs and bytes of that month, not of the export's whole history.
 */
class CurExportTest {
    static final List<String> KEYS = List.of(
            "cur2/meltanodata-prod/data/BILLING_PERIOD=2026-10/meltanodata-prod-00001.snappy.parquet",
            "cur2/meltanodata-prod/data/BILLING_PERIOD=2026-11/meltanodata-prod-00001.snappy.parquet",
            "cur2/meltanodata-prod/data/BILLING_PERIOD=2026-11/meltanodata-prod-00002.snappy.parquet",
            "cur2/meltanodata-prod/data/BILLING_PERIOD=2026-09/meltanodata-prod-00001.snappy.parquet",
            "cur2/meltanodata-prod/metadata/BILLING_PERIOD=2026-11/meltanodata-prod-Manifest.json");

    @Test
    void withoutAMonthOnlyTheLatestPeriodIsFetched() {
        assertEquals(List.of(KEYS.get(1), KEYS.get(2)), CurExport.toFetch(KEYS, ""));
    }

    @Test
    void withAMonthOnlyThatPeriodIsFetched() {
        assertEquals(List.of(KEYS.get(0)), CurExport.toFetch(KEYS, "2026-10"));
        assertEquals(List.of(), CurExport.toFetch(KEYS, "2026-08"));
    }

    @Test
    void parquetOutsideAnyPeriodIsAlwaysFetched() {
        List<String> flat = List.of("export/part-0.parquet", "export/part-1.parquet");
        assertEquals(flat, CurExport.toFetch(flat, ""));
        assertEquals(flat, CurExport.toFetch(flat, "2026-11"));
    }
}
