package io.meltanodata.siteinstances;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRole;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBinding;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.kubernetes.AdmissionPolicy;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the site's project pipelines may do in Kubernetes to deploy Layer 4: create and manage
 * namespaces and the kinds an environment is made of, never Secrets, ClusterRoles or nodes, and
 * bind only the site's own role templates. Layer 3 maps each project's deploy role to the
 * group with an EKS access entry.
 *
 * <p>Two grants. Cluster-wide, only what must be: the namespaces themselves (RBAC cannot limit
 * {@code create} by name) and creating the RoleBinding that opens a new namespace to the group.
 * Everything else comes from the {@link #environmentRole(String) environment deployer} template,
 * which Layer 4 binds inside each of the site's namespaces: so the group reads and writes no
 * object in another site's namespaces, not even its CronJobs' specs. A ValidatingAdmissionPolicy
 * pins the cluster-wide writes to this site: the group may only touch namespaces labelled with
 * the site (and keeping Pod Security {@code restricted}), and objects inside them.
 */
public final class SiteDeployers {
    static final String SITE_LABEL = ChargeBack.LABEL_PREFIX + "site";
    static final String POD_SECURITY = "pod-security.kubernetes.io/enforce";
    static final List<String> MANAGE = List.of("get", "list", "watch", "create", "patch", "update", "delete");

    SiteDeployers(String site, Collection<String> siteClusterRoles, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        String name = group(site);
        var template = new ClusterRole("environment-deployer-role", ClusterRoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(environmentRole(site)).build())
                .rules(environmentRules())
                .build(), k8s);
        List<String> bindable = new ArrayList<>(siteClusterRoles);
        bindable.add(environmentRole(site));
        var role = new ClusterRole("deployer-role", ClusterRoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).build())
                .rules(rules(bindable))
                .build(), k8s);
        new ClusterRoleBinding("deployer-binding", ClusterRoleBindingArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).build())
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(name).build())
                .subjects(SubjectArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("Group").name(name).build())
                .build(), k8s);
        AdmissionPolicy.create("deployer-policy", name, Output.of(admissionPolicy(site)), Map.of(), kubernetes, parent,
                List.of(role, template));
    }

    /** The Kubernetes group of the site's deploy roles (the name of its ClusterRole, binding and policy too). */
    public static String group(String site) {
        return Names.of(NameKind.DNS_LABEL, "meltanodata", site, "deployers");
    }

    /**
     * The environment deployer template: never bound cluster-wide; Layer 4 binds it to the site's
     * deployers inside each environment namespace.
     */
    public static String environmentRole(String site) {
        return Names.of(NameKind.DNS_LABEL, "meltanodata", site, "environment", "deployer");
    }

    /** Cluster-wide: the namespaces, the RoleBinding that opens one to the group, and binding the site's templates. */
    static List<PolicyRuleArgs> rules(Collection<String> bindable) {
        List<PolicyRuleArgs> rules = new ArrayList<>();
        rules.add(rule("", List.of("namespaces"), MANAGE));
        // Server-side apply of a new object needs both create and patch.
        rules.add(rule("rbac.authorization.k8s.io", List.of("rolebindings"), List.of("create", "patch")));
        // Binding a role needs either its permissions or `bind` on it: only the site's templates.
        rules.add(PolicyRuleArgs.builder().apiGroups("rbac.authorization.k8s.io").resources("clusterroles")
                .resourceNames(List.copyOf(bindable)).verbs("bind").build());
        return rules;
    }

    /** Inside a site namespace, once Layer 4 has bound the template there: the kinds an environment is made of. */
    static List<PolicyRuleArgs> environmentRules() {
        List<PolicyRuleArgs> rules = new ArrayList<>();
        rules.add(rule("", List.of("serviceaccounts", "resourcequotas", "limitranges", "services"), MANAGE));
        rules.add(rule("networking.k8s.io", List.of("networkpolicies"), MANAGE));
        rules.add(rule("rbac.authorization.k8s.io", List.of("rolebindings"), MANAGE));
        rules.add(rule("batch", List.of("cronjobs", "jobs"), MANAGE));
        rules.add(rule("apps", List.of("deployments"), MANAGE));
        return rules;
    }

    /** CEL, evaluated by the API server for every write by the group. */
    static Map<String, Object> admissionPolicy(String site) {
        String siteOf = "has(%1$s.metadata.labels) && '" + SITE_LABEL + "' in %1$s.metadata.labels && %1$s.metadata.labels['"
                + SITE_LABEL + "'] == '" + site + "'";
        return Map.of(
                "failurePolicy", "Fail",
                "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of("*"), "apiVersions", List.of("*"),
                        "operations", List.of("CREATE", "UPDATE", "DELETE"), "resources", List.of("*")))),
                "matchConditions", List.of(Map.of("name", "site-deployers",
                        "expression", "'" + group(site) + "' in request.userInfo.groups")),
                "validations", List.of(
                        Map.of("expression", "request.resource.resource != 'namespaces' || "
                                        + "(request.operation == 'DELETE' || (" + siteOf.formatted("object") + "))"
                                        + " && (request.operation == 'CREATE' || (" + siteOf.formatted("oldObject") + "))",
                                "message", "a deployer of site " + site + " manages only namespaces labelled " + SITE_LABEL + "=" + site),
                        Map.of("expression", "request.resource.resource != 'namespaces' || request.operation == 'DELETE' || "
                                        + "(has(object.metadata.labels) && '" + POD_SECURITY + "' in object.metadata.labels && "
                                        + "object.metadata.labels['" + POD_SECURITY + "'] == 'restricted')",
                                "message", "site namespaces keep Pod Security " + POD_SECURITY + "=restricted"),
                        Map.of("expression", "request.resource.resource == 'namespaces' || "
                                        + "(namespaceObject != null && " + siteOf.formatted("namespaceObject") + ")",
                                "message", "a deployer of site " + site + " writes only inside the site's namespaces")));
    }

    private static PolicyRuleArgs rule(String group, List<String> resources, List<String> verbs) {
        return PolicyRuleArgs.builder().apiGroups(group).resources(resources).verbs(verbs).build();
    }
}
