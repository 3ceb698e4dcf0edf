package io.meltanodata.servicefabric;

import io.meltanodata.components.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the web UI reads at start from {@code /config.json} of its own origin: where to sign in
 * (the user pool's OAuth endpoints, its app client, the redirect URIs the client allows) and which
 * API to call. Built from the same values the fabric exports, so the UI and the outputs agree.
 */
record UiSettings(String region, String userPoolId, String clientId, String authUrl, String uiUrl, String apiUrl) {
    static final String KEY = "config.json";

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("region", region);
        json.put("userPoolId", userPoolId);
        json.put("clientId", clientId);
        json.put("authorizeUrl", authUrl + "/oauth2/authorize");
        json.put("tokenUrl", authUrl + "/oauth2/token");
        json.put("logoutUrl", authUrl + "/logout");
        json.put("redirectUri", uiUrl + Identity.CALLBACK_PATH);
        json.put("logoutUri", uiUrl + "/");
        json.put("apiUrl", apiUrl);
        return Json.write(json);
    }
}
