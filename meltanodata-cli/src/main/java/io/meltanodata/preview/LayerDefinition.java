package io.meltanodata.preview;

import com.pulumi.Context;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.config.ConfigSource;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * One layer as the offline preview evaluates it: its Pulumi project name, how its typed config
 * is loaded from stack config, and its program (the same two functions the deployment's
 * {@code App} passes to {@code LayerApp.run}).
 */
public record LayerDefinition<C>(Layer layer, String project, BiFunction<ConfigSource, String, C> loadConfig,
                                 BiConsumer<Context, C> program) {
    static final String DEFAULT_REGION = "us-east-1";

    /** One stack whose config passed validation, ready to render. */
    public record ValidStack<C>(LayerDefinition<C> layer, String stack, String region, C config) {
        public Rendering render(Map<String, Map<String, Object>> parentOutputs) {
            return OfflineStack.render(new OfflineStack.Spec(layer.project(), stack, region, parentOutputs),
                    ctx -> layer.program().accept(ctx, config));
        }
    }

    /** Reads and validates a stack's config; nothing is rendered, so a bad value registers nothing. */
    public ValidStack<C> validate(ConfigSource config, String stack) {
        return new ValidStack<>(this, stack, region(config), loadConfig.apply(config, stack));
    }

    /**
     * Runs the stack the way {@code pulumi up} runs the deployment ({@code LayerApp}): the config
     * is read inside the program, and the attempt reports what was registered before any failure.
     */
    public OfflineStack.Attempt attempt(ConfigSource config, String stack, Map<String, Map<String, Object>> parentOutputs) {
        return OfflineStack.attempt(new OfflineStack.Spec(project, stack, region(config), parentOutputs),
                ctx -> program.accept(ctx, loadConfig.apply(config, stack)));
    }

    private static String region(ConfigSource config) {
        return config.get("aws:region").orElse(DEFAULT_REGION);
    }
}
