package io.meltanodata.preview;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything one stack's program registered under mocks: its resources and stack outputs, and
 * which outputs are secret (to be masked when shown).
 */
public record Rendering(String project, String stack, List<RecordedResource> resources, Map<String, Object> outputs,
                        Set<String> secretOutputs) {

    public List<RecordedResource> ofType(String typeToken) {
        return resources.stream().filter(r -> r.type().equals(typeToken)).toList();
    }

    public List<RecordedResource> where(Predicate<RecordedResource> filter) {
        return resources.stream().filter(filter).toList();
    }
}
