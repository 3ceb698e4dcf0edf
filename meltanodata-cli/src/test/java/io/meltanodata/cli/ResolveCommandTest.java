package io.meltanodata.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolveCommandTest {
    static final String PROJECT = "../deployments/03_projects/Pulumi.acme.analytics.yaml";

    @Test
    void mainResolvesToTheLongLivedProductionStack() throws Exception {
        InspectCommandTest.Run run = run("resolve", "--project", PROJECT, "--ref", "main", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> decision = new ObjectMapper().readValue(run.out(), Map.class);
        assertEquals("production", decision.get("rule"));
        assertEquals("prod", decision.get("environment"));
        assertEquals(true, decision.get("activated"));
        assertEquals(List.of("events-report:serve"), decision.get("services"));
        assertEquals(null, decision.get("ttl"));
        assertEquals("acme.analytics.prod.main", decision.get("stack"));
        assertEquals("dev/acme/analytics", decision.get("imageRepository"), "the project's own ECR repository, as Layer 3 names it");
        assertEquals("main", decision.get("imageTag"), "the ref slug Layer 4's pods run");
        Map<?, ?> feature = new ObjectMapper().readValue(run("resolve", "--project", PROJECT, "--ref", "feature/login",
                "--format", "json").out(), Map.class);
        assertEquals("feature-login-78f299f7", feature.get("imageTag"));
    }

    @Test
    void aFeatureBranchIsEphemeral() {
        InspectCommandTest.Run run = run("resolve", "--project", PROJECT, "--ref", "refs/heads/feature/login");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("  ttl:         PT72H\n"), run.out());
        assertTrue(run.out().contains("  archive:     false\n"), run.out());
    }

    @Test
    void anUnmatchedRefIsNotActivatedAndABadRefIsAnInputError() {
        assertEquals("refs/heads/docs/readme: no rule matches; not activated\n",
                run("resolve", "--project", PROJECT, "--ref", "docs/readme").out());
        InspectCommandTest.Run bad = run("resolve", "--project", PROJECT, "--ref", "bad..ref");
        assertEquals(ExitCodes.INVALID_INPUT, bad.exit());
        assertEquals("error: git ref 'bad..ref' is not valid; expected no '..', '@{', '//' and not '@' (git check-ref-format)\n", bad.err());
    }
}
