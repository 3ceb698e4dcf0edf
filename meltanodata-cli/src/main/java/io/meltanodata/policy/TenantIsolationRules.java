package io.meltanodata.policy;

import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.components.iam.KeyPolicies;
import io.meltanodata.preview.RecordedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.meltanodata.policy.PolicyRule.ofType;
import static io.meltanodata.policy.PolicyRule.perResource;

/** One site can never reach another's resources. */
final class TenantIsolationRules {
    static final List<String> DATA_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:*",
            "secretsmanager:GetSecretValue", "secretsmanager:*", "kms:Decrypt", "kms:*", "*");
    static final String POD_TEMPLATE = "spec.jobTemplate.spec.template.spec";

    private TenantIsolationRules() {
    }

    static List<PolicyRule> all() {
        return List.of(
                perResource("ISO-001", "every tenant IAM role carries the site permissions boundary", ofType("aws:iam/role:Role"),
                        (stack, r) -> stack.isTenant() && Inputs.text(r, "permissionsBoundary").isEmpty()
                                ? "tenant role without the site permissions boundary" : null),
                otherSitesNeverNamed(),
                perResource("ISO-003", "no Allow of a data action on Resource \"*\"", Inputs::hasPolicy, (stack, r) -> {
                    if (r.type().equals("aws:kms/keyPolicy:KeyPolicy")) {
                        return null; // "*" in a key policy is the key itself
                    }
                    for (Map<String, Object> st : Inputs.statements(r)) {
                        boolean wildcard = Inputs.asList(st.get("Resource")).contains("*");
                        List<?> actions = Inputs.asList(st.get("Action"));
                        if ("Allow".equals(st.get("Effect")) && wildcard && actions.stream().anyMatch(DATA_ACTIONS::contains)) {
                            return "statement " + st.get("Sid") + " allows " + actions + " on \"*\"";
                        }
                    }
                    return null;
                }),
                perResource("ISO-004", "an environment's RoleBindings bind only its site's role templates and groups",
                        ofType("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"), (stack, r) -> {
                            String site = stack.site().orElse("");
                            String prefix = "meltanodata-" + site + "-";
                            if (!Inputs.text(r, "roleRef.name").startsWith(prefix)) {
                                return "binds role " + Inputs.text(r, "roleRef.name") + ", not one of site " + site;
                            }
                            for (Object subject : Inputs.list(r, "subjects")) {
                                String name = String.valueOf(((Map<?, ?>) subject).get("name"));
                                if (!name.startsWith(prefix)) {
                                    return "binds subject " + name + ", not a group of site " + site;
                                }
                            }
                            return null;
                        }),
                perResource("ISO-005", "tenant pods schedule only on their site's nodes",
                        ofType("kubernetes:batch/v1:CronJob", "kubernetes:apps/v1:Deployment"), (stack, r) -> {
                            if (!stack.isTenant()) {
                                return null;
                            }
                            String spec = r.type().endsWith("CronJob") ? POD_TEMPLATE : "spec.template.spec";
                            String site = stack.site().orElse("");
                            Object selector = Inputs.get(r, spec + ".nodeSelector").orElse(Map.of());
                            if (!Map.of("meltanodata.io/site", site).equals(selector)) {
                                return "nodeSelector " + selector + " is not the site's nodes";
                            }
                            for (Object toleration : Inputs.list(r, spec + ".tolerations")) {
                                Object value = ((Map<?, ?>) toleration).get("value");
                                if (!site.equals(value)) {
                                    return "tolerates " + toleration + ", not only the site's taint";
                                }
                            }
                            return null;
                        }),
                sitePodsAdmittedOnlyOnItsNodesWithItsImages(),
                siteKeyDeniesItsUseToOtherPrincipals());
    }

    /**
     * ISO-009: the key policy's account statement lets any IAM policy grant the key, so a site key
     * must deny its use to principals not tagged with the site, and must never deny its management
     * (a key nobody can manage is locked out for good).
     */
    private static PolicyRule siteKeyDeniesItsUseToOtherPrincipals() {
        return perResource("ISO-009", "a site key denies its use to principals not tagged with the site, never its management",
                ofType("aws:kms/keyPolicy:KeyPolicy"), (stack, r) -> {
                    if (!stack.isTenant()) {
                        return null;
                    }
                    String site = stack.site().orElseThrow();
                    List<Map<String, Object>> denies = Inputs.statements(r).stream().filter(st -> "Deny".equals(st.get("Effect"))).toList();
                    for (Map<String, Object> st : denies) {
                        List<?> actions = Inputs.asList(st.get("Action"));
                        if (!KeyPolicies.CRYPTOGRAPHIC.containsAll(actions)) {
                            return "statement " + st.get("Sid") + " denies " + actions + ": key management must never be denied";
                        }
                    }
                    boolean denied = denies.stream().anyMatch(st -> Inputs.asList(st.get("Action")).containsAll(KeyPolicies.CRYPTOGRAPHIC)
                            && Map.of("AWS", "*").equals(st.get("Principal"))
                            && st.get("Condition") instanceof Map<?, ?> c && c.get("StringNotEquals") instanceof Map<?, ?> not
                            && site.equals(not.get("aws:PrincipalTag/meltanodata:site")));
                    return denied ? null : "no Deny of the key's use to principals not tagged meltanodata:site=" + site;
                });
    }

    /**
     * ISO-006: site groups may create workloads with any pod spec, so each site has an admission
     * policy, bound to its namespaces, that admits only pods on its nodes running its images.
     */
    private static PolicyRule sitePodsAdmittedOnlyOnItsNodesWithItsImages() {
        String policyType = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
        String bindingType = policyType + "Binding";
        return PolicyRule.of("ISO-006", "a site's namespaces admit only pods on its nodes running its images", context -> {
            List<Finding> findings = new ArrayList<>();
            for (PolicyContext.Stack stack : context.stacks()) {
                if (stack.layer() != Layer.SITE_INSTANCE) {
                    continue;
                }
                String site = stack.site().orElseThrow();
                List<RecordedResource> resources = stack.rendering().rendering().resources();
                RecordedResource policy = resources.stream().filter(r -> r.type().equals(policyType)
                        && Inputs.list(r, "spec.matchConstraints.resourceRules").toString().contains("resources=[pods]"))
                        .findFirst().orElse(null);
                if (policy == null) {
                    findings.add(new Finding("ISO-006", stack.name(), policyType, "-", "no admission policy for the site's pods"));
                    continue;
                }
                String validations = Inputs.list(policy, "spec.validations").toString();
                if (!validations.contains("object.spec.nodeSelector['meltanodata.io/site'] == '" + site + "'")
                        || !validations.contains("/" + site + "/')")) {
                    findings.add(new Finding("ISO-006", stack.name(), policyType, policy.name(),
                            "does not require the site's node selector and registry"));
                }
                String name = Inputs.text(policy, "metadata.name");
                boolean bound = resources.stream().anyMatch(r -> r.type().equals(bindingType)
                        && name.equals(Inputs.text(r, "spec.policyName"))
                        && Map.of("meltanodata.io/site", site).equals(
                                Inputs.get(r, "spec.matchResources.namespaceSelector.matchLabels").orElse(null)));
                if (!bound) {
                    findings.add(new Finding("ISO-006", stack.name(), bindingType, resources.stream()
                            .filter(r -> r.type().equals(bindingType) && name.equals(Inputs.text(r, "spec.policyName")))
                            .map(RecordedResource::name).findFirst().orElse("-"),
                            "the pod policy is not bound to exactly the namespaces labelled meltanodata.io/site=" + site));
                }
            }
            return findings;
        });
    }

    /** ISO-002: nothing a tenant stack sends to AWS or Kubernetes names another site. */
    private static PolicyRule otherSitesNeverNamed() {
        return PolicyRule.of("ISO-002", "no policy, binding or network rule of one site names another site", context -> {
            List<Finding> findings = new ArrayList<>();
            List<String> sites = context.sites();
            for (PolicyContext.Stack stack : context.stacks()) {
                if (stack.layer() == Layer.SERVICE_FABRIC) {
                    continue;
                }
                // Each scoped resource's inputs as text once per stack, not once per other site: a fleet's
                // check is stacks x sites x resources.
                List<RecordedResource> scoped = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (RecordedResource r : stack.rendering().rendering().resources()) {
                    if (Inputs.hasPolicy(r) || r.type().startsWith("kubernetes:rbac")
                            || r.type().startsWith("kubernetes:networking") || r.type().startsWith("kubernetes:admissionregistration")) {
                        scoped.add(r);
                        texts.add(r.inputs().toString());
                    }
                }
                for (String other : sites) {
                    if (other.equals(stack.site().orElseThrow())) {
                        continue;
                    }
                    Pattern mention = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(other) + "(?![a-z0-9])");
                    for (int i = 0; i < scoped.size(); i++) {
                        if (texts.get(i).contains(other) && mention.matcher(texts.get(i)).find()) {
                            RecordedResource r = scoped.get(i);
                            findings.add(new Finding("ISO-002", stack.name(), r.type(), r.name(), "names site " + other));
                        }
                    }
                }
            }
            return findings;
        });
    }
}
