package io.meltanodata.preview;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource as a layer program registered it: what {@code pulumi preview} would show and a
 * reviewer would check.
 *
 * @param type           the Pulumi type token, e.g. {@code aws:eks/cluster:Cluster}
 * @param name           the logical name
 * @param inputs         the inputs as sent to the provider (after transformations)
 * @param parent         the logical name of the parent resource; empty for the stack's children
 * @param protect        whether {@code protect} is set
 * @param retainOnDelete whether {@code retainOnDelete} is set
 * @param argsClass      the generated Args class, to tell e.g. whether the resource is taggable
 * @param dependsOn      the logical names of the resources its {@code dependsOn} option names
 * @param ignoreChanges  the inputs its {@code ignoreChanges} option names
 */
public record RecordedResource(String type, String name, Map<String, Object> inputs, Optional<String> parent,
                               boolean protect, boolean retainOnDelete, Optional<Class<?>> argsClass,
                               List<String> dependsOn, List<String> ignoreChanges) {

    public RecordedResource {
        dependsOn = List.copyOf(dependsOn);
        ignoreChanges = List.copyOf(ignoreChanges);
    }

    /** A resource without {@code dependsOn} or {@code ignoreChanges}. */
    public RecordedResource(String type, String name, Map<String, Object> inputs, Optional<String> parent,
                            boolean protect, boolean retainOnDelete, Optional<Class<?>> argsClass) {
        this(type, name, inputs, parent, protect, retainOnDelete, argsClass, List.of(), List.of());
    }

    public static final String STACK_TYPE = "pulumi:pulumi:Stack";

    /** Components and the stack itself group resources; they create nothing in the cloud. */
    public boolean isComponent() {
        return type.startsWith("meltanodata:") || type.equals(STACK_TYPE);
    }
}
