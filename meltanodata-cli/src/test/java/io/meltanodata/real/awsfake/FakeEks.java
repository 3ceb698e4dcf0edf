package io.meltanodata.real.awsfake;

import java.util.Map;

/**
 * The Kubernetes API server an {@code aws:eks/cluster:Cluster} created by the fake stands for:
 * its URL, its CA certificate (base64 PEM, as EKS reports {@code certificateAuthority.data}) and
 * the bearer token the fake {@code aws eks get-token} hands out.
 */
public record FakeEks(String endpoint, String caBase64, String token) {
    public static final String ENDPOINT_ENV = "MELTANODATA_FAKE_EKS_ENDPOINT";
    public static final String CA_ENV = "MELTANODATA_FAKE_EKS_CA";
    public static final String TOKEN_ENV = "MELTANODATA_FAKE_EKS_TOKEN";

    /** The environment variables that carry this cluster to the provider and to {@code aws}. */
    public Map<String, String> environment() {
        return Map.of(ENDPOINT_ENV, endpoint, CA_ENV, caBase64, TOKEN_ENV, token);
    }
}
