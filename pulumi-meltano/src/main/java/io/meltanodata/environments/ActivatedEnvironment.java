package io.meltanodata.environments;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.TolerationArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.kubernetes.ClusterAccess;
import io.meltanodata.components.kubernetes.MeltanoRuns;
import io.meltanodata.projects.HostedProjectOutputs;
import io.meltanodata.components.naming.StackNames;

import java.util.List;
import java.util.Map;

/**
 * Layer 4: one git ref of one project running in one Meltano environment. Its namespace,
 * identity, artifacts, schedules and services, and a budget; every resource charged to the site,
 * project, environment, ref and instance. Nothing runs between scheduled runs: pods exist only
 * while a run does, on the site's node pool, which scales to zero.
 */
public final class ActivatedEnvironment extends ComponentResource {
    public static final String TYPE = "meltanodata:environments:ActivatedEnvironment";

    private final ActivatedEnvironmentOutputs outputs;

    /**
     * @param checked resolves once the config's claims about the parent stack are confirmed
     *                ({@link io.meltanodata.components.contract.ParentChecks}); nothing of this
     *                component is registered before
     */
    public ActivatedEnvironment(ActivatedEnvironmentConfig config, HostedProjectOutputs project,
                                Output<List<Resource>> checked) {
        super(TYPE, config.namespace(), ComponentResourceOptions.builder()
                .dependsOn(checked)
                .resourceTransformations(new ChargeBackTransformation(chargeBack(config)))
                .build());
        var site = project.site();
        Provider kubernetes = ClusterAccess.provider("cluster", site.kubeconfig(), this);
        EnvironmentNamespace namespace = new EnvironmentNamespace(config, project, kubernetes, this);
        EnvironmentStorage storage = new EnvironmentStorage(config, site.keyArn(), this);
        EnvironmentIdentity identity = new EnvironmentIdentity(config, project, storage, namespace, this);

        Output<String> stateUri = site.bucketName().applyValue(b -> "s3://" + b + "/" + config.dataPrefix() + "state");
        Output<String> artifactsUri = storage.artifacts().bucket().applyValue(b -> "s3://" + b + "/");
        List<EnvVarArgs> environment = List.of(
                env("MELTANO_ENVIRONMENT", Output.of(config.environment())),
                env("MELTANO_STATE_BACKEND_URI", stateUri),
                env("MELTANO_SYS_DIR_ROOT", Output.of("/tmp/.meltano")),
                env("MELTANO_PROJECT_READONLY", Output.of("true")),
                env("MELTANO_SEND_ANONYMOUS_USAGE_STATS", Output.of("false")),
                env("MELTANODATA_ARTIFACTS_URI", artifactsUri),
                env("MELTANODATA_OUTPUT_DIR", Output.of(MeltanoPod.OUTPUT_DIR)),
                env("MELTANODATA_SECRETS_DIR", Output.of(MeltanoPod.SECRETS_DIR)),
                env("MELTANODATA_REF", Output.of(config.ref().full())),
                // the run's output goes to its own stream <prefix><pod name> of the fabric's job log
                // group (decision 0008), where the failed-run metric filter counts the mark's lines
                env(MeltanoRuns.LOG_GROUP_VARIABLE, site.jobLogGroupName()),
                env(MeltanoRuns.LOG_STREAM_PREFIX_VARIABLE, Output.of(config.jobLogStreamPrefix())),
                env(MeltanoRuns.FAILED_VARIABLE, Output.of(MeltanoRuns.FAILED)),
                env("AWS_REGION", Output.of(config.region())),
                // boto3 (Meltano's S3 state backend, Python taps) reads only AWS_DEFAULT_REGION
                env("AWS_DEFAULT_REGION", Output.of(config.region())),
                env("HOME", Output.of("/tmp")));
        MeltanoPod.Context pod = new MeltanoPod.Context(
                // the build the workflow just pushed, by digest: a new build changes the pod template, so
                // Deployments roll out and CronJobs start it; a tag could move under a running environment
                project.registryUrl().applyValue(url -> url + "@" + config.imageDigest()),
                environment,
                site.nodeSelector().applyValue(MeltanoPod::stringMap),
                site.nodeTaint().applyValue(t -> TolerationArgs.builder().key(String.valueOf(t.get("key")))
                        .operator("Equal").value(String.valueOf(t.get("value"))).effect(String.valueOf(t.get("effect"))).build()),
                project.secretArns().applyValue(arns -> String.join(",", arns)),
                config.region(),
                config.quota());
        // The schedules are looked up only once the checks passed: a schedule the project lacks then
        // fails with the check's one-line error, never with the lookup's, whichever output resolves first.
        Output<List<Map<String, Object>>> schedules = checked.apply(passed -> project.schedules());
        // pods are admitted only once their service account and its Pod Identity association exist
        new MeltanoWorkloads(config, schedules, pod, kubernetes,
                List.of(namespace.serviceAccount(), identity.association()), this);
        String instance = instanceName(config);
        Output<List<String>> siteAdmins = site.groups().applyValue(groups -> groups.get("admin") instanceof Map<?, ?> admin
                && admin.get("members") instanceof List<?> members ? members.stream().map(String::valueOf).toList() : List.of());
        CostGuard guard = new CostGuard(config, instance, site.alertTopicArn(), siteAdmins, this);

        outputs = new ActivatedEnvironmentOutputs(
                Output.of(config.namespace()),
                Output.of(config.environment()),
                Output.of(config.ref().full()),
                Output.of(config.services()),
                project.schedules().applyValue(all -> all.stream()
                        .filter(s -> config.schedules().contains(String.valueOf(s.get("name"))))
                        .map(s -> Map.<String, Object>of("name", s.get("name"), "cron", s.get("cron"), "manual", s.get("manual")))
                        .toList()),
                stateUri,
                artifactsUri,
                config.archiveOnDispose() ? artifactsUri : Output.of(""),
                identity.role().arn(),
                Output.of(config.ttl().map(Object::toString).orElse("")),
                Output.of(config.archiveOnDispose()),
                guard.budget().name());
        registerOutputs(Map.of("namespace", outputs.namespace(), "roleArn", outputs.roleArn()));
    }

    static String instanceName(ActivatedEnvironmentConfig config) {
        return StackNames.environment(config.site(), config.project(), config.environment(), config.ref());
    }

    /** The charge-back tags and labels of everything the environment creates (its line of the bill). */
    public static ChargeBack chargeBack(ActivatedEnvironmentConfig config) {
        return ChargeBack.environment(config.fabric(), config.site(), config.project(), config.environment(),
                config.ref().full()).withInstance(instanceName(config));
    }

    private static EnvVarArgs env(String name, Output<String> value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    public ActivatedEnvironmentOutputs outputs() {
        return outputs;
    }
}
