package io.meltanodata.servicefabric;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.chargeback.ChargeBackTransformation;
import io.meltanodata.components.kubernetes.ClusterAccess;

import java.util.List;
import java.util.Map;

/**
 * Layer 1: the shared fabric every site runs on. Network, KMS key, EKS cluster, monitoring, web
 * UI and API hosting, identity; everything tagged to the fabric by one transformation.
 */
public final class ServiceFabric extends ComponentResource {
    public static final String TYPE = "meltanodata:servicefabric:ServiceFabric";
    /**
     * The words the fabric's own physical names end with ({@code meltanodata-<fabric>-ui}, the UI
     * bucket; {@code meltanodata-<fabric>-node}, the node role; ...). A site derives
     * {@code meltanodata-<fabric>-<site>}, so no site may be named one of these (the policy rule
     * NAME-001 checks every rendered name against the fabric's).
     */
    public static final java.util.Set<String> NAME_WORDS = java.util.Set.of("ui", "alerts", "cluster", "node", "flowlogs",
            "observability", "failed", "jobs", "api", "billing", "bill");

    private final ServiceFabricOutputs outputs;

    /**
     * @param zones the zones AWS reports for the fabric's subnets; nothing of the fabric is
     *              registered before they are known and enough ({@link AvailabilityZones#of})
     */
    ServiceFabric(String name, ServiceFabricConfig config, Output<List<AvailabilityZones.Zone>> zones) {
        super(TYPE, name, ComponentResourceOptions.builder()
                .dependsOn(zones.applyValue(known -> List.<Resource>of()))
                .resourceTransformations(new ChargeBackTransformation(ChargeBack.fabric(config.fabricName())))
                .build());
        Output<String> accountId = AwsFunctions.getCallerIdentity().applyValue(id -> id.accountId());

        Network network = new Network(config, zones, this);
        FabricKey key = new FabricKey(config, accountId, this);
        Cluster cluster = new Cluster(config, network, key, this);
        Output<String> githubOidc = GitHubOidc.arn(config, this);
        Monitoring monitoring = new Monitoring(config, cluster, key, accountId, this);
        new BillingData(config, accountId, monitoring.alerts().arn(), key.key().arn(), githubOidc, this);
        WebHosting web = new WebHosting(config, this);
        Identity identity = new Identity(config, web.url(), accountId, this);

        var eks = cluster.cluster();
        Output<String> ca = eks.certificateAuthority().applyValue(c -> c.data().orElseThrow());
        Output<String> securityGroup = eks.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse(""));
        List<Resource> reachable = new java.util.ArrayList<>(cluster.access().associations());
        reachable.addAll(EndpointAccess.allow(config, securityGroup, this));
        // Whoever runs this program (an admin, the deploy pipeline) is let in by an entry of this run.
        Output<String> kubeconfig = cluster.access().settled(Output.tuple(eks.name(), eks.endpoint(), ca)
                .applyValue(t -> ClusterAccess.kubeconfig(t.t1, t.t2, t.t3, config.region())));
        Provider kubernetes = ClusterAccess.provider("cluster", kubeconfig, this, reachable);
        new NetworkPolicyController(kubernetes, this);
        PlatformCompute platform = new PlatformCompute(config, cluster, network, kubernetes, this);
        ApiHosting api = new ApiHosting(config, platform, kubernetes, this);
        web.publish(Output.tuple(identity.pool().id(), identity.webClient().id(), identity.authUrl(), web.url(), api.url())
                .applyValue(t -> new UiSettings(config.region(), t.t1, t.t2, t.t3, t.t4, t.t5)));

        outputs = new ServiceFabricOutputs(
                Output.of(config.fabricName()),
                Output.of(config.region()),
                accountId,
                network.vpc().id(),
                network.privateSubnetIds(),
                network.publicSubnetIds(),
                eks.name(),
                eks.endpoint(),
                ca,
                cluster.oidcIssuer(),
                cluster.clusterOidc().arn(),
                securityGroup,
                kubeconfig,
                cluster.nodeRole().name(),
                Output.of(config.platformAdmins()),
                monitoring.alerts().arn(),
                identity.pool().id(),
                identity.pool().arn(),
                monitoring.jobLogs().name(),
                web.url(),
                api.url(),
                githubOidc,
                eks.arn(),
                key.key().arn(),
                identity.authUrl(),
                identity.webClient().id());
        registerOutputs(Map.of("clusterName", eks.name(), "uiUrl", web.url()));
    }

    public ServiceFabricOutputs outputs() {
        return outputs;
    }
}
