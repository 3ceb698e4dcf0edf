package io.meltanodata.servicefabric;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * An ACM certificate for one DNS name of the fabric's hosted zone, validated by DNS: the validation
 * record ACM asks for, and a {@code CertificateValidation} that completes only once ACM has issued
 * the certificate, so whatever uses its ARN waits for an issued certificate. ACM renews it for as
 * long as the record stays.
 */
final class DnsValidatedCertificate {
    private DnsValidatedCertificate() {
    }

    /**
     * @param inRegion options (parent, provider) of the certificate and its validation: the region
     *                 where the service that serves it reads certificates
     * @param inZone   options of the validation record (Route 53 is global)
     * @return the issued certificate's ARN
     */
    static Output<String> issue(String name, String domain, String hostedZoneId, CustomResourceOptions inRegion,
                                CustomResourceOptions inZone) {
        var cert = new Certificate(name, CertificateArgs.builder()
                .domainName(domain)
                .validationMethod("DNS")
                .keyAlgorithm("EC_prime256v1")
                .build(), inRegion);
        var validation = new Record(name + "-validation", RecordArgs.builder()
                .zoneId(hostedZoneId)
                .name(cert.domainValidationOptions().applyValue(o -> o.get(0).resourceRecordName().orElseThrow()))
                .type(cert.domainValidationOptions().applyValue(o -> Either.<String, RecordType>ofLeft(
                        o.get(0).resourceRecordType().orElseThrow())))
                .records(cert.domainValidationOptions().applyValue(o -> List.of(o.get(0).resourceRecordValue().orElseThrow())))
                .ttl(300)
                .build(), inZone);
        return new CertificateValidation(name, CertificateValidationArgs.builder()
                .certificateArn(cert.arn())
                .validationRecordFqdns(validation.fqdn().applyValue(List::of))
                .build(), inRegion).certificateArn();
    }
}
