package io.meltanodata.siteinstances;

import io.meltanodata.components.config.MapConfigSource;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SiteInstanceConfigTest {
    static final String P = "Pulumi.acme.yaml: ";
    static final String SITE_RULE = "2-20 lowercase letters and digits, starting with a letter (no punctuation, so two sites can never differ only in case or punctuation)";

    static Map<String, String> with(String key, String value) {
        Map<String, String> config = Topology.siteConfig();
        config.put(key, value);
        return config;
    }

    static Map<String, String> withBoth(String key, String value, String otherKey, String otherValue) {
        Map<String, String> config = with(key, value);
        config.put(otherKey, otherValue);
        return config;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                arguments(with("meltanodata:site", "Acme"), P + "config key 'meltanodata:site' has value 'Acme'; allowed: " + SITE_RULE),
                arguments(with("meltanodata:site", "ac-me"), P + "config key 'meltanodata:site' has value 'ac-me'; allowed: " + SITE_RULE),
                arguments(with("meltanodata:site", "a".repeat(21)), P + "config key 'meltanodata:site' has value '" + "a".repeat(21) + "'; allowed: " + SITE_RULE),
                arguments(with("meltanodata:site", "../etc"), P + "config key 'meltanodata:site' has value '../etc'; allowed: " + SITE_RULE),
                arguments(with("meltanodata:site", "kube-system"), P + "config key 'meltanodata:site' has value 'kube-system'; allowed: a name that is not reserved (admin, all, amazon, aws, default, eks, fabric, kube, kubepublic, kubesystem, meltano, meltanodata, platform, root, shared, system)"),
                arguments(with("meltanodata:site", "default"), P + "config key 'meltanodata:site' has value 'default'; allowed: a name that is not reserved (admin, all, amazon, aws, default, eks, fabric, kube, kubepublic, kubesystem, meltano, meltanodata, platform, root, shared, system)"),
                arguments(with("meltanodata:site", "MeltanoData"), P + "config key 'meltanodata:site' has value 'MeltanoData'; allowed: a name that is not reserved (admin, all, amazon, aws, default, eks, fabric, kube, kubepublic, kubesystem, meltano, meltanodata, platform, root, shared, system)"),
                arguments(with("meltanodata:site", "ui"), P + "config key 'meltanodata:site' has value 'ui'; allowed: a name the fabric's own "
                        + "resources do not use (not alerts, api, bill, billing, cluster, failed, flowlogs, jobs, node, observability, ui): the site's bucket "
                        + "meltanodata-<fabric>-<site> would be the fabric's"),
                arguments(with("meltanodata:fabricStack", "prod"), P + "config key 'meltanodata:fabricStack' has value 'prod'; allowed: the fabric's fully qualified stack name, <org>/meltanodata-service-fabric/<fabric>"),
                arguments(with("aws:region", "mars-1"), P + "config key 'aws:region' has value 'mars-1'; allowed: an AWS region name such as eu-west-1 (the fabric's region)"),
                arguments(with("meltanodata:groups", "{\"admin\":{\"members\":[\"not-an-email\"]}}"), P + "config key 'meltanodata:groups.admin.members' has value 'not-an-email'; allowed: email addresses"),
                arguments(with("meltanodata:groups", "{\"admin\":{\"clusterRole\":\"root\"}}"), P + "config key 'meltanodata:groups.admin.clusterRole' has value 'root'; allowed: one of none, viewer, developer, admin"),
                arguments(with("meltanodata:groups", "{\"admin\":{\"principals\":[\"AcmeAdmins\"]}}"), P + "config key 'meltanodata:groups.admin.principals' has value 'AcmeAdmins'; allowed: IAM role or user ARNs"),
                arguments(with("meltanodata:groups", "{\"Data Team\":{}}"), P + "config key 'meltanodata:groups' has value 'Data Team'; allowed: group names of 1-20 lowercase letters and digits"),
                arguments(with("meltanodata:groups", "{\"admin\":{\"members\":[\"ana@acme.io\"]},\"viewer\":{\"members\":[\"ANA@acme.io\"]}}"),
                        P + "config key 'meltanodata:groups': member 'ANA@acme.io' is in group 'admin' (admin) and group 'viewer' (viewer); a member's groups must grant the same cluster role"),
                arguments(with("meltanodata:groups", "{\"admin\":{\"membres\":[]}}"), P + "config key 'meltanodata:groups' has unknown field 'membres'; allowed fields: clusterRole, members, principals"),
                arguments(with("meltanodata:acl", "[{\"group\":\"finance\",\"permission\":\"view\"}]"), P + "config key 'meltanodata:acl[0].group' has value 'finance'; allowed: one of the site's groups [admin, developer, viewer]"),
                arguments(with("meltanodata:acl", "[{\"group\":\"admin\",\"permission\":\"own\"}]"), P + "config key 'meltanodata:acl[0].permission' has value 'own'; allowed: one of view, deploy, administer"),
                arguments(with("meltanodata:acl", "[{\"group\":\"admin\",\"permission\":\"view\",\"projects\":[\"a b\"]}]"), P + "config key 'meltanodata:acl[0]' has value 'a b'; allowed: project and environment names (lowercase, digits, '-') or *"),
                arguments(with("meltanodata:nodePoolCpuLimit", "1"), P + "config key 'meltanodata:nodePoolCpuLimit' has value '1'; allowed: a whole number from 2 to 4096"),
                arguments(with("meltanodata:nodeMaxCpu", "6"), P + "config key 'meltanodata:nodeMaxCpu' has value '6'; allowed: "
                        + "one of 2, 4, 8, 16, 32 (vCPUs of an EC2 size, at most 32 and at most nodePoolCpuLimit 64)"),
                arguments(with("meltanodata:nodeMaxCpu", "64"), P + "config key 'meltanodata:nodeMaxCpu' has value '64'; allowed: "
                        + "one of 2, 4, 8, 16, 32 (vCPUs of an EC2 size, at most 32 and at most nodePoolCpuLimit 64)"),
                arguments(with("meltanodata:nodeMaxCpu", "lots"), P + "config key 'meltanodata:nodeMaxCpu' has value 'lots'; allowed: "
                        + "one of 2, 4, 8, 16, 32 (vCPUs of an EC2 size, at most 32 and at most nodePoolCpuLimit 64)"),
                arguments(withBoth("meltanodata:nodePoolCpuLimit", "8", "meltanodata:nodeMaxCpu", "16"), P + "config key "
                        + "'meltanodata:nodeMaxCpu' has value '16'; allowed: one of 2, 4, 8 (vCPUs of an EC2 size, at most 32 and at most nodePoolCpuLimit 8)"),
                arguments(with("meltanodata:monthlyBudgetUsd", "0"), P + "config key 'meltanodata:monthlyBudgetUsd' has value '0'; allowed: a whole number from 1 to 1000000"),
                arguments(with("meltanodata:sitee", "acme"), P + "unknown config key 'meltanodata:sitee'; known keys: meltanodata:acl, meltanodata:fabricStack, meltanodata:groups, meltanodata:monthlyBudgetUsd, meltanodata:nodeMaxCpu, meltanodata:nodePoolCpuLimit, meltanodata:nodePoolMemoryGiB, meltanodata:noncurrentVersionDays, meltanodata:site"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValueFailsWithItsOwnMessageAndNothingIsCreated(Map<String, String> config, String message) {
        RuntimeException error = Topology.siteHarness("acme").renderFailing(ctx -> SiteInstanceProgram.run(ctx,
                SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml", config), "acme")));
        assertEquals(message, error.getMessage());
    }

    @Test
    void nodeMaxCpuDefaultsToEightOrTheLargestSizeWithinTheSitesPoolLimit() {
        assertEquals(8, SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml", Topology.siteConfig()), "acme").nodeMaxCpu());
        assertEquals(2, SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml", with("meltanodata:nodePoolCpuLimit", "3")), "acme").nodeMaxCpu());
        assertEquals(16, SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml", with("meltanodata:nodeMaxCpu", "16")), "acme").nodeMaxCpu());
    }

    @Test
    void requiredGroupsExistEvenWhenNotConfiguredAndCustomGroupsAreKept() {
        SiteInstanceConfig config = SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml",
                with("meltanodata:groups", "{\"analysts\":{\"members\":[\"eve@acme.io\"],\"clusterRole\":\"viewer\"}}")), "acme");
        assertEquals(List.of("admin", "developer", "viewer", "analysts"), config.groups().stream().map(SiteGroup::name).toList());
        assertEquals(ClusterRoleLevel.DEVELOPER, config.group("developer").clusterRole());
        assertEquals(ClusterRoleLevel.VIEWER, config.group("analysts").clusterRole());
        assertEquals("dev", config.fabricName());
    }

    @Test
    void theDefaultAclGivesEachBuiltInGroupItsLevelEverywhere() {
        SiteInstanceConfig config = SiteInstanceConfig.load(MapConfigSource.of("Pulumi.acme.yaml", Topology.siteConfig()), "acme");
        assertEquals(List.of("admin:administer", "developer:deploy", "viewer:view"),
                config.acl().stream().map(e -> e.group() + ":" + e.permission()).toList());
        assertEquals(true, config.acl().get(1).covers("analytics", "prod"));
        AclEntry narrow = new AclEntry("analysts", AclEntry.Permission.view, List.of("analytics"), List.of("prod"));
        assertEquals(false, narrow.covers("analytics", "dev"));
        assertEquals(false, narrow.covers("finance", "prod"));
    }
}
