package io.meltanodata.siteinstances;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.TagBudget;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import com.pulumi.resources.CustomResourceOptions;
import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.kubernetes.ClusterAccess;
import io.meltanodata.servicefabric.ServiceFabricOutputs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer 2: one organisation's isolation boundary on a fabric. Key, data bucket, permissions
 * boundary and roles; its people and their rights; its own tainted node pool and RBAC
 * templates. No always-on compute: nothing here runs until an environment schedules a pod.
 */
public final class SiteInstance extends ComponentResource {
    public static final String TYPE = "meltanodata:siteinstances:SiteInstance";

    private final SiteInstanceOutputs outputs;

    /**
     * @param checked resolves once the config's claims about the parent stack are confirmed
     *                ({@link io.meltanodata.components.contract.ParentChecks}); nothing of this
     *                component is registered before
     */
    public SiteInstance(SiteInstanceConfig config, ServiceFabricOutputs fabricOutputs, String fabricName,
                        Output<List<Resource>> checked) {
        super(TYPE, config.site(), ComponentResourceOptions.builder()
                .dependsOn(checked)
                .resourceTransformations(new ChargeBackTransformation(ChargeBack.site(fabricName, config.site())))
                .build());
        String site = config.site();
        FabricContext fabric = new FabricContext(fabricOutputs);
        SiteStorage storage = new SiteStorage(config, fabric, fabricName, this);
        SiteDirectory directory = new SiteDirectory(config, fabric, storage, this);
        Provider kubernetes = ClusterAccess.provider("cluster", fabricOutputs.kubeconfig(), this);
        SiteCompute compute = new SiteCompute(config, fabric, kubernetes, this);
        SiteRbac rbac = new SiteRbac(site, kubernetes, this);
        SitePodAdmission.create(site, SitePodAdmission.imagePrefix(fabricOutputs.accountId(), fabricOutputs.region(),
                fabricOutputs.fabricName(), site), kubernetes, this);
        new SiteDeployers(site, rbac.names().values(), kubernetes, this);
        // Node cost is visible natively here: the site's nodes carry meltanodata:site (SiteCompute).
        TagBudget.monthly("site-budget", Names.of(NameKind.BUDGET, "meltanodata", fabricName, site), config.monthlyBudgetUsd(),
                "site", site, fabricOutputs.alertTopicArn(), Output.of(config.group("admin").members()),
                CustomResourceOptions.builder().parent(this).build());
        // bill alerts (an environment's compute, from the CUR export) reach the same admins on the fabric's topic
        SiteAlertSubscriptions.create(site, fabricOutputs.alertTopicArn(), config.group("admin").members(), this);

        Map<String, Object> clusterRoles = new LinkedHashMap<>();
        rbac.names().forEach((level, name) -> clusterRoles.put(level.spelling(), name));
        Output<Map<String, Object>> groups = Output.all(config.groups().stream().map(g -> Output.of(g)).toList())
                .applyValue(all -> groupsExport(site, all));
        outputs = new SiteInstanceOutputs(
                Output.of(site),
                fabricOutputs.fabricName(),
                fabricOutputs.region(),
                fabricOutputs.accountId(),
                storage.key().arn(),
                storage.arns().applyValue(SiteArns::bucket),
                storage.boundary().arn(),
                Output.of(SiteArns.rolePath(fabricName, site)),
                storage.adminRole().arn(),
                storage.workloadRole().arn(),
                Output.of(compute.nodePoolName()),
                Output.of(Map.of(SiteCompute.SITE_LABEL, site)),
                Output.of(Map.copyOf(SiteCompute.taint(site))),
                Output.of(Map.of(SiteCompute.SITE_LABEL, site)),
                Output.of(clusterRoles),
                groups,
                Output.of(aclExport(config.acl())),
                Output.of(SiteArns.secretsPrefix(fabricName, site)),
                fabricOutputs.fabricName().applyValue(f -> f + "/" + site + "/"),
                fabricOutputs.clusterName(),
                fabricOutputs.clusterArn(),
                fabricOutputs.kubeconfig(),
                fabricOutputs.alertTopicArn(),
                fabricOutputs.userPoolId(),
                fabricOutputs.jobLogGroupName(),
                fabricOutputs.githubOidcProviderArn());
        registerOutputs(Map.of("keyArn", storage.key().arn(), "boundaryArn", storage.boundary().arn()));
    }

    static Map<String, Object> groupsExport(String site, List<SiteGroup> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SiteGroup g : groups) {
            out.put(g.name(), Map.of(
                    "clusterRole", g.clusterRole().spelling(),
                    "kubernetesGroup", SiteDirectory.kubernetesGroup(site, g.name()),
                    "cognitoGroup", SiteDirectory.cognitoGroupName(site, g.name()),
                    "members", g.members()));
        }
        return out;
    }

    static List<Map<String, Object>> aclExport(List<AclEntry> acl) {
        return acl.stream().map(e -> Map.<String, Object>of("group", e.group(), "permission", e.permission().name(),
                "projects", e.projects(), "environments", e.environments())).toList();
    }

    public SiteInstanceOutputs outputs() {
        return outputs;
    }
}
