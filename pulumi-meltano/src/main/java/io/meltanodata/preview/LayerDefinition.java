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

    /** Validates the config (no resource is registered when it is bad), then renders under mocks. */
    public Rendering render(ConfigSource config, String stack, Map<String, Map<String, Object>> parentOutputs) {
        C typed = loadConfig.apply(config, stack);
        String region = config.get("aws:region").orElse(DEFAULT_REGION);
        return OfflineStack.render(new OfflineStack.Spec(project, stack, region, parentOutputs),
                ctx -> program.accept(ctx, typed));
    }
}
