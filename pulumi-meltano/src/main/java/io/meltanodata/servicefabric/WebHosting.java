package io.meltanodata.servicefabric;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.cloudfront.Distribution;
import com.pulumi.aws.cloudfront.DistributionArgs;
import com.pulumi.aws.cloudfront.OriginAccessControl;
import com.pulumi.aws.cloudfront.OriginAccessControlArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsGeoRestrictionArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionViewerCertificateArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.s3.BucketObjectv2;
import com.pulumi.aws.s3.BucketObjectv2Args;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.meltanodata.components.iam.PolicyStatement;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.storage.SecureBucket;

import java.util.List;
import java.util.Optional;

/**
 * The web UI: static files in a private bucket, served only through CloudFront with Origin
 * Access Control (the bucket policy admits this distribution alone), HTTPS only. With a
 * configured domain: an ACM certificate (in us-east-1, where CloudFront reads them) validated
 * by DNS, and an alias record.
 */
final class WebHosting {
    /** AWS managed cache policy "CachingOptimized". */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    /** The hosted zone every CloudFront alias record points into. */
    static final String CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2";
    static final String ORIGIN_ID = "ui-bucket";

    private final SecureBucket ui;
    private final Distribution distribution;
    private final Output<String> url;
    private final Resource parent;

    WebHosting(ServiceFabricConfig config, Resource parent) {
        this.parent = parent;
        var child = CustomResourceOptions.builder().parent(parent).build();
        String fabric = config.fabricName();
        ui = new SecureBucket("ui-bucket", Names.of(NameKind.S3_BUCKET, "meltanodata", fabric, "ui"),
                Optional.empty(), parent);
        var oac = new OriginAccessControl("ui-oac", OriginAccessControlArgs.builder()
                .name(Names.of(NameKind.DNS_LABEL, "meltanodata", fabric, "ui"))
                .originAccessControlOriginType("s3")
                .signingBehavior("always")
                .signingProtocol("sigv4")
                .build(), child);
        Optional<Output<String>> certificate = config.domain().map(domain -> certificate(config, domain, child));
        var viewerCertificate = certificate.map(arn -> DistributionViewerCertificateArgs.builder()
                        .acmCertificateArn(arn)
                        .sslSupportMethod("sni-only")
                        .minimumProtocolVersion("TLSv1.2_2021")
                        .build())
                .orElseGet(() -> DistributionViewerCertificateArgs.builder().cloudfrontDefaultCertificate(true).build());

        distribution = new Distribution("ui", DistributionArgs.builder()
                .enabled(true)
                .comment(Names.of(NameKind.CLOUDFRONT_COMMENT, "MeltanoData UI " + fabric))
                .aliases(config.domain().map(List::of).orElse(List.of()))
                .defaultRootObject("index.html")
                .httpVersion("http2and3")
                .isIpv6Enabled(true)
                .priceClass("PriceClass_100")
                .origins(DistributionOriginArgs.builder()
                        .originId(ORIGIN_ID)
                        .domainName(ui.bucket().bucketRegionalDomainName())
                        .originAccessControlId(oac.id())
                        .build())
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        .targetOriginId(ORIGIN_ID)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods("GET", "HEAD")
                        .cachedMethods("GET", "HEAD")
                        .compress(true)
                        .cachePolicyId(CACHING_OPTIMIZED)
                        .build())
                .restrictions(DistributionRestrictionsArgs.builder()
                        .geoRestriction(DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build())
                        .build())
                .viewerCertificate(viewerCertificate)
                .build(), child);

        ui.policy(bucketArn -> distribution.arn().applyValue(distributionArn -> List.of(
                PolicyStatement.allow("s3:GetObject").principal("Service", "cloudfront.amazonaws.com")
                        .on(bucketArn + "/*")
                        .when("StringEquals", "AWS:SourceArn", distributionArn)
                        .sid("CloudFrontOriginAccessControlOnly"))));

        config.domain().ifPresent(domain -> new Record("ui-alias", RecordArgs.builder()
                .zoneId(config.hostedZoneId().orElseThrow())
                .name(domain)
                .type("A")
                .aliases(RecordAliasArgs.builder().name(distribution.domainName()).zoneId(CLOUDFRONT_ZONE_ID)
                        .evaluateTargetHealth(false).build())
                .build(), child));
        url = config.domain().map(d -> Output.of("https://" + d))
                .orElseGet(() -> distribution.domainName().applyValue(d -> "https://" + d));
    }

    private static Output<String> certificate(ServiceFabricConfig config, String domain, CustomResourceOptions child) {
        var usEast1 = new Provider("us-east-1", ProviderArgs.builder().region("us-east-1").build(), child);
        var inUsEast1 = CustomResourceOptions.builder().parent(child.getParent().orElseThrow()).provider(usEast1).build();
        return DnsValidatedCertificate.issue("ui-certificate", domain, config.hostedZoneId().orElseThrow(), inUsEast1, child);
    }

    Output<String> url() {
        return url;
    }

    /** The UI's runtime settings, served as {@code /config.json}; revalidated on every load, never cached stale. */
    void publish(Output<UiSettings> settings) {
        new BucketObjectv2("ui-config", BucketObjectv2Args.builder()
                .bucket(ui.bucket().id())
                .key(UiSettings.KEY)
                .contentType("application/json")
                .cacheControl("no-cache")
                .content(settings.applyValue(UiSettings::toJson))
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }
}
