package io.meltanodata.projects;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import io.meltanodata.components.contract.OutputKey;
import io.meltanodata.components.contract.StackOutputs;
import io.meltanodata.siteinstances.SiteInstanceOutputs;

import java.util.List;
import java.util.Map;

/**
 * The Layer 3 contract: the project's resources, its rules and what its meltano.yml declares,
 * plus the site facts an Activated Environment (Layer 4) builds on, so Layer 4 depends on this
 * contract only.
 */
public record HostedProjectOutputs(
        Output<String> project,
        Output<String> registryUrl,
        Output<String> secretsPrefix,
        Output<List<String>> secretArns,
        Output<String> deployRoleArn,
        Output<String> boundaryArn,
        Output<List<Map<String, Object>>> branchRules,
        Output<List<String>> environments,
        Output<List<Map<String, Object>>> schedules,
        Output<List<String>> jobs,
        Output<List<String>> services,
        SiteInstanceOutputs site) {

    public static final OutputKey<String> PROJECT = OutputKey.text("project");
    public static final OutputKey<String> REGISTRY_URL = OutputKey.text("registryUrl");
    public static final OutputKey<String> SECRETS_PREFIX = OutputKey.text("projectSecretsPrefix");
    public static final OutputKey<List<String>> SECRET_ARNS = OutputKey.textList("secretArns");
    public static final OutputKey<String> DEPLOY_ROLE_ARN = OutputKey.text("deployRoleArn");
    /** The project boundary, which every role of the project's environments carries. */
    public static final OutputKey<String> BOUNDARY_ARN = OutputKey.text("projectBoundaryArn");
    public static final OutputKey<List<Map<String, Object>>> BRANCH_RULES = OutputKey.mapList("branchRules");
    public static final OutputKey<List<String>> ENVIRONMENTS = OutputKey.textList("environments");
    public static final OutputKey<List<Map<String, Object>>> SCHEDULES = OutputKey.mapList("schedules");
    public static final OutputKey<List<String>> JOBS = OutputKey.textList("jobs");
    public static final OutputKey<List<String>> SERVICES = OutputKey.textList("services");

    /** The project's own outputs; the site's outputs are re-exported under their Layer 2 names. */
    public static final List<String> OWN_NAMES = List.of(PROJECT.name(), REGISTRY_URL.name(), SECRETS_PREFIX.name(),
            SECRET_ARNS.name(), DEPLOY_ROLE_ARN.name(), BOUNDARY_ARN.name(), BRANCH_RULES.name(), ENVIRONMENTS.name(), SCHEDULES.name(),
            JOBS.name(), SERVICES.name());

    public void exportTo(Context ctx) {
        StackOutputs.export(ctx, PROJECT, project);
        StackOutputs.export(ctx, REGISTRY_URL, registryUrl);
        StackOutputs.export(ctx, SECRETS_PREFIX, secretsPrefix);
        StackOutputs.export(ctx, SECRET_ARNS, secretArns);
        StackOutputs.export(ctx, DEPLOY_ROLE_ARN, deployRoleArn);
        StackOutputs.export(ctx, BOUNDARY_ARN, boundaryArn);
        StackOutputs.export(ctx, BRANCH_RULES, branchRules);
        StackOutputs.export(ctx, ENVIRONMENTS, environments);
        StackOutputs.export(ctx, SCHEDULES, schedules);
        StackOutputs.export(ctx, JOBS, jobs);
        StackOutputs.export(ctx, SERVICES, services);
        site.exportTo(ctx);
    }

    public static HostedProjectOutputs read(StackReference project) {
        return new HostedProjectOutputs(
                StackOutputs.read(project, PROJECT), StackOutputs.read(project, REGISTRY_URL),
                StackOutputs.read(project, SECRETS_PREFIX), StackOutputs.read(project, SECRET_ARNS),
                StackOutputs.read(project, DEPLOY_ROLE_ARN), StackOutputs.read(project, BOUNDARY_ARN),
                StackOutputs.read(project, BRANCH_RULES),
                StackOutputs.read(project, ENVIRONMENTS), StackOutputs.read(project, SCHEDULES),
                StackOutputs.read(project, JOBS), StackOutputs.read(project, SERVICES),
                SiteInstanceOutputs.read(project));
    }
}
