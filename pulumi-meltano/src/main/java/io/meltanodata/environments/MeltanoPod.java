package io.meltanodata.environments;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ObjectFieldSelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.TolerationArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import io.meltanodata.components.kubernetes.MeltanoRuns;
import io.meltanodata.components.kubernetes.WorkloadSecurity;

import java.util.List;
import java.util.Map;

/**
 * The pod every Meltano run and service of an environment runs in: on the site's nodes only
 * (node selector + toleration of the site's taint), as the environment's service account (Pod
 * Identity), hardened, with requests and limits, and Meltano configured by environment
 * variables. Secrets are fetched by an init container from Secrets Manager (with the pod's own
 * identity) into a memory-backed volume the Meltano container exports from: no secret value is
 * ever in Pulumi state or in a Kubernetes Secret.
 */
final class MeltanoPod {
    static final String SERVICE_ACCOUNT = "meltano";
    static final String SECRETS_DIR = "/run/secrets/meltano";
    static final String FETCH_SECRETS = "set -eu; for arn in $(echo \"$MELTANODATA_SECRET_ARNS\" | tr ',' ' '); do "
            + "name=$(echo \"$arn\" | sed -E 's#.*:secret:.*/([^/]+)-[A-Za-z0-9]{6}$#\\1#'); "
            + "aws secretsmanager get-secret-value --secret-id \"$arn\" --query SecretString --output text "
            + "> \"" + SECRETS_DIR + "/$name\"; done";

    private MeltanoPod() {
    }

    /** A StackReference map (values come back as Objects) as the String map Kubernetes expects. */
    static Map<String, String> stringMap(Map<String, Object> map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** Where a run's plugins write files that are copied to the artifacts bucket after the run. */
    static final String OUTPUT_DIR = "/tmp/meltanodata/output";

    /** The port a service's pod expects it on; meltano.yml commands use it as {@code --port $MELTANODATA_SERVICE_PORT}. */
    static final String SERVICE_PORT = "MELTANODATA_SERVICE_PORT";

    record Context(Output<String> image, List<EnvVarArgs> environment, Output<Map<String, String>> nodeSelector,
                   Output<TolerationArgs> toleration, Output<String> secretArns, String region,
                   ActivatedEnvironmentConfig.Quota quota) {
    }

    /**
     * The pod; its Meltano container runs the image's {@code meltanodata-run <meltanoArgs>}
     * (deployments/04_environments/image/): exports the fetched secrets to Meltano, links the plugins
     * installed at build time into the writable system directory, runs Meltano, copies the log and
     * the run's output to the artifacts bucket, writes the run's output to its job log stream, and
     * prints {@link MeltanoRuns#FAILED} (handed to it in {@link MeltanoRuns#FAILED_VARIABLE}) when Meltano fails.
     *
     * @param workload     {@code schedules/<name>} or {@code services/<plugin>:<command>} (Meltano's names): where its
     *                     runs' artifacts go under the artifacts bucket
     * @param meltanoArgs  the arguments of {@code meltano}
     */
    static PodSpecArgs spec(Context ctx, String workload, List<String> meltanoArgs, String restartPolicy, List<Integer> ports) {
        List<EnvVarArgs> environment = new java.util.ArrayList<>(ctx.environment());
        environment.add(EnvVarArgs.builder().name("MELTANODATA_WORKLOAD").value(workload).build());
        // names the run's job log stream; Kubernetes' downward API ("Expose Pod Information to
        // Containers Through Environment Variables")
        environment.add(EnvVarArgs.builder().name(MeltanoRuns.POD_NAME_VARIABLE).valueFrom(EnvVarSourceArgs.builder()
                .fieldRef(ObjectFieldSelectorArgs.builder().fieldPath("metadata.name").build()).build()).build());
        // a service listens where its container port, its probes (and the cluster) expect it
        ports.forEach(p -> environment.add(EnvVarArgs.builder().name(SERVICE_PORT).value(String.valueOf(p)).build()));
        List<String> command = new java.util.ArrayList<>(List.of(MeltanoRuns.RUNNER));
        command.addAll(meltanoArgs);
        var resources = ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", ctx.quota().podCpu(), "memory", ctx.quota().podMemory()))
                .limits(Map.of("cpu", ctx.quota().podCpu(), "memory", ctx.quota().podMemory()))
                .build();
        var secretsMount = VolumeMountArgs.builder().name("secrets").mountPath(SECRETS_DIR).build();
        var tmpMount = VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build();
        return PodSpecArgs.builder()
                .serviceAccountName(SERVICE_ACCOUNT)
                .automountServiceAccountToken(false)
                .restartPolicy(restartPolicy)
                .securityContext(WorkloadSecurity.pod())
                .nodeSelector(ctx.nodeSelector())
                .tolerations(ctx.toleration().applyValue(List::of))
                .initContainers(ContainerArgs.builder()
                        .name("fetch-secrets")
                        .image(WorkloadSecurity.SECRETS_FETCHER_IMAGE)
                        .command("/bin/sh", "-c", FETCH_SECRETS)
                        .env(EnvVarArgs.builder().name("MELTANODATA_SECRET_ARNS").value(ctx.secretArns()).build(),
                                EnvVarArgs.builder().name("AWS_REGION").value(ctx.region()).build(),
                                // AWS CLI v1 and boto3 read only AWS_DEFAULT_REGION
                                EnvVarArgs.builder().name("AWS_DEFAULT_REGION").value(ctx.region()).build(),
                                EnvVarArgs.builder().name("HOME").value("/tmp").build())
                        .securityContext(WorkloadSecurity.container())
                        .resources(ResourceRequirementsArgs.builder()
                                .requests(Map.of("cpu", "100m", "memory", "128Mi"))
                                .limits(Map.of("cpu", "200m", "memory", "256Mi")).build())
                        .volumeMounts(secretsMount, tmpMount)
                        .build())
                .containers(ContainerArgs.builder()
                        .name("meltano")
                        .image(ctx.image())
                        // a digest names one image for good: a node that has it needs no pull (Kubernetes,
                        // "Images", https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy)
                        .imagePullPolicy("IfNotPresent")
                        .command(command)
                        .env(environment)
                        .ports(ports.stream().map(p -> com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs.builder()
                                .containerPort(p).name("http").build()).toList())
                        .securityContext(WorkloadSecurity.container())
                        .resources(resources)
                        .volumeMounts(VolumeMountArgs.builder().name("secrets").mountPath(SECRETS_DIR).readOnly(true).build(),
                                tmpMount)
                        .build())
                .volumes(VolumeArgs.builder().name("secrets")
                                .emptyDir(EmptyDirVolumeSourceArgs.builder().medium("Memory").sizeLimit("1Mi").build()).build(),
                        VolumeArgs.builder().name("tmp")
                                .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("4Gi").build()).build())
                .build();
    }
}
