package io.meltanodata.lifecycle;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.components.config.StackFile;
import io.meltanodata.environments.ActivatedEnvironmentConfig;
import io.meltanodata.projects.HostedProjectConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentStackConfigTest {
    static final Path LAYER4 = Path.of("../deployments/04_environments");
    final HostedProjectConfig project = HostedProjectConfig.load(StackFile.read(EnvironmentLifecycleTest.PROJECT_STACK), "acme.analytics");

    /** Writing what env up writes onto the committed example stacks changes nothing Layer 4 reads. */
    @Test
    void upWritesTheConfigOfTheCommittedExampleStacks() {
        for (String ref : List.of("feature/login", "main")) {
            EnvironmentStackConfig generated = EnvironmentLifecycleTest.resolved(project, ref);
            String file = "Pulumi." + generated.stackName() + ".yaml";
            var committed = StackFile.read(LAYER4.resolve(file));
            Map<String, String> before = new HashMap<>();
            committed.keys().forEach(k -> before.put(k, committed.get(k).orElseThrow()));
            Map<String, String> after = new HashMap<>(before);
            after.putAll(generated.values());
            generated.unset().forEach(after::remove);
            assertEquals(ActivatedEnvironmentConfig.load(MapConfigSource.of(file, before), generated.stackName()),
                    ActivatedEnvironmentConfig.load(MapConfigSource.of(file, after), generated.stackName()), ref);
        }
    }

    @Test
    void aLongLivedRefUnsetsTheTtl() {
        EnvironmentStackConfig main = EnvironmentLifecycleTest.resolved(project, "main");
        assertFalse(main.values().containsKey("meltanodata:ttl"));
        assertEquals(List.of("meltanodata:ttl"), main.unset());
        assertEquals(Optional.of("true"), main.value("meltanodata:archiveOnDispose"));
    }

    @Test
    void ttlIsWrittenAsPeopleWriteIt() {
        assertEquals("72h", EnvironmentStackConfig.text(Duration.ofDays(3)));
        assertEquals("PT1H30M", EnvironmentStackConfig.text(Duration.ofMinutes(90)));
    }

    @Test
    void aRefThatIsNotActivatedHasNoStackConfig() {
        assertThrows(IllegalArgumentException.class, () -> EnvironmentLifecycleTest.resolved(project, "exp/try"));
    }

    @Test
    void expiryIsTtlAfterTheLastUpdateAndNeverForLongLivedOrBusyStacks() {
        Instant updated = Instant.parse("2026-11-01T00:00:00Z");
        EnvironmentStack ephemeral = new EnvironmentStack("s", Optional.of("refs/heads/x"), Optional.of(Duration.ofHours(72)),
                Optional.of(updated), false);
        assertEquals(Optional.of(Instant.parse("2026-11-04T00:00:00Z")), ephemeral.expiresAt());
        assertFalse(ephemeral.expired(Instant.parse("2026-11-04T00:00:00Z")));
        assertTrue(ephemeral.expired(Instant.parse("2026-11-04T00:00:01Z")));
        assertFalse(new EnvironmentStack("s", Optional.empty(), Optional.of(Duration.ofHours(1)), Optional.of(updated), true)
                .expired(Instant.MAX), "a stack being updated is left alone");
        assertFalse(new EnvironmentStack("s", Optional.empty(), Optional.empty(), Optional.of(updated), false)
                .expired(Instant.MAX), "long-lived");
        assertFalse(new EnvironmentStack("s", Optional.empty(), Optional.of(Duration.ofHours(1)), Optional.empty(), false)
                .expired(Instant.MAX), "never updated: nothing deployed to reap");
    }
}
