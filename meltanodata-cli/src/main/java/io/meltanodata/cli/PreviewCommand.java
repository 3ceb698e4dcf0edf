package io.meltanodata.cli;

import io.meltanodata.preview.JsonFormat;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.MermaidFormat;
import io.meltanodata.preview.TextTreeFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code meltanodata preview}: what the layers would create, offline. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {
                "Evaluates the real layer programs in-process under Pulumi mocks (no AWS account, no Pulumi CLI)",
                "and prints every resource they would create. Without STACK_FILE arguments it renders the",
                "bundled example: every deployments/0N_*/Pulumi.<stack>.yaml. Parent-layer outputs come from",
                "the stacks of the layer below rendered in the same run."
        })
final class PreviewCommand implements Callable<Integer> {
    enum Format { text, json, mermaid }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text, json or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    StackSelection stacks;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Consumer<String> out = output.sink(spec.commandLine().getOut());
        List<LayerRendering> renderings = stacks.render();
        String text = switch (format) {
            case text -> TextTreeFormat.format(renderings);
            case json -> JsonFormat.format(renderings);
            case mermaid -> MermaidFormat.format(renderings);
        };
        out.accept(text);
        return ExitCodes.OK;
    }
}
