package io.meltanodata.projects.meltano;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code meltanodata inspect} prints: the reader's model as JSON-ready maps, or as text. */
public final class ProjectSummary {

    private ProjectSummary() {
    }

    public static Map<String, Object> json(MeltanoProject project) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environments", project.environments().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("stateIdSuffix", e.stateIdSuffix().orElse(null));
            m.put("env", e.env());
            m.put("file", e.file());
            return m;
        }).toList());
        out.put("defaultEnvironment", project.defaultEnvironment().orElse(null));
        out.put("schedules", project.schedules().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("interval", s.interval().spelling());
            m.put("cron", s.interval().cron().orElse(null));
            m.put("manual", s.interval().isManual());
            m.put("runsPerMonth", Math.round(s.interval().runsPerMonth() * 10) / 10.0);
            s.job().ifPresent(j -> m.put("job", j));
            s.extractor().ifPresent(x -> m.put("extractor", x));
            s.loader().ifPresent(x -> m.put("loader", x));
            s.transform().ifPresent(x -> m.put("transform", x));
            m.put("broken", s.broken().orElse(null));
            m.put("file", s.file());
            return m;
        }).toList());
        out.put("jobs", project.jobs().stream().map(j -> Map.of("name", j.name(), "tasks", j.tasks())).toList());
        Map<String, Object> plugins = new LinkedHashMap<>();
        for (PluginType type : PluginType.values()) {
            List<Plugin> list = project.plugins().getOrDefault(type, List.of());
            if (!list.isEmpty()) {
                plugins.put(type.key(), list.stream().map(p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", p.name());
                    m.put("variant", p.variant().orElse(null));
                    m.put("inheritFrom", p.inheritFrom().orElse(null));
                    m.put("commands", p.commands());
                    return m;
                }).toList());
            }
        }
        out.put("plugins", plugins);
        out.put("includedFiles", project.includedFiles());
        out.put("stateBackend", project.stateBackendUri().orElse(null));
        return out;
    }

    public static String text(MeltanoProject project) {
        StringBuilder out = new StringBuilder();
        out.append("Meltano project ").append(project.root()).append('\n');
        out.append("  included files: ").append(project.includedFiles().isEmpty() ? "none" : String.join(", ", project.includedFiles())).append('\n');
        out.append("  default environment: ").append(project.defaultEnvironment().orElse("none")).append('\n');
        out.append("  environments (").append(project.environments().size()).append("): ");
        out.append(String.join(", ", project.environments().stream().map(e -> e.name()
                + e.stateIdSuffix().map(s -> " [state_id_suffix " + s + "]").orElse("")).toList())).append('\n');
        out.append("  schedules (").append(project.schedules().size()).append("):\n");
        for (Schedule s : project.schedules()) {
            out.append(String.format("    %-32s %-14s %s%n", s.name(), s.interval().cron().orElse("manual"),
                    s.job().map(j -> "job " + j).orElseGet(() -> "elt " + s.extractor().orElse("?") + " -> "
                            + s.loader().orElse("?") + s.transform().map(t -> " (transform " + t + ")").orElse(""))
                            + s.broken().map(reason -> "  BROKEN: " + reason).orElse("")));
        }
        out.append("  jobs (").append(project.jobs().size()).append("): ")
                .append(String.join(", ", project.jobs().stream().map(Job::name).toList())).append('\n');
        for (PluginType type : PluginType.values()) {
            List<Plugin> list = project.plugins().getOrDefault(type, List.of());
            if (!list.isEmpty()) {
                out.append("  ").append(type.key()).append(" (").append(list.size()).append("): ")
                        .append(String.join(", ", list.stream().map(p -> p.name() + p.variant().map(v -> " (" + v + ")").orElse("")).toList()))
                        .append('\n');
            }
        }
        project.stateBackendUri().ifPresent(uri -> out.append("  state backend: ").append(uri).append('\n'));
        return out.toString();
    }
}
