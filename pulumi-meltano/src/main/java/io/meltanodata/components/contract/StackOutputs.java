package io.meltanodata.components.contract;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;

/** Exports and reads back the outputs named by a layer's contract. */
public final class StackOutputs {

    private StackOutputs() {
    }

    public static <T> void export(Context ctx, OutputKey<T> key, Output<T> value) {
        ctx.export(key.name(), key.secret() ? value.asSecret() : value);
    }

    public static <T> Output<T> read(StackReference parent, OutputKey<T> key) {
        return parent.requireOutput(key.name()).applyValue(key.decode()::apply);
    }
}
