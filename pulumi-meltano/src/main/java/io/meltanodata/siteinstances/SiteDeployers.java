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
 * bind only the site's own role templates. RBAC cannot limit {@code create} by name, so the
 * grant is cluster-wide and a ValidatingAdmissionPolicy pins it to this site: the group may
 * only touch namespaces labelled with the site (and keeping Pod Security {@code restricted}),
 * and objects inside them. Layer 3 maps each project's deploy role to the group with an EKS
 * access entry.
 */
public final class SiteDeployers {
    static final String SITE_LABEL = ChargeBack.LABEL_PREFIX + "site";
    static final String POD_SECURITY = "pod-security.kubernetes.io/enforce";
    static final List<String> MANAGE = List.of("get", "list", "watch", "create", "patch", "update", "delete");

    SiteDeployers(String site, Collection<String> siteClusterRoles, Provider kubernetes, Resource parent) {
        var k8s = CustomResourceOptions.builder().parent(parent).provider(kubernetes).build();
        String name = group(site);
        var role = new ClusterRole("deployer-role", ClusterRoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).build())
                .rules(rules(siteClusterRoles))
                .build(), k8s);
        new ClusterRoleBinding("deployer-binding", ClusterRoleBindingArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).build())
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(name).build())
                .subjects(SubjectArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("Group").name(name).build())
                .build(), k8s);
        AdmissionPolicy.create("deployer-policy", name, Output.of(admissionPolicy(site)), Map.of(), kubernetes, parent,
                List.of(role));
    }

    /** The Kubernetes group of the site's deploy roles (the name of its ClusterRole, binding and policy too). */
    public static String group(String site) {
        return Names.of(NameKind.DNS_LABEL, "meltanodata", site, "deployers");
    }

    static List<PolicyRuleArgs> rules(Collection<String> siteClusterRoles) {
        List<PolicyRuleArgs> rules = new ArrayList<>();
        rules.add(rule("", List.of("namespaces", "serviceaccounts", "resourcequotas", "limitranges", "services"), MANAGE));
        rules.add(rule("networking.k8s.io", List.of("networkpolicies"), MANAGE));
        rules.add(rule("rbac.authorization.k8s.io", List.of("rolebindings"), MANAGE));
        rules.add(rule("batch", List.of("cronjobs", "jobs"), MANAGE));
        rules.add(rule("apps", List.of("deployments"), MANAGE));
        // Binding a role needs either its permissions or `bind` on it: only the site's templates.
        rules.add(PolicyRuleArgs.builder().apiGroups("rbac.authorization.k8s.io").resources("clusterroles")
                .resourceNames(List.copyOf(siteClusterRoles)).verbs("bind").build());
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
