package io.meltanodata.preview;

import com.google.common.collect.ImmutableSet;
import com.google.protobuf.Value;
import com.pulumi.Log;
import com.pulumi.core.TypeShape;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.serialization.internal.Converter;
import com.pulumi.serialization.internal.Deserializer;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The converter's check of output types, once per type: a type that passed converts as under the SDK's
 * converter however often it is used; one that cannot be built is refused every time, with the SDK's message.
 * (That the example's stacks render the same with it is {@link QuietDeploymentTest}'s.)
 */
class CheckedOnceConverterTest {
    private final Converter sdk = new Converter(Log.ignore(), new Deserializer(Log.ignore()));
    private final Converter once = new CheckedOnceConverter(Log.ignore(), new Deserializer(Log.ignore()));

    @Test
    void aTypeThatPassedConvertsAsUnderTheSdkEveryTime() {
        Value meta = Value.newBuilder().setStructValue(com.google.protobuf.Struct.newBuilder()
                .putFields("name", Value.newBuilder().setStringValue("site-acme").build())
                .putFields("labels", Value.newBuilder().setStructValue(com.google.protobuf.Struct.newBuilder()
                        .putFields("meltanodata.io/site", Value.newBuilder().setStringValue("acme").build())).build())
                .build()).build();
        TypeShape<ObjectMeta> shape = TypeShape.of(ObjectMeta.class);
        ObjectMeta expected = sdk.convertValue("meta", meta, shape, ImmutableSet.of()).getValueNullable();
        for (int i = 0; i < 3; i++) {
            ObjectMeta converted = once.convertValue("meta", meta, shape, ImmutableSet.of()).getValueNullable();
            assertEquals(expected.name(), converted.name());
            assertEquals(expected.labels(), converted.labels());
        }
    }

    @Test
    void aTypeThatCannotBeBuiltIsRefusedEveryTime() {
        String message = assertThrows(UnsupportedOperationException.class,
                () -> sdk.checkTargetType("file", TypeShape.of(File.class))).getMessage();
        for (int i = 0; i < 2; i++) {
            assertEquals(message, assertThrows(UnsupportedOperationException.class,
                    () -> once.checkTargetType("file", TypeShape.of(File.class))).getMessage());
        }
    }
}
