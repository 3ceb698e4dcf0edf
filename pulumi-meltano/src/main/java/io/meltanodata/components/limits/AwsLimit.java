package io.meltanodata.components.limits;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * One limit AWS or Kubernetes documents for an input of a resource type: the most it accepts, how
 * it measures the value, and the page that says so. {@link AwsLimits} holds them all, in one table,
 * for the layers' own checks, {@code meltanodata check} and the recording AWS double alike.
 *
 * @param id           stable id, e.g. {@code IAM-POLICY-SIZE}; a finding names it
 * @param service      the service that enforces it; gives the check rule and the error's shape
 * @param resourceType the Pulumi type whose input it limits, e.g. {@code aws:iam/policy:Policy};
 *                     {@code aws:*} or {@code kubernetes:*} for every type of that provider
 * @param input        the input it limits, a dotted path such as {@code metadata.name}
 * @param max          the most accepted, in {@code measure}'s unit
 * @param measure      how the service counts the value
 * @param adjustable   whether Service Quotas can raise it (we stay under the default either way)
 * @param awsError     the error code and message the service answers with, as its API returns them
 * @param source       the page that documents it: title, then URL
 */
public record AwsLimit(String id, Service service, String resourceType, String input, int max, Measure measure,
                       boolean adjustable, String awsError, String source) {

    /** How a service counts a value against a limit. */
    public enum Measure {
        CHARACTERS(v -> text(v).length(), "characters"),
        /** IAM does not count white space in a policy's size. */
        NON_WHITESPACE_CHARACTERS(v -> (int) text(v).chars().filter(c -> !Character.isWhitespace(c)).count(),
                "characters, white space not counted"),
        BYTES(v -> text(v).getBytes(StandardCharsets.UTF_8).length, "bytes"),
        /** Entries of a list or map: lifecycle rules, tags. */
        ITEMS(v -> v instanceof Collection<?> c ? c.size() : v instanceof Map<?, ?> m ? m.size() : 0, "entries"),
        LONGEST_KEY(v -> map(v).keySet().stream().mapToInt(k -> String.valueOf(k).length()).max().orElse(0),
                "characters in the longest key"),
        LONGEST_VALUE(v -> map(v).values().stream().mapToInt(x -> String.valueOf(x).length()).max().orElse(0),
                "characters in the longest value"),
        /** Keys a service reserves for itself ({@code aws:} in any case): none is accepted. */
        RESERVED_KEYS(v -> (int) map(v).keySet().stream()
                .filter(k -> String.valueOf(k).toLowerCase(Locale.ROOT).startsWith("aws:")).count(),
                "keys starting with aws:"),
        /** The longest label of a DNS name (the parts between dots), as Route 53 checks each. */
        LONGEST_LABEL(v -> Arrays.stream(text(v).split("\\.")).mapToInt(String::length).max().orElse(0),
                "characters in the longest label"),
        /** Keys and values together, as Kubernetes sums annotations. */
        TOTAL_BYTES(v -> map(v).entrySet().stream().mapToInt(e -> bytes(e.getKey()) + bytes(e.getValue())).sum(),
                "bytes of keys and values together");

        private final ToIntFunction<Object> size;
        private final String unit;

        Measure(ToIntFunction<Object> size, String unit) {
            this.size = size;
            this.unit = unit;
        }

        public int of(Object value) {
            return size.applyAsInt(value);
        }

        public String unit() {
            return unit;
        }

        private static String text(Object v) {
            return v == null ? "" : v.toString();
        }

        private static int bytes(Object v) {
            return text(v).getBytes(StandardCharsets.UTF_8).length;
        }

        private static Map<?, ?> map(Object v) {
            return v instanceof Map<?, ?> m ? m : Map.of();
        }
    }

    public boolean appliesTo(String type) {
        return resourceType.endsWith("*") ? type.startsWith(resourceType.substring(0, resourceType.length() - 1))
                : resourceType.equals(type);
    }

    /** The value this limit measures in a resource's inputs, if it is set and known. */
    public Optional<Object> valueIn(Map<String, ?> inputs) {
        Object current = inputs;
        for (String key : input.split("\\.")) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return Optional.ofNullable(current);
    }

    public int sizeOf(Object value) {
        return measure.of(value);
    }

    /** How far under the limit {@code value} stays (negative: over it). */
    public int margin(Object value) {
        return max - sizeOf(value);
    }

    public boolean admits(Object value) {
        return margin(value) >= 0;
    }

    /** One line for a person: what is over, by how much, and where the service says so. */
    public String breach(String what, Object value) {
        return breachAt(what, sizeOf(value));
    }

    /** The same line for a size measured already, e.g. a total over several resources ({@link SummedLimit}). */
    public String breachAt(String what, int size) {
        return what + " is " + size + " " + measure.unit() + "; " + service.owner() + " accepts at most " + max
                + " (" + id + ", " + source + ")";
    }

    /** What the service answers a request that breaches this limit with: its code and message, quoting {@code value}. */
    public String refusal(Object value) {
        return awsError.replace("{name}", String.valueOf(value));
    }
}
