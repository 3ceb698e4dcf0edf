package io.meltanodata.components.kubernetes;

import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;

import java.util.Map;

/**
 * The security settings every MeltanoData container runs with: what the Pod Security
 * {@code restricted} level demands, plus a read-only root filesystem.
 */
public final class WorkloadSecurity {
    /** Labels that make a namespace enforce (and warn and audit at) Pod Security {@code restricted}. */
    public static final Map<String, String> RESTRICTED_NAMESPACE_LABELS = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest",
            "pod-security.kubernetes.io/warn", "restricted",
            "pod-security.kubernetes.io/audit", "restricted");
    public static final int NON_ROOT_UID = 10001;
    /**
     * The AWS CLI image that fetches a pod's secrets, pinned: the one image a tenant pod may run
     * that is not from its site's registry (Layer 2's admission policy allows exactly this tag).
     */
    public static final String SECRETS_FETCHER_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.27.50";

    private WorkloadSecurity() {
    }

    public static SecurityContextArgs container() {
        return SecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(NON_ROOT_UID)
                .readOnlyRootFilesystem(true)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                .build();
    }

    public static PodSecurityContextArgs pod() {
        return PodSecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(NON_ROOT_UID)
                .runAsGroup(NON_ROOT_UID)
                .fsGroup(NON_ROOT_UID)
                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                .build();
    }
}
