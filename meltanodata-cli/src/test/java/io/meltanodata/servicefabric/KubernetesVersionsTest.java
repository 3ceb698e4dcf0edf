package io.meltanodata.servicefabric;

import io.meltanodata.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.meltanodata.servicefabric.FabricFixtures.render;
import static io.meltanodata.servicefabric.FabricFixtures.with;
import static io.meltanodata.testing.LayerHarness.input;
import static io.meltanodata.testing.LayerHarness.one;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fabric accepts exactly the Kubernetes versions its cluster can run. Sources:
 * EKS User Guide, "Understand the Kubernetes version lifecycle on EKS"
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html): release calendar,
 * end of extended support 1.31 on 2026-11-26, 1.32 on 2027-03-23, 1.36 the newest version listed;
 * "Create a cluster with Amazon EKS Auto Mode"
 * (https://docs.aws.amazon.com/eks/latest/userguide/create-auto.html): "EKS Auto Mode requires
 * Kubernetes version 1.29 or greater"; Kubernetes, "Validating Admission Policy"
 * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/): stable,
 * admissionregistration.k8s.io/v1, since 1.30.
 */
class KubernetesVersionsTest {
    private static final String ALLOWED = "1.32 to 1.36, the versions EKS offers that run Auto Mode (1.29+) and "
            + "ValidatingAdmissionPolicy v1 (1.30+), e.g. 1.33";

    @ParameterizedTest
    @ValueSource(strings = {"1.32", "1.33", "1.36"})
    void theClusterRunsAnAcceptedVersion(String version) {
        assertEquals(version, input(one(render(with("meltanodata:kubernetesVersion", version)),
                "aws:eks/cluster:Cluster"), "version"));
    }

    /** 1.28: no Auto Mode; 1.29: no VAP v1; 1.30, 1.31: past EKS's end of extended support; 1.37: not offered. */
    @ParameterizedTest
    @ValueSource(strings = {"1.28", "1.29", "1.30", "1.31", "1.37", "1.39", "1.33.5", "v1.33"})
    void anyOtherVersionFailsWithOneLineBeforeAnyResource(String version) {
        RuntimeException error = LayerHarness.stack(ServiceFabricProgram.PROJECT, "test").renderFailing(ctx ->
                ServiceFabricProgram.run(ctx, ServiceFabricConfig.load(FabricFixtures.source(
                        with("meltanodata:kubernetesVersion", version)), "test")));
        assertEquals("Pulumi.test.yaml: config key 'meltanodata:kubernetesVersion' has value '" + version
                + "'; allowed: " + ALLOWED, error.getMessage());
    }

    @Test
    void theDefaultIsTheVersionTheRealApiServerSuiteRuns() {
        assertEquals("1.33", input(one(render(FabricFixtures.validConfig()), "aws:eks/cluster:Cluster"), "version"));
    }
}
