package io.meltanodata.components;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Test
    void unorderedMapsAreWrittenWithSortedKeysSoEveryRunGivesTheSameDocument() {
        Map<String, Object> condition = Map.of("StringLike", Map.of("sub", "repo:a/b:*"), "StringEquals",
                Map.of("aud", "sts.amazonaws.com"), "Bool", Map.of("aws:SecureTransport", "true"));
        assertEquals("[{\"Bool\":{\"aws:SecureTransport\":\"true\"},\"StringEquals\":{\"aud\":\"sts.amazonaws.com\"},"
                + "\"StringLike\":{\"sub\":\"repo:a/b:*\"}}]", Json.write(List.of(condition)));
    }

    @Test
    void orderedMapsKeepTheirOrder() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of());
        assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[]}", Json.write(document));
    }

    @Test
    void prettyJsonSortsUnorderedMapsToo() {
        assertEquals("{\n  \"a\" : 1,\n  \"b\" : [ {\n    \"x\" : 1,\n    \"y\" : 2\n  } ]\n}",
                Json.writePretty(Map.of("b", List.of(Map.of("y", 2, "x", 1)), "a", 1)));
    }
}
