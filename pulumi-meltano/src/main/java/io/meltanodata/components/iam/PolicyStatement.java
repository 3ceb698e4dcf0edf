package io.meltanodata.components.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IAM policy statement. Build with {@link #allow(String...)} / {@link #deny(String...)}:
 * <pre>{@code
 * PolicyStatement.allow("s3:GetObject", "s3:PutObject").on(bucketArn + "/sites/acme/*").sid("SiteData")
 * }</pre>
 */
public record PolicyStatement(String sid, String effect, List<String> actions, List<String> notActions,
                              List<String> resources, Map<String, Object> principal,
                              Map<String, Map<String, Object>> condition) {

    public PolicyStatement {
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        principal = Map.copyOf(principal);
        condition = Map.copyOf(condition);
    }

    public static PolicyStatement allow(String... actions) {
        return new PolicyStatement("", "Allow", List.of(actions), List.of(), List.of(), Map.of(), Map.of());
    }

    public static PolicyStatement deny(String... actions) {
        return new PolicyStatement("", "Deny", List.of(actions), List.of(), List.of(), Map.of(), Map.of());
    }

    /** The lists joined, each entry once, in order: actions or resources gathered from named lists. */
    @SafeVarargs
    public static String[] union(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).distinct().toArray(String[]::new);
    }

    public PolicyStatement sid(String value) {
        return new PolicyStatement(value, effect, actions, notActions, resources, principal, condition);
    }

    public PolicyStatement on(String... arns) {
        return on(List.of(arns));
    }

    public PolicyStatement on(List<String> arns) {
        return new PolicyStatement(sid, effect, actions, notActions, arns, principal, condition);
    }

    /** {@code principal("AWS", arn)}, {@code principal("Service", "eks.amazonaws.com")}, ... */
    public PolicyStatement principal(String kind, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(principal);
        p.put(kind, value);
        return new PolicyStatement(sid, effect, actions, notActions, resources, p, condition);
    }

    /** {@code when("StringEquals", "aws:SourceAccount", accountId)}; repeated calls accumulate. */
    public PolicyStatement when(String operator, String key, Object value) {
        Map<String, Map<String, Object>> c = new LinkedHashMap<>(condition);
        Map<String, Object> byKey = new LinkedHashMap<>(c.getOrDefault(operator, Map.of()));
        byKey.put(key, value);
        c.put(operator, byKey);
        return new PolicyStatement(sid, effect, actions, notActions, resources, principal, c);
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!sid.isEmpty()) {
            m.put("Sid", sid);
        }
        m.put("Effect", effect);
        if (!principal.isEmpty()) {
            m.put("Principal", principal);
        }
        if (!actions.isEmpty()) {
            m.put("Action", actions);
        }
        if (!notActions.isEmpty()) {
            m.put("NotAction", notActions);
        }
        if (!resources.isEmpty()) {
            m.put("Resource", resources);
        }
        if (!condition.isEmpty()) {
            m.put("Condition", condition);
        }
        return m;
    }
}
