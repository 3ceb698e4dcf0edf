package io.meltanodata.servicefabric;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may use the cluster's Kubernetes API (authentication mode API, so access entries only): the
 * platform admins and the pipelines' roles ({@link PipelineAccess}), each with
 * AmazonEKSClusterAdminPolicy at cluster scope. Nothing less works for either pipeline: Layers 1
 * and 2 apply cluster-scoped objects (Namespaces, ClusterRoles and their bindings, admission
 * policies, Auto Mode NodePools and NodeClasses) that AmazonEKSAdminPolicy and AmazonEKSEditPolicy
 * do not cover, creating a ClusterRole needs every permission it grants (RBAC escalation
 * prevention), and the preview's server-side dry run is authorized exactly like the real request.
 */
final class ClusterAccessEntries {
    static final String CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    /**
     * EKS: "access entry creation and updates are eventually consistent, and may take several
     * seconds to be effective". The Kubernetes provider waits this long after the newest association.
     */
    static final Duration SETTLE = Duration.ofSeconds(15);
    /** Go's time.Time.String(), how the AWS provider reports {@code associatedAt}. */
    private static final Pattern GO_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})(\\.\\d+)? ([+-]\\d{2})(\\d{2}).*");

    private final List<AccessPolicyAssociation> associations = new ArrayList<>();

    ClusterAccessEntries(ServiceFabricConfig config, Output<String> clusterName, Resource parent) {
        for (int i = 0; i < config.platformAdmins().size(); i++) {
            grant("admin-" + i, config.platformAdmins().get(i), clusterName, parent);
        }
        config.pipelines().roles().forEach((name, arn) -> grant(name, arn, clusterName, parent));
    }

    private void grant(String name, String principal, Output<String> clusterName, Resource parent) {
        var entry = new AccessEntry(name, AccessEntryArgs.builder()
                .clusterName(clusterName).principalArn(principal).type("STANDARD").build(),
                CustomResourceOptions.builder().parent(parent).build());
        associations.add(new AccessPolicyAssociation(name, AccessPolicyAssociationArgs.builder()
                .clusterName(clusterName).principalArn(principal).policyArn(CLUSTER_ADMIN)
                .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(entry).build()));
    }

    /** What a Kubernetes provider of this cluster must wait for. */
    List<Resource> associations() {
        return List.copyOf(associations);
    }

    /** The value, once every association has had {@link #SETTLE} to take effect. */
    <T> Output<T> settled(Output<T> value) {
        return settled(Output.all(associations.stream()
                .map(a -> a.associatedAt().applyValue(ClusterAccessEntries::parse)).toList()), value);
    }

    /** The value, {@link #SETTLE} after the newest of the times; at once when they are old or unknown. */
    static <T> Output<T> settled(Output<List<Optional<Instant>>> associatedAt, Output<T> value) {
        return Output.tuple(associatedAt, value).apply(t -> {
            Duration wait = remainingWait(t.t1, Instant.now());
            if (wait.isZero()) {
                return Output.of(t.t2);
            }
            return Output.of(CompletableFuture.supplyAsync(() -> t.t2,
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)));
        });
    }

    /** How long until the newest association is {@link #SETTLE} old; zero once it is, or when none is known. */
    static Duration remainingWait(List<Optional<Instant>> associatedAt, Instant now) {
        return associatedAt.stream().flatMap(Optional::stream).max(Instant::compareTo)
                .map(newest -> Duration.between(now, newest.plus(SETTLE)))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /** {@code 2026-12-03 07:56:29.123 +0000 UTC} (Go) or RFC 3339; anything else is treated as long ago. */
    static Optional<Instant> parse(String associatedAt) {
        if (associatedAt == null || associatedAt.isBlank()) {
            return Optional.empty();
        }
        try {
            Matcher go = GO_TIME.matcher(associatedAt);
            if (go.matches()) {
                String fraction = go.group(3) == null ? "" : go.group(3);
                return Optional.of(OffsetDateTime.parse(go.group(1) + "T" + go.group(2) + fraction + go.group(4) + ":"
                        + go.group(5), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(associatedAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
