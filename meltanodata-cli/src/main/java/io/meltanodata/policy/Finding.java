package io.meltanodata.policy;

/** One violation: the rule, and the resource named the way {@code pulumi preview} names it. */
public record Finding(String rule, String stack, String type, String resource, String message) {
    @Override
    public String toString() {
        return rule + " " + stack + " " + type + " " + resource + ": " + message;
    }
}
