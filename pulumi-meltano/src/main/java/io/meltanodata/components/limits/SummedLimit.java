package io.meltanodata.components.limits;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A limit AWS applies to the sum of one input over the resources that share a parent, not to each
 * resource alone: IAM's 10,240 characters for all of a role's inline policies together (IAM User
 * Guide, "IAM and AWS STS quotas": "Role policy size cannot exceed 10,240 characters" for the
 * aggregate of its inline policies). {@link AwsLimits#summed()} holds them; {@code meltanodata check},
 * the recording AWS double and {@code LimitMarginsTest} total them per parent.
 *
 * @param limit   the row of {@link AwsLimits} whose maximum, measure, error and page apply to the total
 * @param groupBy the input naming the parent the resources share, e.g. {@code role}
 */
public record SummedLimit(AwsLimit limit, String groupBy) {

    /** The total per parent over the resources this limit applies to, in the order parents first appear. */
    public <T> Map<String, Integer> totals(Collection<T> resources, Function<T, String> type,
                                           Function<T, Map<String, ?>> inputs) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (T resource : resources) {
            Map<String, ?> in = inputs.apply(resource);
            if (limit.appliesTo(type.apply(resource)) && in.get(groupBy) instanceof String parent) {
                totals.merge(parent, limit.valueIn(in).map(limit::sizeOf).orElse(0), Integer::sum);
            }
        }
        return totals;
    }

    /** The totals ({@link #totals}) over the limit's maximum, per parent. */
    public <T> Map<String, Integer> breaches(Collection<T> resources, Function<T, String> type,
                                             Function<T, Map<String, ?>> inputs) {
        Map<String, Integer> over = new LinkedHashMap<>(totals(resources, type, inputs));
        over.values().removeIf(total -> total <= limit.max());
        return over;
    }

    /** One line for a person: whose total is over, by how much, and the page. */
    public String breach(String parent, int total) {
        return limit.breachAt("the '" + limit.input() + "' of every " + limit.resourceType() + " of " + groupBy + " '" + parent
                + "' together", total);
    }
}
