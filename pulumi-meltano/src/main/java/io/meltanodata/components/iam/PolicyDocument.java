package io.meltanodata.components.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.meltanodata.components.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document (identity, resource, trust, key or bucket policy), rendered to the
 * JSON AWS expects. Pure data: build it inside an {@code Output.applyValue} when ARNs are
 * outputs. {@link #parse(String)} reads one back, for tests and policy checks.
 */
public record PolicyDocument(List<PolicyStatement> statements) {

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public static PolicyDocument of(PolicyStatement... statements) {
        return new PolicyDocument(List.of(statements));
    }

    public PolicyDocument and(PolicyStatement statement) {
        List<PolicyStatement> all = new ArrayList<>(statements);
        all.add(statement);
        return new PolicyDocument(all);
    }

    public String toJson() {
        Map<String, Object> document = new java.util.LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements.stream().map(PolicyStatement::toJsonMap).toList());
        return Json.write(document);
    }

    /**
     * {@link #toJson()}, refusing a document AWS would refuse: a layer fails before it asks AWS to
     * create what {@code limit} does not admit, naming {@code what} and the limit's page.
     */
    public String toJson(io.meltanodata.components.limits.AwsLimit limit, String what) {
        String json = toJson();
        if (!limit.admits(json)) {
            throw new IllegalStateException(limit.breach(what, json));
        }
        return json;
    }

    /** Parses a policy JSON into its statements as maps (Action/Resource normalised to lists). */
    public static List<Map<String, Object>> parse(String json) {
        try {
            Map<String, Object> doc = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
            Object statements = doc.get("Statement");
            List<Map<String, Object>> list = new ArrayList<>();
            for (Object s : statements instanceof List<?> l ? l : List.of(statements)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> st = new java.util.LinkedHashMap<>((Map<String, Object>) s);
                for (String key : List.of("Action", "NotAction", "Resource", "NotResource")) {
                    if (st.get(key) instanceof String one) {
                        st.put(key, List.of(one));
                    }
                }
                list.add(st);
            }
            return list;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy document: " + e.getOriginalMessage(), e);
        }
    }
}
