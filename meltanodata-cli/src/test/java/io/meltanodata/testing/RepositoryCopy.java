package io.meltanodata.testing;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A scratch copy of what {@code meltanodata preview} reads from the repository (every layer's
 * {@code Pulumi*.yaml} and the example Meltano project), for tests that break one file of it.
 */
public final class RepositoryCopy {
    private final Path root;

    private RepositoryCopy(Path root) {
        this.root = root;
    }

    /** Copies {@code deployments/*}/Pulumi*.yaml and {@code examples/meltano-project} from {@code source} into {@code target}. */
    public static RepositoryCopy of(Path source, Path target) {
        try {
            for (Path layer : list(source.resolve("deployments"))) {
                for (Path file : list(layer)) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("Pulumi.") && name.endsWith(".yaml")) {
                        copy(file, target.resolve(source.relativize(file)));
                    }
                }
            }
            Path project = source.resolve("examples/meltano-project");
            try (Stream<Path> files = Files.walk(project)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    copy(file, target.resolve(source.relativize(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RepositoryCopy(target);
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** Sets {@code key} (e.g. {@code meltanodata:groups}) of a stack file's config to a YAML value. */
    public void setConfig(String stackFile, String key, Object value) {
        Map<String, Object> document = loadStackFile(stackFile);
        config(document).put(key, value);
        write(stackFile, dump(document));
    }

    public void removeConfig(String stackFile, String key) {
        Map<String, Object> document = loadStackFile(stackFile);
        config(document).remove(key);
        write(stackFile, dump(document));
    }

    public String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void edit(String relative, UnaryOperator<String> change) {
        String before = read(relative);
        String after = change.apply(before);
        if (after.equals(before)) {
            throw new IllegalArgumentException(relative + ": the edit changed nothing");
        }
        write(relative, after);
    }

    public void write(String relative, String text) {
        write(relative, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void write(String relative, byte[] bytes) {
        try {
            Files.createDirectories(path(relative).getParent());
            Files.write(path(relative), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void move(String from, String to) {
        try {
            Files.move(path(from), path(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String relative) {
        try {
            Files.delete(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> loadStackFile(String stackFile) {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(read(stackFile));
        return new LinkedHashMap<>((Map<String, Object>) document);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> document) {
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) document.get("config"));
        document.put("config", config);
        return config;
    }

    private static String dump(Object document) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(document);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }
}
