package io.meltanodata.preview;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.StackFile;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

/**
 * Renders a set of stack files ({@code deployments/0N_x/Pulumi.<stack>.yaml}) in layer order,
 * each stack reading its parent's outputs from the stacks rendered before it in the same run.
 * A stack file's layer is the project named by the {@code Pulumi.yaml} beside it.
 */
public final class TopologyPreview {
    /** Stands in for the Pulumi organisation in the fully qualified names of rendered stacks. */
    public static final String ORGANIZATION = "organization";

    /**
     * Stacks rendered at once. Each stack's program runs on the common pool; a few in flight keep both
     * of a 2-core machine's pool threads busy while one stack waits on its own outputs.
     */
    private static final int WORKERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final List<LayerDefinition<?>> layers;
    /** Project directory -> the layer its Pulumi.yaml names: read once, not once per stack file. */
    private final Map<Path, Optional<LayerDefinition<?>>> projects = new ConcurrentHashMap<>();

    public TopologyPreview(List<LayerDefinition<?>> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Every example stack file of every known layer under {@code root/deployments}. */
    public List<Path> exampleStackFiles(Path root) {
        Path deployments = root.resolve("deployments");
        if (!Files.isDirectory(deployments)) {
            throw new UserInputException(root + ": no deployments/ directory here; run from the repository root "
                    + "or pass --root");
        }
        try (Stream<Path> dirs = Files.list(deployments)) {
            List<Path> files = new ArrayList<>();
            for (Path dir : dirs.sorted().toList()) {
                if (layerOfProject(dir).isPresent()) {
                    try (Stream<Path> stacks = Files.list(dir)) {
                        stacks.filter(p -> p.getFileName().toString().matches("Pulumi\\..+\\.yaml")).sorted()
                                .forEach(files::add);
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new UserInputException(deployments + ": cannot list stack files (" + e.getMessage() + ")");
        }
    }

    /**
     * Validates every stack's config first, so a bad value anywhere fails before any stack is
     * rendered (the first bad file in the given order, as one by one); then renders them in layer order.
     * Both steps run the stacks at once: on two cores, reading 327 stack files one by one left a core idle.
     */
    public List<LayerRendering> render(List<Path> stackFiles) {
        record Entry(LayerDefinition.ValidStack<?> stack, Path file) {
        }
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon());
        try {
            List<Future<Entry>> validations = new ArrayList<>();
            for (Path file : stackFiles) {
                validations.add(workers.submit(() -> new Entry(layerOf(file).validate(StackFile.read(file), stackName(file)), file)));
            }
            List<Entry> entries = new ArrayList<>();
            for (Future<Entry> validation : validations) {
                entries.add(outcome(validation));
            }
            entries.sort(Comparator.comparingInt(e -> e.stack().layer().layer().number()));

            Map<String, Map<String, Object>> rendered = new HashMap<>();
            List<LayerRendering> result = new ArrayList<>();
            int from = 0;
            while (from < entries.size()) {
                int layer = entries.get(from).stack().layer().layer().number();
                int to = from;
                while (to < entries.size() && entries.get(to).stack().layer().layer().number() == layer) {
                    to++;
                }
                // The stacks of one layer read only the layers below, all rendered by now: render them at once.
                Map<String, Map<String, Object>> parents = Map.copyOf(rendered);
                List<Future<Rendering>> layerStacks = new ArrayList<>();
                for (Entry entry : entries.subList(from, to)) {
                    layerStacks.add(workers.submit(() -> entry.stack().render(parents)));
                }
                for (int i = from; i < to; i++) {
                    Rendering rendering = outcome(layerStacks.get(i - from));
                    rendered.put(ORGANIZATION + "/" + rendering.project() + "/" + rendering.stack(), rendering.outputs());
                    result.add(new LayerRendering(entries.get(i).stack().layer().layer(), entries.get(i).file(), rendering));
                }
                from = to;
            }
            return result;
        } finally {
            workers.shutdownNow();
        }
    }

    /** A stack's validation or rendering, or its failure as the sequential run would have thrown it. */
    private static <T> T outcome(Future<T> stack) {
        try {
            return stack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "offline-stack");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The layer a stack file belongs to: the one its neighbouring Pulumi.yaml names. */
    public LayerDefinition<?> layerOf(Path stackFile) {
        return layerOfProject(stackFile.toAbsolutePath().getParent()).orElseThrow(() ->
                new UserInputException(stackFile + ": not a layer stack file; expected Pulumi.<stack>.yaml beside a "
                        + "Pulumi.yaml naming one of " + layers.stream().map(LayerDefinition::project).toList()));
    }

    public static String stackName(Path stackFile) {
        String file = stackFile.getFileName().toString();
        return file.substring("Pulumi.".length(), file.length() - ".yaml".length());
    }

    private Optional<LayerDefinition<?>> layerOfProject(Path projectDir) {
        return projects.computeIfAbsent(projectDir, this::readLayerOfProject);
    }

    private Optional<LayerDefinition<?>> readLayerOfProject(Path projectDir) {
        Path pulumiYaml = projectDir.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(pulumiYaml)) {
            return Optional.empty();
        }
        try {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(pulumiYaml));
            Object name = doc instanceof Map<?, ?> m ? m.get("name") : null;
            return layers.stream().filter(l -> l.project().equals(name)).findFirst();
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(pulumiYaml + ": cannot read the project name (" + e.getMessage() + ")");
        }
    }
}
