package io.meltanodata.projects;

import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.siteinstances.SiteArns;

import java.util.List;
import java.util.Map;

/**
 * The project's container registry: {@code <fabric>/<site>/<project>}, so a site-wide IAM
 * statement can name {@code repository/<fabric>/<site>/*}. Scanned on push, encrypted with the
 * site key, tags immutable: the environments workflow tags each build
 * {@code <ref slug>-<12 hex of the commit>-<run id>-<run attempt>}, unique, and Layer 4 runs it by
 * digest, so no tag ever has to move.
 *
 * <p>The lifecycle expires only what no environment runs (ECR User Guide, "Lifecycle policies",
 * "Lifecycle policy properties" and "Examples of lifecycle policies",
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html): untagged images
 * a week after their push, and images tagged {@code retired-...}, which the workflow adds
 * (scripts/retire-images.sh) to a ref's other builds once {@code env up} deployed a new one, and to
 * all its builds once it is disposed; the newest {@code keepImages} retired ones stay for a look
 * back. No rule counts images of every tag ({@code tagStatus: any}), so pushes of other refs never
 * expire the build a live environment runs.
 */
final class ProjectRegistry {
    static final int UNTAGGED_DAYS = 7;
    /** The tag prefix scripts/retire-images.sh adds to the builds no environment runs. */
    static final String RETIRED = "retired-";

    private final Repository repository;

    ProjectRegistry(ProjectSpec spec, SiteContext site, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        this.repository = new Repository("registry", RepositoryArgs.builder()
                .name(repositoryName(spec))
                .imageTagMutability("IMMUTABLE")
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder()
                        .encryptionType("KMS").kmsKey(site.siteKeyArn()).build())
                .forceDelete(false)
                .build(), CustomResourceOptions.builder().parent(parent).retainOnDelete(true).build());
        new LifecyclePolicy("registry-lifecycle", LifecyclePolicyArgs.builder()
                .repository(repository.name())
                .policy(Output.of(lifecyclePolicy(spec.keepImages())))
                .build(), child);
    }

    static String repositoryName(ProjectSpec spec) {
        return repositoryName(spec.fabric(), spec.site(), spec.project());
    }

    static String repositoryName(String fabric, String site, String project) {
        return SiteArns.repositoryNamespace(fabric, site) + "/" + Names.of(NameKind.ECR_REPOSITORY, project);
    }

    static String lifecyclePolicy(int keepImages) {
        return io.meltanodata.components.Json.write(Map.of("rules", List.of(
                Map.of("rulePriority", 1, "description", "drop untagged images after " + UNTAGGED_DAYS + " days",
                        "selection", Map.of("tagStatus", "untagged", "countType", "sinceImagePushed",
                                "countUnit", "days", "countNumber", UNTAGGED_DAYS),
                        "action", Map.of("type", "expire")),
                Map.of("rulePriority", 2, "description", "keep the newest " + keepImages
                                + " images no environment runs (tagged " + RETIRED + "...), expire older ones",
                        "selection", Map.of("tagStatus", "tagged", "tagPrefixList", List.of(RETIRED),
                                "countType", "imageCountMoreThan", "countNumber", keepImages),
                        "action", Map.of("type", "expire")))));
    }

    Repository repository() {
        return repository;
    }
}
