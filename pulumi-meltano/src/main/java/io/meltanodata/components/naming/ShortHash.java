package io.meltanodata.components.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A stable 8-hex-digit digest, used to keep truncated or sanitised names distinct. */
public final class ShortHash {
    public static final int LENGTH = 8;

    private ShortHash() {
    }

    /** Hashes the parts as a tuple: ("a-b","c") and ("a","b-c") hash differently. */
    public static String of(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
