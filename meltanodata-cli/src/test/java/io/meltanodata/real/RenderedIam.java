package io.meltanodata.real;

import io.meltanodata.components.Json;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every IAM document of a rendered topology, keyed the way AWS finds them: identity policies and
 * the permissions boundary by role, bucket policies by bucket, key policies by key, trust
 * policies by role. Read from the resources' inputs exactly as the offline preview sends them.
 */
record RenderedIam(String account, String region, Map<String, Role> roles, Map<String, Object> managedPolicies,
                   Map<String, Object> bucketPolicies, Map<String, Object> keyPolicies) {

    /** One IAM role as created: its ARN, trust, boundary ARN (or empty), inline policies and tags. */
    record Role(String stack, String name, String arn, Object trust, String boundaryArn, List<Object> inline,
                Map<String, String> tags) {
    }

    static RenderedIam of(List<Rendering> layers, String account, String region) {
        Map<String, Role> roles = new LinkedHashMap<>();
        Map<String, Object> managed = new LinkedHashMap<>();
        Map<String, Object> buckets = new LinkedHashMap<>();
        Map<String, Object> keys = new LinkedHashMap<>();
        Map<String, java.util.List<Object>> inline = new LinkedHashMap<>();
        for (Rendering layer : layers) {
            String stack = layer.stack();
            for (RecordedResource r : layer.resources()) {
                Map<String, Object> in = r.inputs();
                switch (r.type()) {
                    case "aws:iam/role:Role" -> {
                        String name = text(in, "name");
                        String path = Optional.ofNullable((String) in.get("path")).orElse("/");
                        @SuppressWarnings("unchecked")
                        Map<String, String> tags = (Map<String, String>) in.getOrDefault("tags", Map.of());
                        roles.put(name, new Role(stack, name, "arn:aws:iam::" + account + ":role" + path + name,
                                json(text(in, "assumeRolePolicy")), Optional.ofNullable((String) in.get("permissionsBoundary")).orElse(""),
                                inline.computeIfAbsent(name, k -> new java.util.ArrayList<>()), Map.copyOf(tags)));
                    }
                    case "aws:iam/rolePolicy:RolePolicy" ->
                            inline.computeIfAbsent(text(in, "role"), k -> new java.util.ArrayList<>()).add(json(text(in, "policy")));
                    case "aws:iam/policy:Policy" -> managed.put("arn:aws:iam::" + account + ":policy"
                            + Optional.ofNullable((String) in.get("path")).orElse("/") + text(in, "name"), json(text(in, "policy")));
                    case "aws:s3/bucketPolicy:BucketPolicy" -> buckets.put(text(in, "bucket"), json(text(in, "policy")));
                    case "aws:kms/keyPolicy:KeyPolicy" -> keys.put("arn:aws:kms:" + region + ":" + account + ":key/"
                            + text(in, "keyId"), json(text(in, "policy")));
                    default -> {
                    }
                }
            }
        }
        return new RenderedIam(account, region, roles, managed, buckets, keys);
    }

    Role role(String name) {
        Role role = roles.get(name);
        if (role == null) {
            throw new AssertionError("no role " + name + " rendered; roles: " + roles.keySet());
        }
        return role;
    }

    Object boundary(Role role) {
        if (role.boundaryArn().isEmpty()) {
            return null;
        }
        Object policy = managedPolicies.get(role.boundaryArn());
        if (policy == null) {
            throw new AssertionError("role " + role.name() + " names boundary " + role.boundaryArn() + ", which no stack creates");
        }
        return policy;
    }

    private static String text(Map<String, Object> inputs, String key) {
        Object value = inputs.get(key);
        if (!(value instanceof String s)) {
            throw new AssertionError("input " + key + " is not a string: " + value);
        }
        return s;
    }

    private static Object json(String text) {
        try {
            return Json.mapper().readValue(text, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
