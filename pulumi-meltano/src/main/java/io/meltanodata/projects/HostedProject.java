package io.meltanodata.projects;

import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.ChargeBackTransformation;

import java.util.List;
import java.util.Map;

/**
 * Layer 3: one git repository and its meltano.yml, hosted for a site. No compute: a registry,
 * secret containers and a CI deploy role, all charged to the site and project.
 */
public final class HostedProject extends ComponentResource {
    public static final String TYPE = "meltanodata:projects:HostedProject";

    private final Output<String> registryUrl;
    private final Output<String> deployRoleArn;
    private final Output<String> boundaryArn;
    private final Output<List<String>> secretArns;

    /**
     * @param checked resolves once the config's claims about the parent stack are confirmed
     *                ({@link io.meltanodata.components.contract.ParentChecks}); nothing of this
     *                component is registered before
     */
    public HostedProject(String name, ProjectSpec spec, SiteContext site, Output<List<Resource>> checked) {
        super(TYPE, name, ComponentResourceOptions.builder()
                .dependsOn(checked)
                .resourceTransformations(new ChargeBackTransformation(
                        ChargeBack.project(spec.fabric(), spec.site(), spec.project())))
                .build());
        ProjectRegistry registry = new ProjectRegistry(spec, site, this);
        ProjectSecrets secrets = new ProjectSecrets(spec, site, this);
        DeployRole deploy = new DeployRole(spec, site, registry, this);
        this.registryUrl = registry.repository().repositoryUrl();
        this.deployRoleArn = deploy.role().arn();
        this.boundaryArn = deploy.boundary().arn();
        this.secretArns = Output.all(secrets.secrets().stream().map(Secret::arn).toList());
        registerOutputs(Map.of("registryUrl", registryUrl, "deployRoleArn", deployRoleArn, "secretArns", secretArns));
    }

    public Output<String> registryUrl() {
        return registryUrl;
    }

    public Output<String> deployRoleArn() {
        return deployRoleArn;
    }

    /** The project boundary, which Layer 4 gives the environments' roles. */
    public Output<String> boundaryArn() {
        return boundaryArn;
    }

    public Output<List<String>> secretArns() {
        return secretArns;
    }
}
