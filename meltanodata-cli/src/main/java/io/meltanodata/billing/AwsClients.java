package io.meltanodata.billing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.util.Optional;

/**
 * The S3 and SNS clients of {@code bill}: the default credential chain, the region given or the default
 * chain's (else us-east-1, where Data Exports and Budgets live), and an endpoint override (a local S3 such as
 * moto's) when given, with path-style bucket addressing there.
 */
public record AwsClients(Optional<String> regionName, Optional<URI> endpoint) {

    S3Client s3() {
        var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(resolvedRegion());
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }

    SnsClient sns() {
        var builder = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(resolvedRegion());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private Region resolvedRegion() {
        if (regionName.isPresent()) {
            return Region.of(regionName.get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException none) {
            return Region.US_EAST_1;
        }
    }
}
