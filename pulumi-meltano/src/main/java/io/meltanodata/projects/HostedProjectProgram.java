package io.meltanodata.projects;

import io.meltanodata.components.contract.ParentChecks;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.meltanodata.projects.meltano.MeltanoProject;
import io.meltanodata.projects.meltano.Schedule;
import io.meltanodata.projects.rules.BranchRule;
import io.meltanodata.siteinstances.SiteInstanceOutputs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Layer 3 stack program: read the site, build the project, export the project's contract. */
public final class HostedProjectProgram {
    public static final String PROJECT = "meltanodata-hosted-project";

    private HostedProjectProgram() {
    }

    public static HostedProjectOutputs run(Context ctx, HostedProjectConfig config) {
        var reference = new StackReference("site-instance", StackReferenceArgs.builder().name(config.siteStack()).build());
        SiteInstanceOutputs site = SiteInstanceOutputs.read(reference);
        // The fabric's name is in physical names and tags, so it is config; the site confirms it.
        var checked = ParentChecks.of(ctx)
                .same("meltanodata:fabric", config.fabric(), site.fabricName(), "the fabric site stack "
                        + config.siteStack() + " runs on")
                .same("aws:region", config.region(), site.region(), "the region of site stack " + config.siteStack())
                .passed(reference);
        HostedProject project = new HostedProject(config.project(), config.spec(), new SiteContext(site.accountId(),
                site.region(), site.fabricName(), site.site(), site.keyArn(), site.bucketName(), site.boundaryArn(),
                site.githubOidcProviderArn(), site.clusterName(), site.clusterArn(), site.jobLogGroupName()), checked);
        HostedProjectOutputs outputs = new HostedProjectOutputs(
                Output.of(config.project()),
                project.registryUrl(),
                Output.of(config.spec().secretsPath()),
                project.secretArns(),
                project.deployRoleArn(),
                project.boundaryArn(),
                Output.of(rulesExport(config.rules().rules())),
                Output.of(List.copyOf(config.meltano().environmentNames())),
                Output.of(schedulesExport(config.meltano())),
                Output.of(config.meltano().jobs().stream().map(j -> j.name()).toList()),
                // only what the platform image can serve: Layer 4 refuses the others
                Output.of(config.meltano().serviceNames().stream()
                        .filter(s -> !config.meltano().unservableServices().containsKey(s)).toList()),
                new SiteInstanceOutputs(site.site(), site.fabricName(), site.region(), site.accountId(), site.keyArn(),
                        site.bucketName(), site.boundaryArn(), site.rolePath(), site.adminRoleArn(), site.workloadRoleArn(),
                        site.nodePoolName(), site.nodeSelector(), site.nodeTaint(), site.namespaceLabels(),
                        site.clusterRoles(), site.groups(), site.acl(), site.secretsPrefix(), site.registryPrefix(),
                        site.clusterName(), site.clusterArn(), site.kubeconfig(), site.alertTopicArn(), site.userPoolId(),
                        site.jobLogGroupName(), site.githubOidcProviderArn()));
        outputs.exportTo(ctx);
        return outputs;
    }

    static List<Map<String, Object>> rulesExport(List<BranchRule> rules) {
        return rules.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("ref", r.ref().text());
            m.put("environment", r.environment());
            m.put("activated", r.activated());
            m.put("services", r.services());
            m.put("ttl", r.ttl().map(Object::toString).orElse(""));
            m.put("archiveOnDispose", r.archiveOnDispose());
            return m;
        }).toList();
    }

    static List<Map<String, Object>> schedulesExport(MeltanoProject meltano) {
        return meltano.schedules().stream().map((Schedule s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("cron", s.interval().cron().orElse(""));
            m.put("manual", s.interval().isManual());
            m.put("command", s.command());
            m.put("job", s.job().orElse(""));
            m.put("broken", s.broken().orElse(""));
            return m;
        }).toList();
    }
}
