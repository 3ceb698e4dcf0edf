package io.meltanodata.real.awsfake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation the recording provider carried out: {@code op} is create, update or delete;
 * {@code inputs} are what the engine sent, {@code outputs} the state it got back (for a delete,
 * the state that was deleted).
 */
public record AwsRecord(String op, String type, String urn, String id,
                        Map<String, Object> inputs, Map<String, Object> outputs) {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    public AwsRecord {
        // Not Map.copyOf: property maps may hold nulls.
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The resource's logical name, the last part of its URN. */
    public String name() {
        return Urn.name(urn);
    }
}
