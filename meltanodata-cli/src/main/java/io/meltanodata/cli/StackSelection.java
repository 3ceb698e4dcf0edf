package io.meltanodata.cli;

import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.Layers;
import io.meltanodata.preview.TopologyPreview;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/**
 * The stacks {@code preview}, {@code check} and {@code cost} render: the STACK_FILE arguments, or
 * every example stack under {@code --root}'s {@code deployments/}.
 */
final class StackSelection {
    @Parameters(arity = "0..*", paramLabel = "STACK_FILE",
            description = "Pulumi.<stack>.yaml files (each beside its layer's Pulumi.yaml); default: every "
                    + "deployments/0N_*/Pulumi.<stack>.yaml of the bundled example.")
    List<Path> stackFiles = List.of();

    @Option(names = "--root", description = "Repository root holding deployments/ (default: $MELTANODATA_HOME or the current directory).")
    Path root;

    /** Renders the selected stacks offline, in layer order, each reading its parents' outputs. */
    List<LayerRendering> render() {
        TopologyPreview preview = new TopologyPreview(Layers.all());
        return preview.render(stackFiles.isEmpty() ? preview.exampleStackFiles(repositoryRoot(root)) : stackFiles);
    }

    static Path repositoryRoot(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String home = System.getenv("MELTANODATA_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }
}
