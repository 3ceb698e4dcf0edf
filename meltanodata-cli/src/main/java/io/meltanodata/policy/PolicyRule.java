package io.meltanodata.policy;

import io.meltanodata.preview.RecordedResource;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A rule over the rendered resources of every layer, like a policy pack over a preview. Most rules
 * look at one resource at a time ({@link #perResource}); the whole run is there for rules that
 * compare stacks (one site against the others).
 */
public interface PolicyRule {
    /** Stable id, e.g. {@code ISO-001}; never reused for another rule. */
    String id();

    String title();

    List<Finding> check(PolicyContext context);

    /** A rule over the whole run, for rules that look at several resources or stacks together. */
    static PolicyRule of(String id, String title, Function<PolicyContext, List<Finding>> check) {
        return new Defined(id, title, check);
    }

    /** A rule that checks each resource of the given types; the function returns a message or null. */
    static PolicyRule perResource(String id, String title, Predicate<RecordedResource> applies,
                                  BiFunction<PolicyContext.Stack, RecordedResource, String> violation) {
        return of(id, title, context -> context.stacks().stream().flatMap(stack -> stack.rendering().rendering()
                .resources().stream().filter(applies).flatMap(r -> {
                    String message = violation.apply(stack, r);
                    return message == null ? Stream.empty()
                            : Stream.of(new Finding(id, stack.name(), r.type(), r.name(), message));
                })).toList());
    }

    /** A rule given by its id, title and check. */
    record Defined(String id, String title, Function<PolicyContext, List<Finding>> checker) implements PolicyRule {
        @Override
        public List<Finding> check(PolicyContext context) {
            return checker.apply(context);
        }
    }

    static Predicate<RecordedResource> ofType(String... types) {
        List<String> list = List.of(types);
        return r -> list.contains(r.type());
    }

}
