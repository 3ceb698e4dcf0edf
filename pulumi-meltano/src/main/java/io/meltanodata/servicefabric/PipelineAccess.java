package io.meltanodata.servicefabric;

import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.network.Ipv4Cidr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the pipelines (.github/workflows: preview, deploy) reach the fabric's cluster: the IAM roles
 * they assume, each given an EKS access entry ({@link ClusterAccessEntries}), and the networks
 * their runners are in, allowed to the private API endpoint ({@link EndpointAccess}).
 *
 * @param deployRole         {@code meltanodata:pipelineDeployRole}, the role of deploy.yml (AWS_DEPLOY_ROLE_ARN)
 * @param previewRole        {@code meltanodata:pipelinePreviewRole}, the role of preview.yml (AWS_PREVIEW_ROLE_ARN)
 * @param privateAccessCidrs {@code meltanodata:endpointPrivateAccessCidrs}, the runners' private networks
 */
public record PipelineAccess(Optional<String> deployRole, Optional<String> previewRole, List<Ipv4Cidr> privateAccessCidrs) {
    static final List<String> KEYS = List.of("pipelineDeployRole", "pipelinePreviewRole", "endpointPrivateAccessCidrs");
    static final Pattern IAM_ROLE = Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
    private static final String ROLE = "an IAM role ARN such as arn:aws:iam::111122223333:role/meltanodata-deploy";

    public PipelineAccess {
        privateAccessCidrs = List.copyOf(privateAccessCidrs);
    }

    /**
     * Each network is one inbound rule of the cluster security group EKS created, which already
     * holds EKS's own; a security group holds 60 inbound rules by default (Amazon VPC User Guide,
     * "Amazon VPC quotas", https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html),
     * so the fabric keeps 10 for EKS and the account's own.
     */
    static final int MAX_PRIVATE_ACCESS_CIDRS = 50;

    /** Every role must be new to the cluster: EKS allows one access entry per IAM principal. */
    static PipelineAccess load(ConfigReader config, List<String> platformAdmins) {
        List<String> taken = new ArrayList<>(platformAdmins);
        Optional<String> deploy = role(config, "pipelineDeployRole", taken);
        Optional<String> preview = role(config, "pipelinePreviewRole", taken);
        List<Ipv4Cidr> cidrs = new ArrayList<>();
        String allowed = "private (RFC 1918) IPv4 networks of the pipeline runners, e.g. 10.99.0.0/24, each once";
        List<String> texts = config.textList("endpointPrivateAccessCidrs");
        if (texts.size() > MAX_PRIVATE_ACCESS_CIDRS) {
            throw config.invalid("endpointPrivateAccessCidrs", texts.size() + " networks", "at most " + MAX_PRIVATE_ACCESS_CIDRS
                    + " (each is an inbound rule of the cluster security group, which holds 60 by default)");
        }
        for (String text : texts) {
            Ipv4Cidr cidr = Ipv4Cidr.parse(text).orElseThrow(() -> config.invalid("endpointPrivateAccessCidrs", text, allowed));
            if (!cidr.isPrivate() || cidrs.contains(cidr)) {
                throw config.invalid("endpointPrivateAccessCidrs", text, allowed);
            }
            cidrs.add(cidr);
        }
        return new PipelineAccess(deploy, preview, cidrs);
    }

    private static Optional<String> role(ConfigReader config, String key, List<String> taken) {
        Optional<String> arn = config.optionalText(key);
        arn.ifPresent(value -> {
            if (!IAM_ROLE.matcher(value).matches()) {
                throw config.invalid(key, value, ROLE);
            }
            if (taken.contains(value)) {
                throw config.invalid(key, value, ROLE + " that is not a platform admin nor the other pipeline's role "
                        + "(EKS gives an IAM principal one access entry)");
            }
            taken.add(value);
        });
        return arn;
    }

    /** The roles that get an access entry, by entry name. */
    java.util.Map<String, String> roles() {
        java.util.Map<String, String> roles = new java.util.LinkedHashMap<>();
        deployRole.ifPresent(arn -> roles.put("pipeline-deploy", arn));
        previewRole.ifPresent(arn -> roles.put("pipeline-preview", arn));
        return roles;
    }
}
