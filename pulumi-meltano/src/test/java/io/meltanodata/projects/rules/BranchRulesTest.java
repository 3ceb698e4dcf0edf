package io.meltanodata.projects.rules;

import io.meltanodata.components.naming.StackNames;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.MapConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BranchRulesTest {
    static final String O = "Pulumi.acme.analytics.yaml";
    static final ProjectDeclarations PROJECT = ProjectDeclarations.of(Set.of("dev", "staging", "prod"),
            Set.of("github-hourly", "postgres-nightly", "backfill"), Set.of("evidence:serve"));
    static final String RULES = """
            [{"name":"production","ref":"main","environment":"prod","services":["schedules","service:evidence:serve"],"archiveOnDispose":true},
             {"name":"releases","ref":"refs/tags/v*","environment":"staging","services":["schedule:postgres-nightly"],"ttl":"14d"},
             {"name":"features","ref":"feature/**","environment":"dev","services":["schedule:github-hourly"],"ttl":"72h","archiveOnDispose":false},
             {"name":"experiments","ref":"exp/*","environment":"dev","activated":false}]""";

    static BranchRules rules(String json) {
        return BranchRules.read(new ConfigReader(MapConfigSource.of(O, Map.of("meltanodata:branchRules", json)), "meltanodata"));
    }

    static String error(String json) {
        return assertThrows(UserInputException.class, () -> rules(json).validate(PROJECT, O)).getMessage();
    }

    @Test
    void firstMatchingRuleDecidesAndExpandsItsServices() {
        Resolution main = rules(RULES).resolve(GitRef.parse("refs/heads/main"), PROJECT, "acme", "analytics");
        assertEquals(Optional.of("production"), main.rule());
        assertEquals(Optional.of("prod"), main.environment());
        assertTrue(main.activated());
        assertEquals(List.of("backfill", "github-hourly", "postgres-nightly"), main.schedules());
        assertEquals(List.of("evidence:serve"), main.services());
        assertEquals(Optional.empty(), main.ttl());
        assertEquals(Optional.of("acme.analytics.prod.main"), main.stackName());
    }

    @Test
    void ephemeralFeatureBranchesGetATtlAndTheirOwnStack() {
        Resolution feature = rules(RULES).resolve(GitRef.parse("feature/login/v2"), PROJECT, "acme", "analytics");
        assertEquals(Optional.of("features"), feature.rule());
        assertEquals(Optional.of(Duration.ofHours(72)), feature.ttl());
        assertFalse(feature.archiveOnDispose());
        assertTrue(feature.stackName().orElseThrow().matches("acme\\.analytics\\.dev\\.feature-login-v2-[0-9a-f]{8}"),
                feature.stackName().orElseThrow());
    }

    @Test
    void tagsResolveToTheirOwnStacksApartFromBranches() {
        Resolution tag = rules(RULES).resolve(GitRef.parse("refs/tags/v1.2.0"), PROJECT, "acme", "analytics");
        assertEquals(Optional.of("releases"), tag.rule());
        assertEquals(Optional.of(Duration.ofDays(14)), tag.ttl());
        assertEquals(Optional.of("acme.analytics.staging.tag-v1.2.0"), tag.stackName());
        assertNotEquals(StackNames.environment("acme", "analytics", "staging", GitRef.parse("tag-v1.2.0")), tag.stackName().get());
    }

    @Test
    void aMatchedButDeactivatedRuleAndNoMatchBothActivateNothing() {
        Resolution exp = rules(RULES).resolve(GitRef.parse("exp/try"), PROJECT, "acme", "analytics");
        assertEquals(Optional.of("experiments"), exp.rule());
        assertFalse(exp.activated());
        assertEquals(Optional.empty(), exp.stackName());
        Resolution none = rules(RULES).resolve(GitRef.parse("docs/readme"), PROJECT, "acme", "analytics");
        assertEquals(Optional.empty(), none.rule());
        assertFalse(none.activated());
    }

    @Test
    void theSampleRulesAreValidAndTheirActivatedPatternsFeedTheDeployRoleTrust() {
        rules(RULES).validate(PROJECT, O);
        assertEquals(List.of("main", "refs/tags/v*", "feature/**"), rules(RULES).activatedPatterns());
    }

    @Test
    void validationErrorsNameTheRule() {
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 1 ('a'): environment 'qa' is not defined in meltano.yml; environments: [dev, prod, staging]",
                error("[{\"name\":\"a\",\"ref\":\"main\",\"environment\":\"qa\"}]"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 1 ('a'): schedule 'nope' is not defined in meltano.yml; schedules: [backfill, github-hourly, postgres-nightly]",
                error("[{\"name\":\"a\",\"ref\":\"main\",\"environment\":\"dev\",\"services\":[\"schedule:nope\"]}]"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 1 ('a'): service 'dbt:docs' is not a plugin command in meltano.yml; services: [evidence:serve]",
                error("[{\"name\":\"a\",\"ref\":\"main\",\"environment\":\"dev\",\"services\":[\"service:dbt:docs\"]}]"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 2 ('b'): unreachable: every ref matching 'feature/x' already matches rule 1 ('a', 'feature/**')",
                error("[{\"name\":\"a\",\"ref\":\"feature/**\",\"environment\":\"dev\"},{\"name\":\"b\",\"ref\":\"feature/x\",\"environment\":\"prod\"}]"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 2 ('all'): unreachable: every ref matching '**' already matches rule 1 ('any', '**')",
                error("[{\"name\":\"any\",\"ref\":\"**\",\"environment\":\"dev\"},{\"name\":\"all\",\"ref\":\"**\",\"environment\":\"dev\"}]"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 2 ('a'): the name is used by an earlier rule",
                error("[{\"name\":\"a\",\"ref\":\"main\",\"environment\":\"dev\"},{\"name\":\"a\",\"ref\":\"dev\",\"environment\":\"dev\"}]"));
    }

    @Test
    void aServiceThePlatformImageCannotServeIsRefusedWhenARuleEnablesIt() {
        ProjectDeclarations project = ProjectDeclarations.of(Set.of("prod"), Set.of(), Set.of("evidence:serve", "app:serve"),
                Map.of(), Map.of("evidence:serve", "plugin 'evidence' needs Node.js"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 1 ('p'): service 'evidence:serve' cannot run: plugin "
                        + "'evidence' needs Node.js",
                assertThrows(UserInputException.class, () -> rules("[{\"name\":\"p\",\"ref\":\"main\",\"environment\":\"prod\","
                        + "\"services\":[\"service:app:serve\",\"service:evidence:serve\"]}]").validate(project, O)).getMessage());
        rules("[{\"name\":\"p\",\"ref\":\"main\",\"environment\":\"prod\",\"services\":[\"service:app:serve\"]}]").validate(project, O);
    }

    @Test
    void aScheduleThatCannotRunIsAnErrorOnlyWhenARuleNamesItAndAllSchedulesLeaveItOut() {
        ProjectDeclarations project = ProjectDeclarations.of(Set.of("dev"), Set.of("a-to-b", "nightly"), Set.of(),
                Map.of("a-to-b", "it names extractor 'tap-a', which meltano.yml does not define"));
        assertEquals(O + ": config key 'meltanodata:branchRules' rule 1 ('a'): schedule 'a-to-b' cannot run: it names extractor "
                        + "'tap-a', which meltano.yml does not define",
                assertThrows(UserInputException.class, () -> rules("[{\"name\":\"a\",\"ref\":\"main\",\"environment\":\"dev\","
                        + "\"services\":[\"schedule:nightly\",\"schedule:a-to-b\"]}]").validate(project, O)).getMessage());
        BranchRules all = rules("[{\"name\":\"a\",\"ref\":\"main\",\"environment\":\"dev\"}]");
        all.validate(project, O);
        assertEquals(List.of("nightly"), all.resolve(GitRef.parse("main"), project, "acme", "analytics").schedules());
    }

    @Test
    void parseErrorsNameTheRuleAndField() {
        String prefix = O + ": config key 'meltanodata:branchRules' ";
        assertEquals(prefix + "rule 1 ('x'): ref pattern 'feature/***' is invalid; expected '***' is not a pattern; use '*' (one segment) or '**' (any depth)",
                assertThrows(UserInputException.class, () -> rules("[{\"name\":\"x\",\"ref\":\"feature/***\",\"environment\":\"dev\"}]")).getMessage());
        assertEquals(prefix + "rule 1: 'ref' and 'environment' are required",
                assertThrows(UserInputException.class, () -> rules("[{\"environment\":\"dev\"}]")).getMessage());
        assertEquals(prefix + "rule 1 ('x'): ttl '-3d' is not a positive duration; allowed: 12h, 7d, 2w or ISO-8601 such as P7D or PT36H",
                assertThrows(UserInputException.class, () -> rules("[{\"name\":\"x\",\"ref\":\"a\",\"environment\":\"dev\",\"ttl\":\"-3d\"}]")).getMessage());
        assertEquals(prefix + "rule 1 ('x'): service 'cron' is not understood; allowed: schedules, schedule:<name>, service:<plugin>:<command>",
                assertThrows(UserInputException.class, () -> rules("[{\"name\":\"x\",\"ref\":\"a\",\"environment\":\"dev\",\"services\":[\"cron\"]}]")).getMessage());
        assertEquals(prefix + "rule 1 ('Bad Name'): name 'Bad Name' must be 1-40 lowercase letters, digits and '-'",
                assertThrows(UserInputException.class, () -> rules("[{\"name\":\"Bad Name\",\"ref\":\"a\",\"environment\":\"dev\"}]")).getMessage());
    }

    @Test
    void ttlAcceptsShorthandAndIso() {
        assertEquals(Duration.ofHours(12), BranchRules.ttl("x", "12h"));
        assertEquals(Duration.ofDays(14), BranchRules.ttl("x", "2w"));
        assertEquals(Duration.ofHours(36), BranchRules.ttl("x", "PT36H"));
        assertEquals(Duration.ofDays(7), BranchRules.ttl("x", "P7D"));
    }

    @Test
    void stackNamesAreStableBoundedAndDistinct() {
        String a = StackNames.environment("acme", "analytics", "dev", GitRef.parse("feature/x"));
        assertEquals(a, StackNames.environment("acme", "analytics", "dev", GitRef.parse("refs/heads/feature/x")));
        assertNotEquals(a, StackNames.environment("acme", "analytics", "dev", GitRef.parse("feature-x")));
        String longest = StackNames.environment("acme", "analytics", "dev", GitRef.parse("feature/" + "very-long-name/".repeat(10) + "end"));
        assertTrue(longest.length() <= StackNames.MAX_LENGTH, longest);
        assertTrue(longest.matches("[A-Za-z0-9_.-]+"), longest);
        assertEquals("acme.analytics", StackNames.project("acme", "analytics"));
    }
}
