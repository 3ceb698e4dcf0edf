package io.meltanodata.real.kube;

import io.meltanodata.components.Json;

import java.util.Map;

/**
 * One HTTP request to the API server, described the way the matrix shows it.
 *
 * @param verb      the Kubernetes verb (get, list, watch, create, delete, patch, apply)
 * @param resource  the resource (and subresource), e.g. {@code pods/log}
 * @param namespace the namespace, or empty
 * @param name      the object's name, or empty
 */
record ApiRequest(String verb, String resource, String namespace, String name, String method, String path,
                  String contentType, String body) {

    private static final Map<String, String> PREFIXES = Map.of(
            "secrets", "/api/v1", "configmaps", "/api/v1", "pods", "/api/v1", "namespaces", "/api/v1",
            "jobs", "/apis/batch/v1", "cronjobs", "/apis/batch/v1",
            "networkpolicies", "/apis/networking.k8s.io/v1",
            "rolebindings", "/apis/rbac.authorization.k8s.io/v1");

    static ApiRequest get(String resource, String namespace, String name) {
        return new ApiRequest("get", resource, namespace, name, "GET", path(resource, namespace, name), null, null);
    }

    static ApiRequest list(String resource, String namespace) {
        return new ApiRequest("list", resource, namespace, "", "GET", path(resource, namespace, ""), null, null);
    }

    static ApiRequest watch(String resource, String namespace) {
        return new ApiRequest("watch", resource, namespace, "", "GET",
                path(resource, namespace, "") + "?watch=true&timeoutSeconds=1", null, null);
    }

    static ApiRequest create(String resource, String namespace, Map<String, Object> object) {
        return new ApiRequest("create", resource, namespace, "", "POST", path(resource, namespace, ""),
                "application/json", Json.write(object));
    }

    static ApiRequest delete(String resource, String namespace, String name) {
        return new ApiRequest("delete", resource, namespace, name, "DELETE", path(resource, namespace, name),
                "application/json", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}");
    }

    static ApiRequest mergePatch(String resource, String namespace, String name, Map<String, Object> patch) {
        return new ApiRequest("patch", resource, namespace, name, "PATCH", path(resource, namespace, name),
                "application/merge-patch+json", Json.write(patch));
    }

    /** {@code POST pods/<name>/exec}: what {@code kubectl exec} opens (RBAC: create pods/exec). */
    static ApiRequest exec(String namespace, String pod) {
        return new ApiRequest("create", "pods/exec", namespace, pod, "POST",
                path("pods", namespace, pod) + "/exec?command=sh&stdin=true&stdout=true", "application/json", "");
    }

    static ApiRequest log(String namespace, String pod) {
        return new ApiRequest("get", "pods/log", namespace, pod, "GET", path("pods", namespace, pod) + "/log", null, null);
    }

    /** The same request with {@code dryRun=All}: judged by authorization and admission, stored nowhere. */
    ApiRequest dryRun() {
        return new ApiRequest(verb, resource, namespace, name, method, path + (path.contains("?") ? "&" : "?") + "dryRun=All",
                contentType, body);
    }

    /** {@code verb resource[/name]} as the matrix shows it. */
    String what() {
        return resource + (name.isEmpty() ? "" : "/" + name);
    }

    private static String path(String resource, String namespace, String name) {
        String prefix = PREFIXES.get(resource);
        if (prefix == null) {
            throw new IllegalArgumentException("no API path known for " + resource);
        }
        String collection = resource.equals("namespaces") || namespace.isEmpty()
                ? prefix + "/" + resource
                : prefix + "/namespaces/" + namespace + "/" + resource;
        return name.isEmpty() ? collection : collection + "/" + name;
    }
}
