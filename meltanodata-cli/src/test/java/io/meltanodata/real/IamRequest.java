package io.meltanodata.real;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of the IAM matrix: who asks, for what, on which resource, what AWS must decide and
 * why (the finding it guards, or {@code own job} for a positive control), and the engine's input.
 */
record IamRequest(String id, String principal, String action, String resource, boolean expectAllowed, String why,
                  Map<String, Object> simulation) {

    /** A principal as the engine sees it: its ARN, identity policies, boundary (or null) and tags. */
    record Principal(String label, String arn, List<Object> identityPolicies, Object boundary, Map<String, String> tags) {
        Map<String, Object> context() {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("aws:SecureTransport", "true");
            if (arn.startsWith("arn:")) {
                context.put("aws:PrincipalArn", arn);
                context.put("aws:PrincipalAccount", arn.split(":")[4]);
            }
            // Present in every signed request (IAM User Guide, "AWS global condition context keys").
            context.put("aws:PrincipalIsAWSService", String.valueOf(!arn.startsWith("arn:")));
            tags.forEach((k, v) -> context.put("aws:PrincipalTag/" + k, v));
            return context;
        }
    }

    static IamRequest of(int number, Principal who, String action, String resource, Object resourcePolicy,
                         Map<String, Object> requestContext, boolean expectAllowed, String why) {
        Map<String, Object> context = who.context();
        context.putAll(requestContext);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("principal", who.arn());
        request.put("action", action);
        request.put("resource", Map.of("resource", resource, "accountId", accountOf(resource, who.arn())));
        request.put("contextVariables", context);
        Map<String, Object> simulation = new LinkedHashMap<>();
        simulation.put("request", request);
        List<Map<String, Object>> identity = new java.util.ArrayList<>();
        for (int i = 0; i < who.identityPolicies().size(); i++) {
            identity.add(Map.of("name", "policy-" + i, "policy", who.identityPolicies().get(i)));
        }
        simulation.put("identityPolicies", identity);
        simulation.put("serviceControlPolicies", List.of());
        simulation.put("resourceControlPolicies", List.of());
        if (who.boundary() != null) {
            simulation.put("permissionBoundaryPolicies", List.of(Map.of("name", "boundary", "policy", who.boundary())));
        }
        if (resourcePolicy != null) {
            simulation.put("resourcePolicy", resourcePolicy);
        }
        return new IamRequest("r" + number, who.label(), action, resource, expectAllowed, why, simulation);
    }

    /** S3 ARNs carry no account: the bucket is the caller's account's (all of a fabric is one account). */
    private static String accountOf(String resource, String principalArn) {
        String[] parts = resource.split(":");
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : principalArn.split(":")[4];
    }
}
