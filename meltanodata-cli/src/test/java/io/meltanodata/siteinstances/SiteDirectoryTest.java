package io.meltanodata.siteinstances;

import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import io.meltanodata.testing.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Groups become Cognito groups with their members, and, with principals, IAM roles mapped to Kubernetes groups. */
class SiteDirectoryTest {
    static Rendering acme;

    @BeforeAll
    static void render() {
        Map<String, String> config = Topology.siteConfig();
        config.put("meltanodata:groups", "{\"admin\":{\"members\":[\"ana@acme.io\"],\"principals\":[\"arn:aws:iam::111122223333:role/AcmeAdmins\"]},"
                + "\"developer\":{\"members\":[\"bo@acme.io\",\"cy@acme.io\"]},"
                + "\"analysts\":{\"members\":[\"eve@acme.io\"],\"clusterRole\":\"viewer\",\"principals\":[\"arn:aws:iam::111122223333:role/AcmeAnalysts\"]}}");
        acme = Topology.site("acme", config);
    }

    @Test
    void everyGroupIsACognitoGroupInTheFabricsPoolWithItsMembers() {
        assertEquals(Set.of("acme-admin", "acme-developer", "acme-viewer", "acme-analysts"),
                acme.ofType("aws:cognito/userGroup:UserGroup").stream().map(g -> (String) input(g, "name")).collect(Collectors.toSet()));
        acme.ofType("aws:cognito/userGroup:UserGroup").forEach(g ->
                assertEquals(Topology.fabricOutputs().get("userPoolId"), input(g, "userPoolId")));
        assertEquals(Set.of("acme-admin/ana@acme.io", "acme-developer/bo@acme.io", "acme-developer/cy@acme.io",
                        "acme-analysts/eve@acme.io"),
                acme.ofType("aws:cognito/userInGroup:UserInGroup").stream()
                        .map(m -> input(m, "groupName") + "/" + input(m, "username")).collect(Collectors.toSet()));
    }

    @Test
    void groupsWithPrincipalsGetABoundedRoleMappedToTheirKubernetesGroup() {
        List<RecordedResource> entries = acme.ofType("aws:eks/accessEntry:AccessEntry");
        assertEquals(2, entries.size(), "developer has no principals: web UI only");
        RecordedResource analysts = named(acme, "aws:eks/accessEntry:AccessEntry", "group-access-analysts");
        assertEquals(List.of("meltanodata-acme-analysts"), input(analysts, "kubernetesGroups"));
        assertEquals("meltanodata-dev", input(analysts, "clusterName"));
        assertTrue(acme.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").isEmpty(),
                "access entries grant nothing by themselves; RBAC in the site's namespaces does");
        RecordedResource role = named(acme, "aws:iam/role:Role", "group-role-analysts");
        assertTrue(((String) input(role, "assumeRolePolicy")).contains("arn:aws:iam::111122223333:role/AcmeAnalysts"));
    }

    @Test
    void rbacTemplatesAreNamespacedReadableAndNeverTouchSecretsOrRbac() {
        List<RecordedResource> roles = acme.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").stream()
                .filter(r -> r.name().startsWith("cluster-role-")).toList();
        assertEquals(3, roles.size(), "viewer, developer, admin (the deployers' role is tested in SiteIsolationTest)");
        for (RecordedResource role : roles) {
            String text = role.inputs().get("rules").toString();
            assertFalse(text.contains("secrets"), role.name());
            assertFalse(text.contains("rolebindings") || text.contains("clusterroles"), role.name());
            assertFalse(text.contains("*"), role.name() + " uses a wildcard");
        }
        String viewer = named(acme, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "cluster-role-viewer").inputs().toString();
        assertFalse(viewer.contains("delete") || viewer.contains("create"), "viewers only read");
        String developer = named(acme, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "cluster-role-developer").inputs().toString();
        assertTrue(developer.contains("create"), "developers start manual runs (create Jobs)");
    }
}
