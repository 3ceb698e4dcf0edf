package io.meltanodata.components.naming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

    @Test
    void cleanUnambiguousPartsAreJoinedAsTheyAre() {
        assertEquals("prod-acme-data", Names.of(NameKind.S3_BUCKET, "prod", "acme", "data"));
        assertEquals("acme", Names.of(NameKind.DNS_LABEL, "acme"));
    }

    @Test
    void aPartWithTheSeparatorGetsAHashSoSplitsCannotCollide() {
        String a = Names.of(NameKind.DNS_LABEL, "acme-prod", "x");
        String b = Names.of(NameKind.DNS_LABEL, "acme", "prod-x");
        String c = Names.of(NameKind.DNS_LABEL, "acme-prod-x");
        assertTrue(a.matches("acme-prod-x-[0-9a-f]{8}"), a);
        assertNotEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(b, c);
        assertNotEquals(Names.of(NameKind.DNS_LABEL, "acme", "data"), Names.of(NameKind.DNS_LABEL, "acme-data"));
    }

    @Test
    void namesThatDifferOnlyInCaseOrPunctuationStayDistinct() {
        List<String> names = List.of(
                Names.of(NameKind.S3_BUCKET, "Acme", "data"),
                Names.of(NameKind.S3_BUCKET, "acme", "data"),
                Names.of(NameKind.S3_BUCKET, "ac.me", "data"),
                Names.of(NameKind.S3_BUCKET, "ac_me", "data"));
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        names.forEach(n -> assertTrue(n.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]"), n));
    }

    @Test
    void longNamesAreTruncatedWithAStableHashAndNeverCollide() {
        String prefix = "a".repeat(80);
        String one = Names.of(NameKind.DNS_LABEL, prefix + "one");
        String two = Names.of(NameKind.DNS_LABEL, prefix + "two");
        assertEquals(63, one.length());
        assertNotEquals(one, two);
        assertEquals(one, Names.of(NameKind.DNS_LABEL, prefix + "one"), "stable across calls");
        assertEquals(64, Names.of(NameKind.IAM_ROLE, "r".repeat(200)).length());
    }

    @ParameterizedTest
    @EnumSource(NameKind.class)
    void everyKindRespectsItsLengthAndCharacterSet(NameKind kind) {
        String hostile = "Ünïcode/../\"quoted\" name\nwith-newline-" + "x".repeat(600);
        String name = Names.of(kind, hostile, "part");
        assertTrue(name.length() <= kind.maxLength(), kind + ": " + name.length());
        assertTrue(!kind.disallowed().matcher(name).find(), kind + " allows " + name);
        if (kind.lowercase()) {
            assertEquals(name.toLowerCase(java.util.Locale.ROOT), name);
        }
    }

    @Test
    void s3BucketNamesAreAtLeastThreeCharacters() {
        String name = Names.of(NameKind.S3_BUCKET, "a");
        assertTrue(name.length() >= 3, name);
    }

    @Test
    void hashIsOverTheTupleNotTheJoin() {
        assertNotEquals(ShortHash.of(List.of("a-b", "c")), ShortHash.of(List.of("a", "b-c")));
        assertEquals(ShortHash.LENGTH, ShortHash.of(List.of("x")).length());
    }

    @Test
    void aNameNeedsParts() {
        assertThrows(IllegalArgumentException.class, () -> Names.of(NameKind.DNS_LABEL, List.of()));
    }

    /** The prefix a policy matches survives whole however long the tail, at the longest prefix a kind keeps. */
    @Test
    void keepingPrefixCutsOnlyTheTail() {
        List<String> prefix = List.of("meltanodata", "f234567890abcdef", "s234567890abcdefghij", "p234");
        assertEquals(55, Names.longestPrefix(NameKind.S3_BUCKET));
        String name = Names.keepingPrefix(NameKind.S3_BUCKET, prefix, List.of("e".repeat(63), "feature-" + "x".repeat(60)));
        assertTrue(name.startsWith(String.join("-", prefix) + "-") && name.length() == 63, name);
        String other = Names.keepingPrefix(NameKind.S3_BUCKET, prefix, List.of("e".repeat(63), "feature-" + "x".repeat(59)));
        assertNotEquals(name, other);
        assertEquals("meltanodata-dev-acme-analytics-prod-main",
                Names.keepingPrefix(NameKind.S3_BUCKET, List.of("meltanodata", "dev", "acme", "analytics"), List.of("prod", "main")));
    }

    @Test
    void aPrefixWithNoRoomForTheTailIsABug() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Names.keepingPrefix(NameKind.S3_BUCKET,
                List.of("meltanodata", "f234567890abcdef", "s234567890abcdefghij", "p2345"), List.of("prod")));
        assertEquals("the prefix 'meltanodata-f234567890abcdef-s234567890abcdefghij-p2345-' is 56 characters; a S3_BUCKET name "
                + "keeps at most 55", error.getMessage());
    }

    /** Kubernetes documentation, "CronJob": "the name must be no longer than 52 characters". */
    @Test
    void cronJobNamesHold52Characters() {
        assertEquals(52, NameKind.CRONJOB.maxLength());
        assertEquals(52, Names.of(NameKind.CRONJOB, "Nightly_" + "x".repeat(120)).length());
    }
}
