package io.meltanodata.real.kube;

import java.util.List;

/**
 * Who sends a request: a user and groups, as EKS would map them (an access entry's groups, a
 * service account's groups), impersonated by the platform admin.
 *
 * @param label how the matrix names it, e.g. {@code acme group admin}
 */
record Principal(String label, String user, List<String> groups) {
    static final String SERVICE_ACCOUNTS = "system:serviceaccounts";

    static Principal group(String site, String groupName, String kubernetesGroup) {
        return new Principal(site + " group " + groupName, site + "-" + groupName + "-member", List.of(kubernetesGroup));
    }

    static Principal serviceAccount(String namespace, String name) {
        return new Principal("serviceaccount " + namespace + "/" + name, "system:serviceaccount:" + namespace + ":" + name,
                List.of(SERVICE_ACCOUNTS, SERVICE_ACCOUNTS + ":" + namespace));
    }

    /** A kube-controller-manager controller, which creates the Jobs and pods of a site's workloads. */
    static Principal controller(String name) {
        Principal sa = serviceAccount("kube-system", name);
        return new Principal("controller " + name, sa.user(), sa.groups());
    }
}
