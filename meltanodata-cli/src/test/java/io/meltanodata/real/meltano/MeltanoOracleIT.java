package io.meltanodata.real.meltano;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltanodata.components.UserInputException;
import io.meltanodata.projects.meltano.Job;
import io.meltanodata.projects.meltano.MeltanoEnvironment;
import io.meltanodata.projects.meltano.MeltanoProject;
import io.meltanodata.projects.meltano.MeltanoProjectReader;
import io.meltanodata.projects.meltano.Plugin;
import io.meltanodata.projects.meltano.Schedule;
import io.meltanodata.testing.RealTools;
import io.meltanodata.testing.Trees;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Meltano as the oracle of the meltano.yml reader: over every project of ../shared/corpus/meltano
 * (read from a temporary copy: Meltano writes .meltano/ into the project) and the bundled example,
 * what the reader understood must equal what Meltano 4.4.1 reports with {@code meltano environment
 * list}, {@code schedule list --format=json}, {@code job list --format=json} and {@code plugin list
 * --format json}. Each known difference is listed in {@link #EXPLAINED} with the reason; any other
 * difference, or an explained one that disappears, fails.
 */
class MeltanoOracleIT {
    static final Path CORPUS = Path.of("..", "shared", "corpus", "meltano");

    /** project -> the differences expected, each with why it is right for MeltanoData. */
    static final Map<String, List<String>> EXPLAINED = Map.of(
            "decoy-hub-plugin-definition", List.of(
                    // Meltano loads any meltano.yml as a project (this one defines nothing); a Hub plugin
                    // definition deployed as a project is a mistake the reader reports instead.
                    "reader rejects, Meltano accepts: meltano.yml: not a Meltano project file (top-level keys [name, namespace, "
                            + "pip_url, repo, variant] look like a plugin definition); a project's meltano.yml has keys such as "
                            + "plugins, environments, schedules, jobs or default_environment"));

    @TestFactory
    Stream<DynamicTest> theReaderAgreesWithMeltanoOnEveryProject() throws IOException {
        Path root = RealTools.repositoryRoot();
        Path tools = RealTools.bin("meltano");
        Path corpus = root.resolve(CORPUS).normalize();
        List<Path> projects = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus)) {
            dirs.filter(Files::isDirectory).sorted().forEach(projects::add);
        }
        assertTrue(projects.size() >= 8, "the corpus at " + corpus);
        projects.add(root.resolve("examples/meltano-project"));
        Path work = root.resolve("meltanodata-cli/target/meltano-oracle-it");
        Trees.delete(work);
        return projects.stream().map(source -> DynamicTest.dynamicTest(source.getFileName().toString(), () -> {
            Path copy = work.resolve(source.getFileName().toString());
            Trees.copy(source, copy);
            List<String> differences = compare(tools, copy, work);
            System.out.println("MeltanoOracleIT " + source.getFileName() + ": "
                    + (differences.isEmpty() ? "agrees" : "differs: " + differences));
            assertEquals(EXPLAINED.getOrDefault(source.getFileName().toString(), List.of()), differences);
        }));
    }

    @SuppressWarnings("unchecked")
    static List<String> compare(Path tools, Path copy, Path work) throws Exception {
        List<String> differences = new ArrayList<>();
        MeltanoProject model;
        try {
            model = MeltanoProjectReader.read(copy);
        } catch (UserInputException rejected) {
            Meltano listed = meltano(tools, copy, work, "schedule", "list", "--format=json");
            differences.add(listed.exit() == 0 ? "reader rejects, Meltano accepts: " + rejected.getMessage() : "");
            differences.removeIf(String::isEmpty);
            return differences;
        }
        HubStandIn.lock(copy, model);

        Meltano environments = meltano(tools, copy, work, "environment", "list");
        same(differences, "environments", new TreeSet<>(model.environments().stream().map(MeltanoEnvironment::name).toList()),
                new TreeSet<>(environments.out().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()));

        Map<String, Object> schedules = (Map<String, Object>) json(meltano(tools, copy, work, "schedule", "list", "--format=json"))
                .get("schedules");
        Map<String, String> theirs = new TreeMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) schedules.get("job")) {
            theirs.put((String) s.get("name"), "job " + ((Map<String, Object>) s.get("job")).get("name") + " " + s.get("interval")
                    + " cron " + s.get("cron_interval"));
        }
        for (Map<String, Object> s : (List<Map<String, Object>>) schedules.get("elt")) {
            theirs.put((String) s.get("name"), "elt " + s.get("extractor") + " " + s.get("loader") + " " + s.get("transform")
                    + " " + s.get("interval") + " cron " + s.get("cron_interval"));
        }
        Map<String, String> ours = new TreeMap<>();
        for (Schedule s : model.schedules()) {
            // Meltano has no cron for @manual/@none (null); the others' as written, @-shorthands expanded
            String cron = s.interval().cron().orElse("null");
            ours.put(s.name(), s.job().map(j -> "job " + j).orElseGet(() -> "elt " + s.extractor().orElse("") + " "
                    + s.loader().orElse("") + " " + s.transform().orElse("run")) + " " + s.interval().spelling() + " cron " + cron);
        }
        same(differences, "schedules", ours, theirs);

        Map<String, Object> jobs = json(meltano(tools, copy, work, "job", "list", "--format=json"));
        Map<String, Object> theirJobs = new TreeMap<>();
        for (Map<String, Object> j : (List<Map<String, Object>>) jobs.get("jobs")) {
            theirJobs.put((String) j.get("job_name"), j.get("tasks"));
        }
        Map<String, Object> ourJobs = new TreeMap<>();
        for (Job j : model.jobs()) {
            ourJobs.put(j.name(), j.tasks());
        }
        same(differences, "jobs", ourJobs, theirJobs);

        Meltano plugins = meltano(tools, copy, work, "plugin", "list", "--format", "json");
        TreeSet<String> theirPlugins = new TreeSet<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) new ObjectMapper().readValue(plugins.out(), List.class)) {
            theirPlugins.add(p.get("type") + " " + p.get("name") + " inherits " + p.get("inherit_from"));
        }
        TreeSet<String> ourPlugins = new TreeSet<>();
        for (List<Plugin> list : model.plugins().values()) {
            for (Plugin p : list) {
                ourPlugins.add(p.type().key().replaceAll("ies$", "y").replaceAll("s$", "") + " " + p.name()
                        + " inherits " + p.inheritFrom().orElse(null));
            }
        }
        same(differences, "plugins", ourPlugins, theirPlugins);
        return differences;
    }

    static void same(List<String> differences, String what, Object ours, Object theirs) {
        if (!ours.equals(theirs)) {
            differences.add(what + ": reader " + ours + ", Meltano " + theirs);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Meltano run) throws IOException {
        return new ObjectMapper().readValue(run.out(), Map.class);
    }

    record Meltano(int exit, String out, String err) {
    }

    static Meltano meltano(Path tools, Path project, Path work, String... args) throws Exception {
        Meltano result = run(tools, project, work, Map.of(), args);
        if (result.exit() != 0 && !args[0].equals("schedule")) {
            throw new AssertionError("meltano " + String.join(" ", args) + " in " + project + " exited " + result.exit() + ": " + result.err());
        }
        return result;
    }

    /** {@code meltano <args>} in the project, with {@code environment} added; whatever it exits. */
    static Meltano run(Path tools, Path project, Path work, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tools.resolve("meltano").toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(work, "meltano", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectError(err.toFile());
        builder.environment().put("MELTANO_SEND_ANONYMOUS_USAGE_STATS", "false");
        builder.environment().put("HOME", work.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        return new Meltano(exit, out, Files.readString(err));
    }
}
