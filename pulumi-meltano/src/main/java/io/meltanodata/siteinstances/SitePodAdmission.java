package io.meltanodata.siteinstances;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;
import io.meltanodata.components.kubernetes.AdmissionPolicy;
import io.meltanodata.components.kubernetes.WorkloadSecurity;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.List;
import java.util.Map;

/**
 * What any pod in the site's namespaces may be, whoever creates it (Layer 4's CronJobs, or a
 * site admin's own Deployment or a developer's Job): it runs on the site's nodes (selects them
 * and tolerates their taint, so it is refused at once rather than left unschedulable) and only
 * images of the site's registry (plus the pinned secrets fetcher). RBAC lets site groups create
 * workloads with any pod spec and every Auto Mode node pulls with the fabric's node role, so
 * without this a site could schedule onto another site's nodes or run another site's images.
 * A ValidatingAdmissionPolicy bound to the namespaces labelled with the site enforces it.
 */
final class SitePodAdmission {

    private SitePodAdmission() {
    }

    static void create(String site, Output<String> imagePrefix, Provider kubernetes, Resource parent) {
        AdmissionPolicy.create("pod-policy", name(site), imagePrefix.applyValue(prefix -> policy(site, prefix)),
                Map.of("namespaceSelector", Map.of("matchLabels", Map.of(SiteCompute.SITE_LABEL, site))), kubernetes,
                parent, List.of());
    }

    static String name(String site) {
        return Names.of(NameKind.DNS_LABEL, "meltanodata", site, "pods");
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<fabric>/<site>/}: the site's repositories. */
    static Output<String> imagePrefix(Output<String> accountId, Output<String> region, Output<String> fabric, String site) {
        return Output.tuple(accountId, region, fabric).applyValue(t ->
                t.t1 + ".dkr.ecr." + t.t2 + ".amazonaws.com/" + t.t3 + "/" + site + "/");
    }

    /** CEL, evaluated by the API server for every pod created or updated in the site's namespaces. */
    static Map<String, Object> policy(String site, String imagePrefix) {
        String label = SiteCompute.SITE_LABEL;
        String ownImage = "c.image.startsWith('" + imagePrefix + "')";
        String fetcher = "c.image == '" + WorkloadSecurity.SECRETS_FETCHER_IMAGE + "'";
        return Map.of(
                "failurePolicy", "Fail",
                "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of(""),
                        "apiVersions", List.of("v1"), "operations", List.of("CREATE", "UPDATE"),
                        "resources", List.of("pods")))),
                "validations", List.of(
                        Map.of("expression", "has(object.spec.nodeSelector) && '" + label + "' in object.spec.nodeSelector"
                                        + " && object.spec.nodeSelector['" + label + "'] == '" + site + "'",
                                "message", "pods of site " + site + " run only on its nodes: nodeSelector " + label + "=" + site),
                        Map.of("expression", "has(object.spec.tolerations) && object.spec.tolerations.exists(t, "
                                        + "has(t.key) && t.key == '" + label + "' && has(t.value) && t.value == '" + site + "'"
                                        + " && has(t.effect) && t.effect == 'NoSchedule')",
                                "message", "pods of site " + site + " tolerate its nodes' taint " + label + "=" + site + ":NoSchedule"),
                        Map.of("expression", "request.operation != 'CREATE' || !has(object.spec.nodeName)",
                                "message", "pods of site " + site + " are placed by the scheduler, not by spec.nodeName"),
                        Map.of("expression", "object.spec.containers.all(c, " + ownImage + ")",
                                "message", "containers of site " + site + " run images of " + imagePrefix + " only"),
                        Map.of("expression", "!has(object.spec.initContainers) || object.spec.initContainers.all(c, "
                                        + ownImage + " || " + fetcher + ")",
                                "message", "init containers of site " + site + " run images of " + imagePrefix
                                        + " or " + WorkloadSecurity.SECRETS_FETCHER_IMAGE + " only")));
    }
}
