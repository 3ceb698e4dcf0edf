package io.meltanodata.environments;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.TCPSocketActionArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;
import java.util.Map;

/**
 * What the environment runs: one CronJob per enabled schedule ({@code meltano schedule run <name>}
 * on the schedule's cron; manual schedules are suspended CronJobs started on demand with
 * {@code kubectl create job --from=cronjob/<name>}), one Deployment per long-running service
 * ({@code meltano invoke <plugin>:<command>}, with TCP probes).
 */
final class MeltanoWorkloads {
    /**
     * A run's pod blocks the voluntary disruption of its node: Auto Mode's consolidation would
     * otherwise evict a long ELT run to pack nodes tighter (Karpenter, "Well-Known Annotations",
     * karpenter.sh/do-not-disrupt, https://karpenter.sh/docs/reference/annotations/). The Job's
     * activeDeadlineSeconds bounds how long a node stays held. Services are not marked: their
     * Deployments reschedule.
     */
    static final Map<String, String> RUN_TO_COMPLETION = Map.of("karpenter.sh/do-not-disrupt", "true");

    /** A valid cron that never fires, for suspended (manual) schedules. */
    static final String NEVER = "0 0 31 2 *";
    static final int HISTORY = 3;
    static final int BACKOFF_LIMIT = 2;
    static final int STARTING_DEADLINE_SECONDS = 300;
    static final int FINISHED_TTL_SECONDS = 86_400;
    static final int READY_AFTER_SECONDS = 10;
    static final int LIVE_AFTER_SECONDS = 30;
    static final int PROBE_PERIOD_SECONDS = 15;

    MeltanoWorkloads(ActivatedEnvironmentConfig config, Output<List<Map<String, Object>>> declaredSchedules,
                     MeltanoPod.Context pod, Provider kubernetes, List<Resource> dependsOn, Resource parent) {
        var in = CustomResourceOptions.builder().parent(parent).provider(kubernetes).dependsOn(dependsOn).build();
        String namespace = config.namespace();
        for (String schedule : config.schedules()) {
            Output<Map<String, Object>> declared = declaredSchedules.applyValue(all -> all.stream()
                    .filter(s -> schedule.equals(s.get("name"))).findFirst()
                    // declaredSchedules resolves only after ActivatedEnvironmentProgram's ParentChecks refused unknown schedules
                    .orElseThrow(() -> new IllegalStateException("schedule '" + schedule + "' is not in the project")));
            String name = Names.of(NameKind.CRONJOB, schedule.toLowerCase(java.util.Locale.ROOT));
            new CronJob("schedule-" + schedule, CronJobArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(name).namespace(namespace)
                            .annotations(Map.of("meltanodata.io/schedule", schedule)).build())
                    .spec(CronJobSpecArgs.builder()
                            .schedule(declared.applyValue(s -> Boolean.TRUE.equals(s.get("manual")) ? NEVER : String.valueOf(s.get("cron"))))
                            .suspend(declared.applyValue(s -> Boolean.TRUE.equals(s.get("manual"))))
                            .timeZone("Etc/UTC")
                            .concurrencyPolicy("Forbid")
                            .startingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
                            .successfulJobsHistoryLimit(HISTORY)
                            .failedJobsHistoryLimit(HISTORY)
                            .jobTemplate(JobTemplateSpecArgs.builder()
                                    .metadata(ObjectMetaArgs.builder().labels(Map.of("meltanodata.io/schedule", name)).build())
                                    .spec(JobSpecArgs.builder()
                                            .backoffLimit(BACKOFF_LIMIT)
                                            .activeDeadlineSeconds(config.runDeadlineMinutes() * 60)
                                            .ttlSecondsAfterFinished(FINISHED_TTL_SECONDS)
                                            .template(PodTemplateSpecArgs.builder()
                                                    .metadata(ObjectMetaArgs.builder().labels(Map.of("meltanodata.io/schedule", name))
                                                            .annotations(RUN_TO_COMPLETION).build())
                                                    .spec(MeltanoPod.spec(pod, "schedules/" + schedule, List.of("schedule", "run", schedule),
                                                            "Never", List.of()))
                                                    .build())
                                            .build())
                                    .build())
                            .build())
                    .build(), in);
        }
        for (String service : config.services()) {
            String name = Names.of(NameKind.DNS_LABEL, service.toLowerCase(java.util.Locale.ROOT).replace(':', '-'));
            Map<String, String> app = Map.of("meltanodata.io/service", name);
            new Deployment("service-" + service.replace(':', '-'), DeploymentArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(name).namespace(namespace)
                            .annotations(Map.of("meltanodata.io/service", service)).build())
                    .spec(DeploymentSpecArgs.builder()
                            .replicas(1)
                            .selector(LabelSelectorArgs.builder().matchLabels(app).build())
                            .template(PodTemplateSpecArgs.builder()
                                    .metadata(ObjectMetaArgs.builder().labels(app).build())
                                    .spec(withProbes(MeltanoPod.spec(pod, "services/" + service, List.of("invoke", service), "Always",
                                            List.of(config.servicePort())), config.servicePort()))
                                    .build())
                            .build())
                    .build(), in);
        }
    }

    /** Adds readiness and liveness probes to the Meltano container of a service's pod. */
    private static com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs withProbes(
            com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs spec, int port) {
        var containers = spec.containers().applyValue(list -> list.stream().map(c -> {
            var builder = com.pulumi.kubernetes.core.v1.inputs.ContainerArgs.builder(c);
            return builder.readinessProbe(tcpProbe(port, READY_AFTER_SECONDS)).livenessProbe(tcpProbe(port, LIVE_AFTER_SECONDS)).build();
        }).toList());
        return com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs.builder(spec).containers(containers).build();
    }

    /** A fresh probe each time: Pulumi's Args builders mutate the one object they build. */
    private static ProbeArgs tcpProbe(int port, int initialDelaySeconds) {
        return ProbeArgs.builder().tcpSocket(TCPSocketActionArgs.builder().port(com.pulumi.core.Either.ofLeft(port)).build())
                .initialDelaySeconds(initialDelaySeconds).periodSeconds(PROBE_PERIOD_SECONDS).build();
    }
}
