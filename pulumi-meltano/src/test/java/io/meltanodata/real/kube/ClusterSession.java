package io.meltanodata.real.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.meltanodata.components.Json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests to a {@link KubeApiServer} as a {@link Principal} (the platform admin as
 * itself, anyone else impersonated) and reads the server's {@link Verdict}.
 */
final class ClusterSession {
    static final Principal PLATFORM = new Principal("platform admin", KubeApiServer.ADMIN_USER, List.of("system:masters"));
    /** The field manager Pulumi's Kubernetes provider applies with. */
    static final String FIELD_MANAGER = "pulumi-kubernetes";

    private final KubeApiServer server;
    private final Map<Principal, KubernetesClient> clients = new HashMap<>();

    ClusterSession(KubeApiServer server) {
        this.server = server;
    }

    KubernetesClient client(Principal principal) {
        return clients.computeIfAbsent(principal, p -> p.equals(PLATFORM)
                ? server.admin()
                : server.clientAs(p.user(), p.groups().toArray(String[]::new)));
    }

    Verdict send(Principal principal, ApiRequest request) {
        KubernetesClient client = client(principal);
        HttpRequest.Builder builder = client.getHttpClient().newHttpRequestBuilder()
                .uri(server.endpoint() + request.path());
        if (!request.method().equals("GET")) {
            builder.method(request.method(), request.contentType(), request.body());
        }
        try {
            HttpResponse<String> response = client.getHttpClient().sendAsync(builder.build(), String.class)
                    .get(60, TimeUnit.SECONDS);
            return Verdict.of(response.code(), response.body());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(request.method() + " " + request.path() + " as " + principal.label() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Server-side apply, as Pulumi's Kubernetes provider does it. */
    Verdict apply(Principal principal, Map<String, Object> object) {
        try {
            client(principal).resource(Json.write(object)).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            return new Verdict(Verdict.ALLOWED, "");
        } catch (KubernetesClientException e) {
            String status = e.getStatus() == null ? e.getMessage() : Json.write(Map.of("message", String.valueOf(e.getStatus().getMessage())));
            return Verdict.of(e.getCode(), status);
        }
    }
}
