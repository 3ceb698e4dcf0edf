package io.meltanodata.components.chargeback;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceTransformation;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the charge-back tags into the {@code tags} input of every AWS resource and the
 * charge-back labels into {@code metadata.labels} of every Kubernetes object (and into the pod
 * templates of workloads, so pods are attributed too), for every resource created under the
 * component that carries it.
 *
 * <p>It works on the generated Args classes by reflection because Pulumi Java has no generic
 * property bag for inputs. Provider {@code defaultTags} are not enough on their own: they are
 * invisible to mocks and to the offline preview. Charge-back values win over any value a
 * resource sets for the same key.
 */
public final class ChargeBackTransformation implements ResourceTransformation {
    private static final List<String> POD_TEMPLATE_PATH = List.of("spec", "template", "jobTemplate");

    /**
     * Each args class's own {@code Output} fields by name, read once per class: every resource of a
     * layer passes through here, most of them with none of the names asked for.
     */
    private static final ClassValue<Map<String, Field>> OUTPUT_FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> fields = new HashMap<>();
            for (Field f : type.getDeclaredFields()) {
                if (f.getType() == Output.class) {
                    f.setAccessible(true);
                    fields.put(f.getName(), f);
                }
            }
            return Map.copyOf(fields);
        }
    };

    private final ChargeBack chargeBack;

    public ChargeBackTransformation(ChargeBack chargeBack) {
        this.chargeBack = chargeBack;
    }

    @Override
    public Optional<Result> apply(Args args) {
        ResourceArgs resourceArgs = args.args();
        if (resourceArgs == null) {
            return Optional.empty();
        }
        boolean changed = mergeMap(resourceArgs, "tags", chargeBack.tags());
        changed |= labelMetadata(resourceArgs, 0);
        return changed ? Optional.of(new Result(resourceArgs, args.options())) : Optional.empty();
    }

    /** True when this Args class has a {@code tags} map input, i.e. the resource is taggable. */
    public static boolean isTaggable(Class<?> argsClass) {
        return mapField(argsClass, "tags").isPresent();
    }

    private boolean labelMetadata(Object args, int depth) {
        boolean changed = false;
        Optional<Field> metadata = field(args.getClass(), "metadata");
        if (metadata.isPresent()) {
            changed = rewriteNested(args, metadata.get(), meta -> mergeMap(meta, "labels", chargeBack.labels()));
        }
        if (depth < 4) {
            for (String name : POD_TEMPLATE_PATH) {
                Optional<Field> nested = field(args.getClass(), name);
                if (nested.isPresent()) {
                    changed |= rewriteNested(args, nested.get(), inner -> labelMetadata(inner, depth + 1));
                }
            }
        }
        return changed;
    }

    /** Replaces {@code Output<X> field} with {@code field.applyValue(x -> {edit x; return x;})}. */
    private static boolean rewriteNested(Object owner, Field field, java.util.function.Predicate<Object> edit) {
        if (!ResourceArgs.class.isAssignableFrom(outputValueClass(field))) {
            return false;
        }
        Output<Object> current = read(owner, field);
        if (current == null) {
            return false;
        }
        write(owner, field, current.applyValue(value -> {
            if (value != null) {
                edit.test(value);
            }
            return value;
        }));
        return true;
    }

    private static boolean mergeMap(Object owner, String name, Map<String, String> extra) {
        Optional<Field> field = mapField(owner.getClass(), name);
        if (field.isEmpty()) {
            return false;
        }
        Output<Map<String, String>> current = read(owner, field.get());
        Output<Map<String, String>> merged = current == null
                ? Output.of(extra)
                : current.applyValue(existing -> {
                    Map<String, String> all = new LinkedHashMap<>(existing == null ? Map.of() : existing);
                    all.putAll(extra);
                    return Map.copyOf(all);
                });
        write(owner, field.get(), merged);
        return true;
    }

    private static Optional<Field> mapField(Class<?> type, String name) {
        return field(type, name).filter(f -> {
            Type arg = outputTypeArgument(f);
            return arg instanceof ParameterizedType p && p.getRawType() == Map.class
                    && p.getActualTypeArguments()[1] == String.class;
        });
    }

    private static Optional<Field> field(Class<?> type, String name) {
        return Optional.ofNullable(OUTPUT_FIELDS.get(type).get(name));
    }

    private static Type outputTypeArgument(Field f) {
        return f.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> outputValueClass(Field f) {
        Type arg = outputTypeArgument(f);
        if (arg instanceof Class<?> c) {
            return c;
        }
        return arg instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : Object.class;
    }

    @SuppressWarnings("unchecked")
    private static <T> Output<T> read(Object owner, Field field) {
        try {
            return (Output<T>) field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void write(Object owner, Field field, Output<?> value) {
        try {
            field.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write " + field, e);
        }
    }
}
