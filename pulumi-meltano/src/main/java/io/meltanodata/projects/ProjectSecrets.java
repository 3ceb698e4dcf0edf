package io.meltanodata.projects;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * One Secrets Manager secret per declared name, under the project's path and encrypted with the
 * site key. Only the containers are created: values are put with
 * {@code aws secretsmanager put-secret-value} by the project's owners, so no secret value ever
 * passes through code, config or Pulumi state.
 */
final class ProjectSecrets {
    static final int RECOVERY_WINDOW_DAYS = 30;

    private final List<Secret> secrets;

    ProjectSecrets(ProjectSpec spec, SiteContext site, Resource parent) {
        this.secrets = spec.secretNames().stream().map(name -> new Secret("secret-" + name, SecretArgs.builder()
                .name(spec.secretsPath() + name)
                .description("MeltanoData " + spec.site() + "/" + spec.project() + ": " + name
                        + " (value set out of band, never in Pulumi state)")
                .kmsKeyId(site.siteKeyArn())
                .recoveryWindowInDays(RECOVERY_WINDOW_DAYS)
                .build(), CustomResourceOptions.builder().parent(parent).retainOnDelete(true).build())).toList();
    }

    List<Secret> secrets() {
        return secrets;
    }
}
