package io.meltanodata.real.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the API server answered, read from the HTTP status and the {@code Status} body: allowed,
 * or denied by whom (RBAC, a ValidatingAdmissionPolicy by name, Pod Security), with its message.
 *
 * @param outcome {@code allowed}, {@code denied by RBAC}, {@code denied by PodSecurity},
 *                {@code denied by ValidatingAdmissionPolicy <name>}, or {@code error <code>}
 * @param reason  the server's message (for an allowed request that no kubelet can serve, why)
 */
record Verdict(String outcome, String reason) {
    static final String ALLOWED = "allowed";
    static final String RBAC = "denied by RBAC";
    static final String POD_SECURITY = "denied by PodSecurity";
    private static final Pattern POLICY = Pattern.compile("ValidatingAdmissionPolicy '([^']+)'");
    private static final Pattern KUBELET_CALL = Pattern.compile("^Get \"https://[^/\"]+:10250/containerLogs/");
    private static final ObjectMapper JSON = new ObjectMapper();

    static String policy(String name) {
        return "denied by ValidatingAdmissionPolicy " + name;
    }

    static Verdict of(int code, String body) {
        String message = message(body);
        if (code >= 200 && code < 300) {
            return new Verdict(ALLOWED, "");
        }
        // Authorised and admitted, but only a kubelet could serve it: the pod has no node yet, or its
        // container has not started, or the API server dialled the node's kubelet port, which KWOK's
        // simulated nodes do not serve. The API server goes to the kubelet only after authorising.
        if (code == 400 && (message.contains("does not have a host assigned") || message.contains("Upgrade request required")
                || message.contains("is waiting to start"))
                || code == 500 && KUBELET_CALL.matcher(message).find()) {
            return new Verdict(ALLOWED, "authorised; no kubelet: " + message);
        }
        Matcher policy = POLICY.matcher(message);
        if ((code == 403 || code == 422) && policy.find()) {
            return new Verdict(policy(policy.group(1)), message);
        }
        if (code == 403 && message.contains("violates PodSecurity")) {
            return new Verdict(POD_SECURITY, message);
        }
        if (code == 403 && (message.contains(" cannot ") || message.contains("attempting to grant RBAC permissions not currently held"))) {
            return new Verdict(RBAC, message);
        }
        return new Verdict("error " + code, message);
    }

    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode status = JSON.readTree(body);
            return status.path("message").asText(body);
        } catch (java.io.IOException notJson) {
            return body;
        }
    }
}
