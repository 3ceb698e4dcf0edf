package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.meltanodata.policy.PolicyRule.perResource;

/**
 * What an IAM statement can claim that a tenant cannot be trusted with, as far as a rule reading
 * the rendered policies can see it (the evaluation engine of {@code IamMatrixIT} sees the rest).
 */
final class IamScopeRules {
    static final Pattern TAGGING = Pattern.compile("[a-z0-9-]+:(TagResource|Tag[A-Z][A-Za-z]*|CreateTags|\\*)|\\*");
    static final List<String> LOG_WRITES = List.of("logs:PutLogEvents", "logs:CreateLogStream", "logs:*", "*");

    private IamScopeRules() {
    }

    static List<PolicyRule> all() {
        return List.of(taggingNeedsTheResourcesOwnTags(), jobLogsOnlyToOwnStreams(), namesCannotBeTheFabrics());
    }

    /**
     * ISO-007: an Allow of a tagging action conditioned on the request's tags alone lets a tenant
     * re-tag a resource that is not its own (and then pass every ABAC check on it); the fabric's
     * cluster is never a tenant's to tag.
     */
    private static PolicyRule taggingNeedsTheResourcesOwnTags() {
        return perResource("ISO-007", "tenants tag only resources already tagged as theirs, never the fabric's cluster",
                Inputs::hasPolicy, (stack, r) -> {
                    if (!stack.isTenant()) {
                        return null;
                    }
                    for (Map<String, Object> st : Inputs.statements(r)) {
                        List<?> actions = Inputs.asList(st.get("Action"));
                        if (!"Allow".equals(st.get("Effect")) || actions.stream().noneMatch(a -> TAGGING.matcher(String.valueOf(a)).matches())) {
                            continue;
                        }
                        String condition = String.valueOf(st.getOrDefault("Condition", Map.of()));
                        // Roles are the tenant's by name (its IAM path), not by tag: tagging them is scoped by the ARN.
                        String ownRoles = ":role/meltanodata/";
                        String site = "/" + stack.site().orElseThrow() + "/";
                        boolean ownRolesByName = Inputs.asList(st.get("Resource")).stream().map(String::valueOf)
                                .allMatch(res -> res.contains(ownRoles) && res.substring(res.indexOf(ownRoles) + ownRoles.length() - 1)
                                        .replaceFirst("^/[^/]+", "").startsWith(site));
                        if (condition.contains("aws:RequestTag/") && !condition.contains("aws:ResourceTag/") && !ownRolesByName) {
                            return "statement " + st.get("Sid") + " allows " + actions + " on request tags alone";
                        }
                        // Only EKS's own tagging reaches the cluster: a statement may merge another service's
                        // TagResource with eks:DescribeCluster on the cluster's ARN.
                        List<?> clusterTagging = actions.stream().map(String::valueOf)
                                .filter(a -> TAGGING.matcher(a).matches() && (a.startsWith("eks:") || a.equals("*"))).toList();
                        if (!clusterTagging.isEmpty()
                                && Inputs.asList(st.get("Resource")).stream().anyMatch(res -> String.valueOf(res).contains(":cluster/"))) {
                            return "statement " + st.get("Sid") + " allows " + clusterTagging + " on the cluster";
                        }
                    }
                    return null;
                });
    }

    /** ISO-008: the job log group is shared; a tenant writes only streams under its own site's prefix. */
    private static PolicyRule jobLogsOnlyToOwnStreams() {
        return perResource("ISO-008", "tenants write job logs only to their own streams, never a whole log group",
                Inputs::hasPolicy, (stack, r) -> {
                    if (!stack.isTenant()) {
                        return null;
                    }
                    String own = ":log-stream:" + stack.site().orElseThrow() + "/";
                    for (Map<String, Object> st : Inputs.statements(r)) {
                        List<?> actions = Inputs.asList(st.get("Action"));
                        if (!"Allow".equals(st.get("Effect")) || actions.stream().noneMatch(LOG_WRITES::contains)) {
                            continue;
                        }
                        for (Object res : Inputs.asList(st.get("Resource"))) {
                            String arn = String.valueOf(res);
                            if ((arn.startsWith("arn:aws:logs:") || arn.equals("*")) && !arn.contains(own)) {
                                return "statement " + st.get("Sid") + " allows " + actions + " on " + arn + ", not only streams under " + own;
                            }
                        }
                    }
                    return null;
                });
    }

    /**
     * NAME-001: a tenant's physical name (bucket, role, policy, log group) is never a fabric's, and
     * no tenant policy's bucket or role pattern matches one of the fabric's buckets or roles.
     */
    private static PolicyRule namesCannotBeTheFabrics() {
        return PolicyRule.of("NAME-001", "no tenant name, or policy pattern, can be a fabric-owned name", context -> {
            Map<String, String> fabric = new LinkedHashMap<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                if (stack.layer() == Layer.SERVICE_FABRIC) {
                    stack.rendering().rendering().resources().forEach(r -> physical(r).ifPresent(n -> fabric.put(n, stack.name())));
                }
            }
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                if (!stack.isTenant()) {
                    continue;
                }
                for (RecordedResource r : stack.rendering().rendering().resources()) {
                    physical(r).filter(fabric::containsKey).ifPresent(n -> findings.add(new Finding("NAME-001", stack.name(),
                            r.type(), r.name(), "is named " + n.substring(n.indexOf(' ') + 1) + ", a resource of fabric "
                            + fabric.get(n))));
                    if (!Inputs.hasPolicy(r)) {
                        continue;
                    }
                    for (Map<String, Object> st : Inputs.statements(r)) {
                        if (!"Allow".equals(st.get("Effect"))) {
                            continue;
                        }
                        for (Object res : Inputs.asList(st.get("Resource"))) {
                            String owned = matchedFabricName(String.valueOf(res), fabric.keySet());
                            if (owned != null) {
                                findings.add(new Finding("NAME-001", stack.name(), r.type(), r.name(), "statement " + st.get("Sid")
                                        + " names " + res + ", which matches the fabric's " + owned));
                                break;
                            }
                        }
                    }
                }
            }
            return findings;
        });
    }

    /** {@code "bucket <name>"}, {@code "role <path><name>"}, ...: a physical name with its namespace. */
    static java.util.Optional<String> physical(RecordedResource r) {
        return java.util.Optional.ofNullable(switch (r.type()) {
            case "aws:s3/bucketV2:BucketV2" -> "bucket " + Inputs.text(r, "bucket");
            case "aws:iam/role:Role" -> "role " + Inputs.get(r, "path").map(String::valueOf).orElse("/") + Inputs.text(r, "name");
            case "aws:iam/policy:Policy" -> "policy " + Inputs.text(r, "name");
            case "aws:cloudwatch/logGroup:LogGroup" -> "log-group " + Inputs.text(r, "name");
            default -> null;
        });
    }

    /** The fabric bucket or role a policy's resource ARN (with wildcards) matches, or null. */
    static String matchedFabricName(String arn, java.util.Collection<String> fabricNames) {
        String kind;
        String pattern;
        if (arn.startsWith("arn:aws:s3:::")) {
            kind = "bucket ";
            pattern = arn.substring("arn:aws:s3:::".length()).replaceFirst("/.*", "");
        } else if (arn.matches("arn:aws:iam::[^:]*:role/.*")) {
            kind = "role ";
            pattern = arn.substring(arn.indexOf(":role") + ":role".length());
        } else {
            return null;
        }
        Pattern glob = Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + ".*" + b).orElse(""));
        return fabricNames.stream().filter(n -> n.startsWith(kind) && glob.matcher(n.substring(kind.length())).matches())
                .findFirst().orElse(null);
    }
}
