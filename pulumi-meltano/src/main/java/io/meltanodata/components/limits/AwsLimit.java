package io.meltanodata.components.limits;

import java.util.function.ToIntFunction;

/**
 * One limit AWS documents for an input of a resource type: the most it accepts, how AWS measures
 * the value, and the page that says so. {@link AwsLimits} holds them all, in one table, for the
 * layers' own checks, {@code meltanodata check} and the recording AWS double alike.
 *
 * @param id           stable id, e.g. {@code IAM-POLICY-SIZE}; a finding names it
 * @param resourceType the Pulumi type whose input it limits, e.g. {@code aws:iam/policy:Policy}
 * @param input        the input it limits, e.g. {@code policy}
 * @param max          the most AWS accepts, in {@code measure}'s unit
 * @param measure      how AWS counts the value
 * @param adjustable   whether Service Quotas can raise it
 * @param awsError     the error code and message AWS answers with, as its API returns them
 * @param source       the AWS page that documents it: title, then URL
 */
public record AwsLimit(String id, String resourceType, String input, int max, Measure measure, boolean adjustable,
                       String awsError, String source) {

    /** How AWS counts a value against a limit. */
    public enum Measure {
        CHARACTERS(String::length, "characters"),
        /** IAM does not count white space in a policy's size. */
        NON_WHITESPACE_CHARACTERS(text -> (int) text.chars().filter(c -> !Character.isWhitespace(c)).count(),
                "characters, white space not counted");

        private final ToIntFunction<String> size;
        private final String unit;

        Measure(ToIntFunction<String> size, String unit) {
            this.size = size;
            this.unit = unit;
        }

        public int of(String value) {
            return size.applyAsInt(value);
        }

        public String unit() {
            return unit;
        }
    }

    public int sizeOf(String value) {
        return measure.of(value);
    }

    /** How far under the limit {@code value} stays (negative: over it). */
    public int margin(String value) {
        return max - sizeOf(value);
    }

    public boolean admits(String value) {
        return margin(value) >= 0;
    }

    /** One line for a person: what is over, by how much, and where AWS says so. */
    public String breach(String what, String value) {
        return what + " is " + sizeOf(value) + " " + measure.unit() + "; AWS accepts at most " + max + " (" + id + ", "
                + source + ")";
    }
}
