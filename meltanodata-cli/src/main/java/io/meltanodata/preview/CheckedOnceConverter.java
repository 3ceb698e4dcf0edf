package io.meltanodata.preview;

import com.pulumi.Log;
import com.pulumi.core.TypeShape;
import com.pulumi.serialization.internal.Converter;
import com.pulumi.serialization.internal.Deserializer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's converter of output values, checking each output type once per JVM. Before every value it
 * converts, the SDK checks that the target type can be built ({@code Converter.checkTargetType}: the
 * type's annotated constructor, its parameters' annotations and generic signatures, by reflection, each
 * time): about a twentieth of a fleet preview's CPU. Whether a type can be built does not change while
 * the JVM runs, so a type that passed is not checked again; one that fails is, every time.
 */
final class CheckedOnceConverter extends Converter {
    private static final Set<Shape> PASSED = ConcurrentHashMap.newKeySet();

    /** A {@link TypeShape} as a value: the SDK's has no equality of its own. */
    private record Shape(Class<?> type, List<Shape> parameters) {
        static Shape of(TypeShape<?> shape) {
            return new Shape(shape.getType(), shape.getParameters().stream().<Shape>map(Shape::of).toList());
        }
    }

    CheckedOnceConverter(Log log, Deserializer deserializer) {
        super(log, deserializer);
    }

    @Override
    public void checkTargetType(String context, TypeShape<?> targetType) {
        Shape shape = Shape.of(targetType);
        if (!PASSED.contains(shape)) {
            super.checkTargetType(context, targetType);
            PASSED.add(shape);
        }
    }
}
