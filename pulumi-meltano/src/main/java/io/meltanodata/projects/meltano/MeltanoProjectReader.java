package io.meltanodata.projects.meltano;

import java.util.regex.Pattern;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.Patterns;
import io.meltanodata.components.config.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Meltano project root: {@code meltano.yml} plus every file its {@code include_paths}
 * globs match, merged as Meltano merges them (the lists of environments, schedules, jobs and each
 * plugin type are concatenated), then validated: a name defined twice (in one file or across
 * files), a schedule's unknown job, an invalid interval, a file that is not a project. A schedule
 * naming plugins the project does not define is kept and marked broken (Meltano fails it only when
 * it runs).
 * Every error is one line naming the file (and line, for YAML errors) and the value.
 */
public final class MeltanoProjectReader {
    public static final String PROJECT_FILE = "meltano.yml";
    /** Keys only a project file has; a plugin definition (from Meltano Hub) has none of them. */
    static final Set<String> PROJECT_KEYS = Set.of("version", "plugins", "environments", "schedules", "jobs",
            "default_environment", "project_id", "include_paths", "send_anonymous_usage_stats", "state_backend",
            "requires_meltano", "database_uri", "annotations", "cli", "elt", "venv", "python", "experimental",
            "ff", "env", "hub_url", "hub_api_root", "snowplow", "ui");
    static final Set<String> INCLUDABLE_KEYS = Set.of("plugins", "schedules", "environments", "jobs");
    static final Set<String> TRANSFORM_MODES = Set.of("run", "skip", "only");

    private final Path root;
    private final List<MeltanoEnvironment> environments = new ArrayList<>();
    private final List<Schedule> schedules = new ArrayList<>();
    private final List<Job> jobs = new ArrayList<>();
    private final Map<PluginType, List<Plugin>> plugins = new EnumMap<>(PluginType.class);
    private final Map<String, String> definedIn = new LinkedHashMap<>();

    private MeltanoProjectReader(Path root) {
        this.root = root;
    }

    public static MeltanoProject read(Path root) {
        return new MeltanoProjectReader(root).readProject();
    }

    private MeltanoProject readProject() {
        Path projectFile = root.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(projectFile)) {
            throw new UserInputException(root + ": no " + PROJECT_FILE + " here; expected a Meltano project root");
        }
        Map<String, Object> main = mapping(Yaml.read(projectFile, PROJECT_FILE), PROJECT_FILE);
        rejectPluginDefinition(main);

        List<String> included = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        seen.add(projectFile.toAbsolutePath().normalize());
        List<Map.Entry<String, Map<String, Object>>> files = new ArrayList<>();
        files.add(Map.entry(PROJECT_FILE, main));
        for (String pattern : stringList(main.get("include_paths"), PROJECT_FILE, "include_paths")) {
            for (Path file : IncludeGlob.resolve(root, pattern, PROJECT_FILE)) {
                if (seen.add(file.toAbsolutePath().normalize())) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    included.add(name);
                    Map<String, Object> content = mapping(Yaml.read(file, name), name);
                    for (String key : content.keySet()) {
                        if (!INCLUDABLE_KEYS.contains(key)) {
                            throw new UserInputException(name + ": key '" + key + "' cannot be set in an included file; "
                                    + "allowed: " + String.join(", ", INCLUDABLE_KEYS.stream().sorted().toList()));
                        }
                    }
                    files.add(Map.entry(name, content));
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> file : files) {
            readEnvironments(file.getKey(), file.getValue().get("environments"));
            readJobs(file.getKey(), file.getValue().get("jobs"));
            readPlugins(file.getKey(), file.getValue().get("plugins"));
        }
        for (Map.Entry<String, Map<String, Object>> file : files) {
            readSchedules(file.getKey(), file.getValue().get("schedules"));
        }
        Optional<String> defaultEnvironment = optionalString(main.get("default_environment"), PROJECT_FILE, "default_environment");
        defaultEnvironment.ifPresent(name -> {
            if (environments.stream().noneMatch(e -> e.name().equals(name)) && !environments.isEmpty()) {
                throw new UserInputException(PROJECT_FILE + ": default_environment '" + ConfigReader.printable(name)
                        + "' is not defined; environments: " + environments.stream().map(MeltanoEnvironment::name).toList());
            }
        });
        Map<PluginType, List<Plugin>> frozen = new EnumMap<>(PluginType.class);
        plugins.forEach((type, list) -> frozen.put(type, List.copyOf(list)));
        return new MeltanoProject(root, included.stream().sorted().toList(), environments, defaultEnvironment,
                schedules, jobs, frozen, stateBackendUri(main.get("state_backend")));
    }

    private void rejectPluginDefinition(Map<String, Object> main) {
        boolean project = main.keySet().stream().anyMatch(PROJECT_KEYS::contains);
        boolean pluginLike = main.containsKey("name") || main.containsKey("namespace") || main.containsKey("pip_url");
        if (!project && (pluginLike || !main.isEmpty())) {
            throw new UserInputException(PROJECT_FILE + ": not a Meltano project file (top-level keys "
                    + main.keySet().stream().limit(5).toList() + " look like a plugin definition); a project's "
                    + PROJECT_FILE + " has keys such as plugins, environments, schedules, jobs or default_environment");
        }
    }

    private void readEnvironments(String file, Object value) {
        for (Map<String, Object> env : entries(value, file, "environments")) {
            String name = name(env, file, "environments");
            define("environment", name, file);
            Map<String, String> variables = new LinkedHashMap<>();
            if (env.get("env") instanceof Map<?, ?> vars) {
                vars.forEach((k, v) -> variables.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            }
            environments.add(new MeltanoEnvironment(name, variables,
                    optionalString(env.get("state_id_suffix"), file, "environments." + name + ".state_id_suffix"), file));
        }
    }

    private void readJobs(String file, Object value) {
        for (Map<String, Object> job : entries(value, file, "jobs")) {
            String name = name(job, file, "jobs");
            define("job", name, file);
            jobs.add(new Job(name, tasks(job.get("tasks"), file, name), file));
        }
    }

    private static List<String> tasks(Object tasks, String file, String job) {
        List<String> out = new ArrayList<>();
        if (tasks instanceof String s) {
            out.add(s.trim());
        } else if (tasks instanceof List<?> list) {
            for (Object task : list) {
                if (task instanceof String s) {
                    out.add(s.trim());
                } else if (task instanceof List<?> block) {
                    out.add(String.join(" ", block.stream().map(String::valueOf).toList()));
                } else {
                    throw new UserInputException(file + ": job '" + job + "' has a task that is not a string or a list");
                }
            }
        } else {
            throw new UserInputException(file + ": job '" + job + "' needs tasks: a string or a list of tasks");
        }
        return out;
    }

    private void readPlugins(String file, Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> byType)) {
            throw new UserInputException(file + ": 'plugins' must map plugin types to lists of plugins");
        }
        for (Map.Entry<?, ?> entry : byType.entrySet()) {
            String key = String.valueOf(entry.getKey());
            PluginType type = PluginType.of(key).orElseThrow(() -> new UserInputException(file + ": plugin type '"
                    + key + "' is unknown; allowed: " + java.util.Arrays.stream(PluginType.values()).map(PluginType::key).toList()));
            for (Map<String, Object> plugin : entries(entry.getValue(), file, "plugins." + key)) {
                String name = name(plugin, file, "plugins." + key);
                define(type.key() + " plugin", name, file);
                List<String> commands = plugin.get("commands") instanceof Map<?, ?> c
                        ? c.keySet().stream().map(String::valueOf).toList() : List.of();
                plugins.computeIfAbsent(type, t -> new ArrayList<>()).add(new Plugin(type, name,
                        optionalString(plugin.get("variant"), file, name + ".variant"),
                        optionalString(plugin.get("inherit_from"), file, name + ".inherit_from"),
                        optionalString(plugin.get("namespace"), file, name + ".namespace"), commands, file,
                        optionalString(plugin.get("pip_url"), file, name + ".pip_url")));
            }
        }
    }

    private void readSchedules(String file, Object value) {
        for (Map<String, Object> s : entries(value, file, "schedules")) {
            String name = name(s, file, "schedules");
            define("schedule", name, file);
            Object rawInterval = s.get("interval");
            String spelling = rawInterval == null ? "" : String.valueOf(rawInterval);
            Interval interval = Interval.parse(spelling).orElseThrow(() -> new UserInputException(file + ": schedule '"
                    + name + "' has interval '" + ConfigReader.printable(spelling) + "'; allowed: " + Interval.ALLOWED));
            Optional<String> job = optionalString(s.get("job"), file, "schedule " + name + ".job");
            Optional<String> extractor = optionalString(s.get("extractor"), file, "schedule " + name + ".extractor");
            Optional<String> loader = optionalString(s.get("loader"), file, "schedule " + name + ".loader");
            Optional<String> transform = optionalString(s.get("transform"), file, "schedule " + name + ".transform");
            if (job.isPresent()) {
                if (jobs.stream().noneMatch(j -> j.name().equals(job.get()))) {
                    throw new UserInputException(file + ": schedule '" + name + "' runs job '" + ConfigReader.printable(job.get())
                            + "', which is not defined; jobs: " + jobs.stream().map(Job::name).toList());
                }
            } else {
                if (extractor.isEmpty() || loader.isEmpty()) {
                    throw new UserInputException(file + ": schedule '" + name
                            + "' needs either a job or an extractor and a loader");
                }
                transform.filter(t -> !TRANSFORM_MODES.contains(t)).ifPresent(t -> {
                    throw new UserInputException(file + ": schedule '" + name + "' has transform '" + ConfigReader.printable(t)
                            + "'; allowed: run, skip, only");
                });
            }
            Optional<String> broken = job.isPresent() ? Optional.empty()
                    : missingPlugins(Map.of(PluginType.EXTRACTORS, extractor.get(), PluginType.LOADERS, loader.get()));
            schedules.add(new Schedule(name, interval, job, extractor, loader, transform, broken, file));
        }
    }

    /**
     * Why a schedule cannot run, if it names plugins the project does not define. Meltano loads such
     * a project and fails only when the schedule runs, so the reader keeps the schedule, marked.
     */
    private Optional<String> missingPlugins(Map<PluginType, String> named) {
        List<String> missing = new ArrayList<>();
        for (PluginType type : List.of(PluginType.EXTRACTORS, PluginType.LOADERS)) {
            String name = named.get(type);
            if (plugins.getOrDefault(type, List.of()).stream().noneMatch(p -> p.name().equals(name))) {
                missing.add(type.key().replaceAll("s$", "") + " '" + ConfigReader.printable(name) + "'");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("it names " + String.join(" and ", missing)
                + ", which " + PROJECT_FILE + " does not define");
    }

    private void define(String kind, String name, String file) {
        String previous = definedIn.putIfAbsent(kind + " " + name, file);
        if (previous != null) {
            throw new UserInputException(file + ": " + kind + " '" + name + "' is defined twice"
                    + (previous.equals(file) ? " in this file" : " (also in " + previous + ")"));
        }
    }

    private static Optional<String> stateBackendUri(Object value) {
        if (value instanceof Map<?, ?> backend && backend.get("uri") != null) {
            return Optional.of(String.valueOf(backend.get("uri")));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object document, String file) {
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new UserInputException(file + ": a Meltano project file is a mapping of keys, not a "
                    + (document instanceof List ? "list" : "scalar"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object value, String file, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new UserInputException(file + ": '" + key + "' must be a list");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw new UserInputException(file + ": every entry of '" + key + "' must be a mapping with a name");
            }
            out.add((Map<String, Object>) item);
        }
        return out;
    }

    private static String name(Map<String, Object> entry, String file, String key) {
        Object name = entry.get("name");
        if (!(name instanceof String s) || s.isBlank()) {
            throw new UserInputException(file + ": an entry of '" + key + "' has no name");
        }
        Pattern allowed = key.equals("environments") ? Patterns.MELTANO_ENVIRONMENT : Patterns.MELTANO_NAME;
        if (!allowed.matcher(s).matches()) {
            String kind = key.startsWith("plugins.") ? "plugin" : key.substring(0, key.length() - 1);
            throw new UserInputException(file + ": " + kind + " name '" + ConfigReader.printable(s) + "' is not allowed; "
                    + "expected up to " + (allowed == Patterns.MELTANO_NAME ? 128 : 63) + " letters, digits, '_', '.' and '-', starting "
                    + "with a letter or digit (it becomes part of Kubernetes and AWS names)");
        }
        return s;
    }

    private static Optional<String> optionalString(Object value, String file, String key) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw new UserInputException(file + ": '" + key + "' must be a single value");
        }
        return Optional.of(String.valueOf(value));
    }

    private static List<String> stringList(Object value, String file, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new UserInputException(file + ": '" + key + "' must be a list of globs");
        }
        return list.stream().map(String::valueOf).toList();
    }
}
