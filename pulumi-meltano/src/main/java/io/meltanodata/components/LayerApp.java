package io.meltanodata.components;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.PulumiEnvironmentConfig;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

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
        Pulumi.run(stack(loadConfig, program));
    }

    /** What {@link #run} hands to {@code Pulumi.run}: the config read and validated, then the program. */
    static <C> Consumer<Context> stack(BiFunction<ConfigSource, String, C> loadConfig, BiConsumer<Context, C> program) {
        return ctx -> {
            C config = loadConfig.apply(PulumiEnvironmentConfig.read("Pulumi." + ctx.stackName() + ".yaml"), ctx.stackName());
            startAwsProvider();
            program.accept(ctx, config);
        };
    }

    /**
     * The engine starts a provider when a program first needs it, and every layer spends its first
     * seconds loading classes and building components before its first AWS resource: the provider's
     * start (and, against AWS, its credential check) then waits for that. Asking for the partition,
     * which the provider answers from its own settings without calling AWS, lets the engine start
     * and configure the AWS provider while the layer gets ready (issue 26: 1.2-1.9 s of a 10 s
     * {@code pulumi preview}). After the config is valid, so a bad value still fails before anything starts.
     */
    private static void startAwsProvider() {
        AwsFunctions.getPartition();
    }
}
