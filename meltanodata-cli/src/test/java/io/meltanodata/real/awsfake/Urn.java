package io.meltanodata.real.awsfake;

/**
 * The parts of a Pulumi URN, {@code urn:pulumi:<stack>::<project>::<parent types$>type::<name>}.
 * Requests carry type and name separately only from newer engines; the URN always has them.
 */
final class Urn {
    private Urn() {
    }

    static String name(String urn) {
        return parts(urn)[3];
    }

    static String type(String urn) {
        String qualified = parts(urn)[2];
        return qualified.substring(qualified.lastIndexOf('$') + 1);
    }

    private static String[] parts(String urn) {
        String[] parts = urn.split("::", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException("not a resource URN: " + urn);
        }
        return parts;
    }
}
