package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.preview.LayerRendering;
import io.meltanodata.preview.RecordedResource;
import io.meltanodata.preview.Rendering;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LIMIT-014 counts what a run puts together against the quotas AWS documents: Pod Identity
 * associations per cluster (Amazon EKS User Guide, "Learn how EKS Pod Identity grants pods access to
 * AWS services": up to 5,000, not adjustable) and metric filters per log group (CloudWatch Logs API
 * Reference, "PutMetricFilter": 100).
 */
class LimitRulesTest {
    static final PolicyRule QUOTAS = LimitRules.all().stream().filter(r -> r.id().equals("LIMIT-014")).findFirst().orElseThrow();

    @Test
    void oneAssociationOverAClustersQuotaIsAFindingOnTheLastOne() {
        List<RecordedResource> associations = new ArrayList<>();
        for (int i = 0; i <= 5_000; i++) {
            associations.add(resource("aws:eks/podIdentityAssociation:PodIdentityAssociation", "pia-" + i,
                    Map.of("clusterName", "meltanodata-dev")));
        }
        List<Finding> findings = QUOTAS.check(PolicyContext.of(List.of(stack("acme.analytics.prod.main", associations))));
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("LIMIT-014 acme.analytics.prod.main aws:eks/podIdentityAssociation:PodIdentityAssociation pia-5000: 5001 of "
                + "aws:eks/podIdentityAssociation:PodIdentityAssociation in clusterName 'meltanodata-dev'; the default quota "
                + "'Pod Identity associations per cluster' is 5000 (not adjustable) (EKS-POD-IDENTITY, Amazon EKS User Guide, "
                + "\"Learn how EKS Pod Identity grants pods access to AWS services\" (\"Up to 5,000 EKS Pod Identity associations per "
                + "cluster\"; not adjustable in Service Quotas), https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html)",
                findings.get(0).toString());
        associations.remove(associations.size() - 1);
        assertEquals(List.of(), QUOTAS.check(PolicyContext.of(List.of(stack("acme.analytics.prod.main", associations)))));
    }

    @Test
    void metricFiltersCountPerLogGroup() {
        List<RecordedResource> filters = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            filters.add(resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "f" + i, Map.of("logGroupName", i % 2 == 0 ? "a" : "b")));
        }
        assertEquals(List.of(), QUOTAS.check(PolicyContext.of(List.of(stack("dev", filters)))), "51 and 50: each group within 100");
    }

    /**
     * IAM User Guide, "IAM and AWS STS quotas" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
     * "Role policy size cannot exceed 10,240 characters", a role's inline policies together, white space not counted.
     * Two policies of 6,000 each fit alone; on one role, even from two stacks, they are one finding of LIMIT-001 on
     * the last; on two roles, none.
     */
    @Test
    void aRolesInlinePoliciesAreSummedAcrossTheRun() {
        PolicyRule iam = LimitRules.all().stream().filter(r -> r.id().equals("LIMIT-001")).findFirst().orElseThrow();
        String type = "aws:iam/rolePolicy:RolePolicy";
        String policy = "{\"Statement\":\"" + "x".repeat(6_000 - 16) + "\"}";
        assertEquals(6_000, policy.length());
        List<LayerRendering> oneRole = List.of(stack("acme.analytics", List.of(resource(type, "deploy-role-policy",
                Map.of("role", "dev-acme-analytics-deploy", "policy", policy)))), stack("acme.analytics.prod.main",
                List.of(resource(type, "environment-deploy-policy", Map.of("role", "dev-acme-analytics-deploy", "policy", policy)))));

        List<Finding> findings = iam.check(PolicyContext.of(oneRole));

        assertEquals(List.of("LIMIT-001 acme.analytics.prod.main aws:iam/rolePolicy:RolePolicy environment-deploy-policy: the "
                + "'policy' of every aws:iam/rolePolicy:RolePolicy of role 'dev-acme-analytics-deploy' together is 12000 "
                + "characters, white space not counted; IAM accepts at most 10240 (IAM-INLINE-SIZE, IAM User Guide, \"IAM and AWS "
                + "STS quotas, name requirements, and character limits\", "
                + "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)"),
                findings.stream().map(Finding::toString).toList());
        List<LayerRendering> twoRoles = List.of(stack("acme.analytics", List.of(
                resource(type, "a", Map.of("role", "one", "policy", policy)), resource(type, "b", Map.of("role", "two", "policy", policy)))));
        assertEquals(List.of(), iam.check(PolicyContext.of(twoRoles)));
    }

    private static RecordedResource resource(String type, String name, Map<String, Object> inputs) {
        return new RecordedResource(type, name, inputs, Optional.empty(), false, false, Optional.empty());
    }

    private static LayerRendering stack(String name, List<RecordedResource> resources) {
        Layer layer = name.contains(".") ? Layer.ACTIVATED_ENVIRONMENT : Layer.SERVICE_FABRIC;
        return new LayerRendering(layer, Path.of("Pulumi." + name + ".yaml"), new Rendering("p", name, resources, Map.of(), java.util.Set.of()));
    }
}
