package io.meltanodata.projects.meltano;

import io.meltanodata.components.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader on hand-written projects reproducing each shape of the real-world corpus, and each error. */
class MeltanoProjectReaderTest {
    @TempDir
    Path dir;

    private MeltanoProject read(Map<String, String> files) {
        return MeltanoProjectReader.read(ProjectFixture.write(dir, files));
    }

    private String error(Map<String, String> files) {
        return assertThrows(UserInputException.class, () -> read(files)).getMessage();
    }

    @Test
    void splitProjectWithEnvironmentFilesAndSchedulesInAnIncludedFile() {
        MeltanoProject p = read(Map.of(
                "meltano.yml", "default_environment: staging\ninclude_paths:\n- environments/*.meltano.yml\n- orchestration.meltano.yml\n- loaders.meltano.yml\n",
                "environments/prod.meltano.yml", "environments:\n- name: prod\n",
                "environments/staging.meltano.yml", "environments:\n- name: staging\n  env: {A: b}\n",
                "orchestration.meltano.yml", "jobs:\n- name: el\n  tasks:\n  - tap-x target-y\nschedules:\n- name: daily-el\n  interval: 0 6 * * *\n  job: el\n",
                "loaders.meltano.yml", "plugins:\n  loaders:\n  - name: target-y\n    variant: meltanolabs\n"));
        assertEquals(List.of("environments/prod.meltano.yml", "environments/staging.meltano.yml", "loaders.meltano.yml",
                "orchestration.meltano.yml"), p.includedFiles());
        assertEquals(Set.of("prod", "staging"), p.environmentNames());
        assertEquals(Optional.of("staging"), p.defaultEnvironment());
        Schedule daily = p.schedule("daily-el").orElseThrow();
        assertEquals(Optional.of("0 6 * * *"), daily.interval().cron());
        assertEquals("orchestration.meltano.yml", daily.file());
        assertEquals(Optional.of("meltanolabs"), p.plugins().get(PluginType.LOADERS).get(0).variant());
    }

    @Test
    void globsWithClassesAndRecursiveStarsMatchFilesNotNamedMeltanoYmlOnce() {
        MeltanoProject p = read(Map.of(
                "meltano.yml", "include_paths:\n- ./part_[0-9].yml\n- ./*/part_[0-9].yml\n- ./*/**/part_[0-9].yml\nenvironments:\n- name: root\n",
                "part_1.yml", "environments:\n- name: one\n",
                "part_x.yml", "environments:\n- name: not-included\n",
                "sub/part_2.yml", "environments:\n- name: two\n",
                "sub/deeper/part_3.yml", "environments:\n- name: three\n",
                ".hidden/part_4.yml", "environments:\n- name: hidden\n"));
        assertEquals(List.of("part_1.yml", "sub/deeper/part_3.yml", "sub/part_2.yml"), p.includedFiles(),
                "sub/part_2.yml matches two patterns but is read once; hidden directories are skipped");
        assertEquals(Set.of("root", "one", "two", "three"), p.environmentNames());
    }

    @Test
    void legacyEltSchedulesMixWithJobSchedules() {
        MeltanoProject p = read(Map.of("meltano.yml", """
                plugins:
                  extractors: [{name: tap-a}]
                  loaders: [{name: target-b}]
                jobs:
                - name: joba
                  tasks: [tap-a target-b, [dbt:run, dbt:test]]
                schedules:
                - {name: a-to-b, interval: 23 3 * * 1,3,4, extractor: tap-a, loader: target-b, transform: skip}
                - {name: monthly, interval: '@monthly', extractor: tap-a, loader: target-b, transform: run}
                - {name: e-to-f, interval: 5 * */2 * 5,6,0, job: joba}
                """));
        assertEquals(List.of("a-to-b", "monthly", "e-to-f"), p.schedules().stream().map(Schedule::name).toList());
        Schedule legacy = p.schedules().get(0);
        assertEquals(Optional.of("tap-a"), legacy.extractor());
        assertEquals(Optional.of("skip"), legacy.transform());
        assertTrue(p.schedules().get(2).isJobSchedule());
        assertEquals(List.of("tap-a target-b", "dbt:run dbt:test"), p.jobs().get(0).tasks());
    }

    @Test
    void noVersionKeyRequiresMeltanoAndEnvVarReferences() {
        MeltanoProject p = read(Map.of("meltano.yml", """
                requires_meltano: ">=3.3"
                default_environment: dev
                environments:
                - name: dev
                  env: {TARGET_SCHEMA: "${USER}_dev"}
                plugins:
                  extractors:
                  - name: tap-github
                    config: {auth_token: $GITHUB_TOKEN}
                """));
        assertEquals(Map.of("TARGET_SCHEMA", "${USER}_dev"), p.environments().get(0).env());
    }

    @Test
    void dailyJobScheduleWithAnOrchestratorAndServiceCommands() {
        MeltanoProject p = read(Map.of("meltano.yml", """
                environments: [{name: dev}, {name: prod, state_id_suffix: prd}]
                jobs: [{name: load, tasks: tap-smoke-test target-jsonl}]
                schedules: [{name: daily-load, interval: '@daily', job: load}]
                plugins:
                  utilities:
                  - name: dagster
                    variant: quantile-development
                    commands: {dev: {args: dev}, ui: {args: ui}}
                  orchestrators: [{name: airflow, inherit_from: airflow-base}]
                """));
        assertEquals(Optional.of("0 0 * * *"), p.schedules().get(0).interval().cron());
        assertEquals(Set.of("dagster:dev", "dagster:ui"), p.serviceNames());
        assertEquals(Optional.of("prd"), p.environments().get(1).stateIdSuffix());
        assertEquals(Optional.of("airflow-base"), p.plugins().get(PluginType.ORCHESTRATORS).get(0).inheritFrom());
        assertEquals(List.of("tap-smoke-test target-jsonl"), p.jobs().get(0).tasks());
    }

    @Test
    void aFreshProjectWithoutPlugins() {
        MeltanoProject p = read(Map.of("meltano.yml", "default_environment: dev\nproject_id: x\nenvironments:\n- name: dev\n- name: prod\n"));
        assertEquals(Map.of(), p.plugins());
        assertEquals(List.of(), p.schedules());
        assertEquals(Set.of("dev", "prod"), p.environmentNames());
    }

    @Test
    void yaml12ReadsLeadingZerosAsDecimal() {
        MeltanoProject p = read(Map.of("meltano.yml", "environments:\n- name: dev\n  env: {PORT: 0010}\n"));
        assertEquals("10", p.environments().get(0).env().get("PORT"));
    }

    @Test
    void invalidYamlNamesFileAndLine() {
        assertEquals("meltano.yml:4: invalid YAML: found character '@' that cannot start any token. (Do not use @ for indentation)",
                error(Map.of("meltano.yml", "plugins:\n  extractors: [{name: tap-a}]\nschedules:\n- {name: s, interval: @hourly}\n")));
    }

    @Test
    void aPluginDefinitionIsNotAProject() {
        assertEquals("meltano.yml: not a Meltano project file (top-level keys [name, namespace, pip_url, variant] look like a "
                        + "plugin definition); a project's meltano.yml has keys such as plugins, environments, schedules, jobs or default_environment",
                error(Map.of("meltano.yml", "name: tap-x\nnamespace: tap_x\npip_url: tap-x\nvariant: someone\n")));
    }

    @Test
    void namesDefinedTwiceAcrossFilesAreRejectedNamingBoth() {
        assertEquals("b.yml: environment 'prod' is defined twice (also in a.yml)", error(Map.of(
                "meltano.yml", "include_paths: [a.yml, b.yml]\n",
                "a.yml", "environments: [{name: prod}]\n",
                "b.yml", "environments: [{name: prod}]\n")));
        assertEquals("meltano.yml: schedule 's' is defined twice in this file", error(Map.of("meltano.yml",
                "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, interval: '@daily', job: j}, {name: s, interval: '@daily', job: j}]\n")));
    }

    @Test
    void scheduleReferencesAreChecked() {
        assertEquals("meltano.yml: schedule 's' runs job 'missing', which is not defined; jobs: [j]", error(Map.of("meltano.yml",
                "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, interval: '@daily', job: missing}]\n")));
        assertEquals("meltano.yml: schedule 's' has transform 'always'; allowed: run, skip, only", error(Map.of("meltano.yml",
                "plugins: {extractors: [{name: a}], loaders: [{name: b}]}\nschedules: [{name: s, interval: '@daily', extractor: a, loader: b, transform: always}]\n")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleNamingUndefinedPluginsIsKeptAndMarkedBrokenAsMeltanoLoadsIt() {
        MeltanoProject p = read(Map.of("meltano.yml", "plugins: {loaders: [{name: target-b}]}\n"
                + "schedules:\n- {name: a-to-b, interval: '@daily', extractor: tap-a, loader: target-b}\n"
                + "- {name: c-to-d, interval: '@monthly', extractor: tap-c, loader: target-d}\n"
                + "- {name: b-to-b, interval: '@hourly', extractor: target-b, loader: target-b}\n"));
        assertEquals(Optional.of("it names extractor 'tap-a', which meltano.yml does not define"),
                p.schedule("a-to-b").orElseThrow().broken());
        assertEquals(Optional.of("it names extractor 'tap-c' and loader 'target-d', which meltano.yml does not define"),
                p.schedule("c-to-d").orElseThrow().broken());
        assertEquals(Optional.of("it names extractor 'target-b', which meltano.yml does not define"),
                p.schedule("b-to-b").orElseThrow().broken(), "a loader of that name is not an extractor");
        assertEquals(Set.of("a-to-b", "b-to-b", "c-to-d"), p.scheduleNames());
        assertEquals(Map.of("a-to-b", "it names extractor 'tap-a', which meltano.yml does not define",
                "b-to-b", "it names extractor 'target-b', which meltano.yml does not define",
                "c-to-d", "it names extractor 'tap-c' and loader 'target-d', which meltano.yml does not define"),
                p.declarations().brokenSchedules());
        Map<String, Object> listed = ((List<Map<String, Object>>) ProjectSummary.json(p).get("schedules")).get(0);
        assertEquals("it names extractor 'tap-a', which meltano.yml does not define", listed.get("broken"));
        assertTrue(ProjectSummary.text(p).contains("elt tap-a -> target-b  BROKEN: it names extractor 'tap-a', which meltano.yml does not define\n"),
                ProjectSummary.text(p));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunnableScheduleIsNotBroken() {
        MeltanoProject p = read(Map.of("meltano.yml", "plugins: {extractors: [{name: a}], loaders: [{name: b}]}\n"
                + "jobs: [{name: j, tasks: a b}]\n"
                + "schedules: [{name: s, interval: '@daily', extractor: a, loader: b}, {name: t, interval: '@daily', job: j}]\n"));
        assertEquals(Optional.empty(), p.schedule("s").orElseThrow().broken());
        assertEquals(Optional.empty(), p.schedule("t").orElseThrow().broken());
        assertEquals(Map.of(), p.declarations().brokenSchedules());
        assertTrue(((List<Map<String, Object>>) ProjectSummary.json(p).get("schedules")).stream().allMatch(m -> m.get("broken") == null));
    }

    @Test
    void badIntervalsNameTheScheduleAndFile() {
        String sixFields = error(Map.of("meltano.yml", "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, interval: '0 0 6 * * *', job: j}]\n"));
        assertEquals("meltano.yml: schedule 's' has interval '0 0 6 * * *'; allowed: " + Interval.ALLOWED, sixFields);
        assertEquals("meltano.yml: schedule 's' has interval 'every day'; allowed: " + Interval.ALLOWED,
                error(Map.of("meltano.yml", "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, interval: every day, job: j}]\n")));
        assertEquals("meltano.yml: schedule 's' has interval '61 * * * *'; allowed: " + Interval.ALLOWED,
                error(Map.of("meltano.yml", "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, interval: 61 * * * *, job: j}]\n")));
    }

    @Test
    void includePathsStayInsideTheProject() {
        assertEquals("meltano.yml: include_paths entry '../secrets.yml' must be a glob relative to the project root, without '..'",
                error(Map.of("meltano.yml", "include_paths: ['../secrets.yml']\n")));
        assertEquals("meltano.yml: include_paths entry '/etc/*.yml' must be a glob relative to the project root, without '..'",
                error(Map.of("meltano.yml", "include_paths: ['/etc/*.yml']\n")));
        assertEquals("extra.yml: key 'default_environment' cannot be set in an included file; allowed: environments, jobs, plugins, schedules",
                error(Map.of("meltano.yml", "include_paths: [extra.yml]\n", "extra.yml", "default_environment: prod\n")));
    }

    @Test
    void hostileYamlIsRefusedWithoutBlowingUp() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [*").append((char) (c - 1)).append(", *").append((char) (c - 1))
                    .append(", *").append((char) (c - 1)).append("]\n");
        }
        assertTrue(error(Map.of("meltano.yml", bomb.toString())).startsWith("meltano.yml"), "billion laughs");
        assertEquals("meltano.yml:1: invalid YAML: nested deeper than 100 levels",
                error(Map.of("meltano.yml", "a: " + "[".repeat(500) + "]".repeat(500) + "\n")));
        assertEquals("meltano.yml: file is larger than 1 MiB (1048600 bytes)",
                error(Map.of("meltano.yml", "# " + "x".repeat(1048597) + "\n")));
        assertEquals("meltano.yml:3: invalid YAML: found duplicate key environments",
                error(Map.of("meltano.yml", "environments: []\n\nenvironments: []\n")));
    }

    @Test
    void aDirectoryWithoutMeltanoYml() {
        assertEquals(dir + ": no meltano.yml here; expected a Meltano project root", error(Map.of("README.md", "hi\n")));
    }

    @Test
    void theBundledExampleProjectReads() {
        MeltanoProject p = MeltanoProjectReader.read(Path.of("..", "examples", "meltano-project"));
        assertEquals(Set.of("dev", "staging", "prod"), p.environmentNames());
        assertEquals(Set.of("events-hourly", "github-hourly", "postgres-nightly", "transform-weekdays", "backfill"), p.scheduleNames());
        assertTrue(p.schedule("backfill").orElseThrow().interval().isManual());
        assertEquals(Set.of("evidence:serve", "events-report:serve"), p.serviceNames());
        assertEquals(Optional.of("s3://meltano-example-state/local"), p.stateBackendUri());
    }
}
