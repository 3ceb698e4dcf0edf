package io.meltanodata.servicefabric;

import java.util.List;

/**
 * The Kubernetes versions a fabric's cluster may run: those EKS still offers for new clusters
 * (standard or extended support) that also run everything the layers need.
 *
 * <ul>
 *   <li>EKS Auto Mode needs 1.29 or newer (EKS User Guide, "Create a cluster with Amazon EKS Auto
 *       Mode").</li>
 *   <li>Layer 2's {@code admissionregistration.k8s.io/v1} ValidatingAdmissionPolicy is GA, and
 *       served as v1, from 1.30.</li>
 *   <li>EKS creates clusters only on versions before their end of extended support: 1.29 ended on
 *       2026-03-23, 1.30 on 2026-07-23, 1.31 on 2026-11-26; 1.32 is offered until 2027-03-23
 *       (EKS User Guide, "Understand the Kubernetes version lifecycle on EKS", release calendar).</li>
 *   <li>1.36 is the newest version the EKS documentation lists; later ones are not offered.</li>
 * </ul>
 * When EKS's calendar moves (a version reaches its end of extended support, a new one is
 * released), this list moves with it.
 */
public final class KubernetesVersions {
    /** Oldest first. */
    public static final List<String> ACCEPTED = List.of("1.32", "1.33", "1.34", "1.35", "1.36");
    /** The version the real-component suite's kube-apiserver runs (README, "Tests"). */
    public static final String DEFAULT = "1.33";
    public static final String ALLOWED = ACCEPTED.get(0) + " to " + ACCEPTED.get(ACCEPTED.size() - 1)
            + ", the versions EKS offers that run Auto Mode (1.29+) and ValidatingAdmissionPolicy v1 (1.30+), e.g. "
            + DEFAULT;

    private KubernetesVersions() {
    }

    public static boolean accepted(String version) {
        return ACCEPTED.contains(version);
    }
}
