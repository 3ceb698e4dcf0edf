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

import java.util.List;
import java.util.Map;

/**
 * The project's container registry: {@code <fabric>/<site>/<project>}, so a site-wide IAM
 * statement can name {@code repository/<fabric>/<site>/*}. Scanned on push, encrypted with the
 * site key, and a lifecycle that keeps the last N images and drops untagged layers after a week.
 * Tags are mutable: an environment runs {@code <repository>:<ref slug>}, which each push of the ref
 * moves to the new build (with immutable tags the second push of a branch failed); its pods pull
 * with {@code imagePullPolicy: Always}, so each run starts the ref's latest build.
 */
final class ProjectRegistry {
    static final int UNTAGGED_DAYS = 7;

    private final Repository repository;

    ProjectRegistry(ProjectSpec spec, SiteContext site, Resource parent) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        this.repository = new Repository("registry", RepositoryArgs.builder()
                .name(repositoryName(spec))
                .imageTagMutability("MUTABLE")
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
        return String.join("/", Names.of(NameKind.ECR_REPOSITORY, fabric),
                Names.of(NameKind.ECR_REPOSITORY, site), Names.of(NameKind.ECR_REPOSITORY, project));
    }

    static String lifecyclePolicy(int keepImages) {
        return io.meltanodata.components.Json.write(Map.of("rules", List.of(
                Map.of("rulePriority", 1, "description", "drop untagged layers after " + UNTAGGED_DAYS + " days",
                        "selection", Map.of("tagStatus", "untagged", "countType", "sinceImagePushed",
                                "countUnit", "days", "countNumber", UNTAGGED_DAYS),
                        "action", Map.of("type", "expire")),
                Map.of("rulePriority", 2, "description", "keep the last " + keepImages + " images",
                        "selection", Map.of("tagStatus", "any", "countType", "imageCountMoreThan",
                                "countNumber", keepImages),
                        "action", Map.of("type", "expire")))));
    }

    Repository repository() {
        return repository;
    }
}
