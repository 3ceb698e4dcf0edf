package io.meltanodata.components;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.PulumiEnvironmentConfig;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The whole of a deployment's {@code App.main}: read and validate the stack's config into the
 * layer's typed config record, then run the layer's program. Config errors end the run before
 * any resource is registered, as one line without a stack trace ({@link UserInputException} is
 * the Pulumi {@code RunException} the SDK prints as its message alone).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     LayerApp.run(ServiceFabricConfig::load, ServiceFabricProgram::run);
 * }
 * }</pre>
 */
public final class LayerApp {

    private LayerApp() {
    }

    /**
     * @param loadConfig builds the typed config from the stack config and the stack name
     * @param program    registers the layer's resources and exports its outputs
     */
    public static <C> void run(BiFunction<ConfigSource, String, C> loadConfig, BiConsumer<Context, C> program) {
        CommonPool.sizeForTheSdk();
        Pulumi.run(ctx -> {
            ConfigSource config = PulumiEnvironmentConfig.read("Pulumi." + ctx.stackName() + ".yaml");
            program.accept(ctx, loadConfig.apply(config, ctx.stackName()));
        });
    }
}
