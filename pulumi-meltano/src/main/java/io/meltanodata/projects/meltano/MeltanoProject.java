package io.meltanodata.projects.meltano;

import io.meltanodata.projects.rules.ProjectDeclarations;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A Meltano project as Meltano reads it: the root meltano.yml merged with its included files. */
public record MeltanoProject(Path root, List<String> includedFiles, List<MeltanoEnvironment> environments,
                             Optional<String> defaultEnvironment, List<Schedule> schedules, List<Job> jobs,
                             Map<PluginType, List<Plugin>> plugins, Optional<String> stateBackendUri) {
    public MeltanoProject {
        includedFiles = List.copyOf(includedFiles);
        environments = List.copyOf(environments);
        schedules = List.copyOf(schedules);
        jobs = List.copyOf(jobs);
        plugins = Map.copyOf(plugins);
    }

    public Set<String> environmentNames() {
        return names(environments.stream().map(MeltanoEnvironment::name).toList());
    }

    public Set<String> scheduleNames() {
        return names(schedules.stream().map(Schedule::name).toList());
    }

    /** {@code <plugin>:<command>} for every plugin command: what can run as a long-lived service. */
    public Set<String> serviceNames() {
        Set<String> services = new TreeSet<>();
        plugins.values().forEach(list -> list.forEach(p -> p.commands().forEach(c -> services.add(p.name() + ":" + c))));
        return services;
    }

    /** What branch rules are validated against. */
    public ProjectDeclarations declarations() {
        return ProjectDeclarations.of(environmentNames(), scheduleNames(), serviceNames(), brokenSchedules(),
                unservableServices());
    }

    /** {@code <plugin>:<command>} to why the platform image cannot serve it, for the services it cannot. */
    public Map<String, String> unservableServices() {
        Map<String, String> unservable = new java.util.TreeMap<>();
        plugins.values().forEach(list -> list.forEach(p -> PlatformImage.missingRuntime(p).ifPresent(runtime ->
                p.commands().forEach(c -> unservable.put(p.name() + ":" + c, "plugin '" + p.name() + "'"
                        + p.pipUrl().map(u -> " (pip_url " + u + ")").orElse("") + " needs " + runtime
                        + ", which the platform image (" + PlatformImage.DOCKERFILE + ") does not have")))));
        return unservable;
    }

    /** Schedule name to why it cannot run, for the schedules that cannot. */
    public Map<String, String> brokenSchedules() {
        Map<String, String> broken = new java.util.TreeMap<>();
        schedules.forEach(s -> s.broken().ifPresent(reason -> broken.put(s.name(), reason)));
        return broken;
    }

    public Optional<Schedule> schedule(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static Set<String> names(List<String> names) {
        return new TreeSet<>(names);
    }
}
