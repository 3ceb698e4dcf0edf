package io.meltanodata.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each charge-back key stands as a cost allocation tag, from Cost Explorer's
 * ListCostAllocationTags answer (AWS Billing and Cost Management API Reference,
 * "ListCostAllocationTags"): {@code Active}; {@code Inactive}, seen in billing data and so ready to
 * activate; or absent, never seen yet, which AWS refuses to activate (a key appears up to 24 hours
 * after it is first applied; AWS Billing User Guide, "Activating user-defined cost allocation tags").
 * {@code others}: keys AWS lists that name MeltanoData but are none of ours (how AWS spelled an
 * imported pod label, if not as the label's own key).
 */
public record TagActivation(Map<String, State> keys, List<String> others) {
    public enum State { ACTIVE, READY, UNSEEN }

    /** The answer of {@code aws ce list-cost-allocation-tags --tag-keys ... --output json} for {@code wanted}. */
    public static TagActivation of(List<String> wanted, String listCostAllocationTagsJson) {
        JsonNode tags;
        try {
            tags = new ObjectMapper().readTree(listCostAllocationTagsJson).path("CostAllocationTags");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a ListCostAllocationTags answer: " + e.getMessage(), e);
        }
        Map<String, State> keys = new LinkedHashMap<>();
        wanted.forEach(k -> keys.put(k, State.UNSEEN));
        List<String> others = new ArrayList<>();
        for (JsonNode tag : tags) {
            String key = tag.path("TagKey").asText();
            if (keys.containsKey(key)) {
                keys.put(key, "Active".equals(tag.path("Status").asText()) ? State.ACTIVE : State.READY);
            } else if (key.toLowerCase(java.util.Locale.ROOT).contains("meltanodata")) {
                others.add(key);
            }
        }
        return new TagActivation(Map.copyOf(keys), List.copyOf(others));
    }

    public List<String> in(State state, List<String> order) {
        return order.stream().filter(k -> keys.get(k) == state).toList();
    }

    public boolean allActive() {
        return keys.values().stream().allMatch(s -> s == State.ACTIVE);
    }

    /** What to put in the paying fabric's stack file now: every key AWS will activate. */
    public List<String> activatable(List<String> order) {
        List<String> out = new ArrayList<>(in(State.ACTIVE, order));
        out.addAll(in(State.READY, order));
        return order.stream().filter(out::contains).toList();
    }
}
