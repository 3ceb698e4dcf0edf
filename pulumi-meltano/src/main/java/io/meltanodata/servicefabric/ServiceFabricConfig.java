package io.meltanodata.servicefabric;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.Patterns;
import io.meltanodata.components.kubernetes.ClusterNetwork;
import io.meltanodata.components.limits.AwsLimits;
import io.meltanodata.components.network.Ipv4Cidr;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of one Service Fabric stack. Built by {@link #load} before any
 * resource exists; every bad value fails with one line naming the key.
 */
public record ServiceFabricConfig(
        String region,
        String fabricName,
        int availabilityZoneCount,
        Ipv4Cidr vpcCidr,
        NatMode natGateways,
        List<String> platformAdmins,
        List<String> alertEmails,
        List<Ipv4Cidr> publicAccessCidrs,
        String kubernetesVersion,
        int logRetentionDays,
        Optional<String> domain,
        Optional<String> hostedZoneId,
        String apiImage,
        Optional<String> authDomainPrefix,
        Optional<String> githubOidcProviderArn,
        PipelineAccess pipelines,
        BillingConfig billing) {

    public static final String NAMESPACE = "meltanodata";
    /** The retention values CloudWatch Logs accepts (never infinite here). */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    static final Pattern FABRIC_NAME = Pattern.compile("[a-z][a-z0-9]{0,15}");
    static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern HOSTED_ZONE = Pattern.compile("Z[A-Z0-9]{1,31}");
    /** IAM names an OIDC provider by its URL, one per URL per account: GitHub's is always this ARN. */
    static final Pattern GITHUB_OIDC_PROVIDER = Pattern.compile(
            "arn:aws(-cn|-us-gov)?:iam::\\d{12}:oidc-provider/" + Pattern.quote(GitHubOidc.HOST));
    static final Pattern IMAGE = Pattern.compile("[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[a-f0-9]{64})");
    /** A Cognito prefix domain (CreateUserPoolDomain's pattern), without the words Cognito reserves. */
    static final Pattern AUTH_DOMAIN_PREFIX = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final List<String> AUTH_DOMAIN_RESERVED = List.of("aws", "amazon", "cognito");
    /**
     * The longest name a certificate of the fabric can be for: ACM takes at most 64 characters for a
     * certificate's first domain name (AwsLimits.ACM_DOMAIN_NAME; the API's certificate is for
     * {@code api.<domain>}, the UI's for the domain), shorter than the 253 of a DNS name.
     */
    static final int MAX_CERTIFIED_NAME = AwsLimits.ACM_DOMAIN_NAME.max();

    private static final Set<String> KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            "availabilityZoneCount", "vpcCidr", "natGateways", "platformAdmins", "alertEmails", "publicAccessCidrs",
            "kubernetesVersion", "logRetentionDays", "domain", "hostedZoneId", "apiImage", "authDomainPrefix", "githubOidcProviderArn"),
            java.util.stream.Stream.concat(PipelineAccess.KEYS.stream(), BillingConfig.KEYS.stream())).collect(java.util.stream.Collectors.toUnmodifiableSet());

    public static ServiceFabricConfig load(ConfigSource source, String stackName) {
        ConfigReader config = new ConfigReader(source, NAMESPACE);
        config.checkKeys(KEYS);
        String region = config.matching("aws:region", Patterns.AWS_REGION, Patterns.AWS_REGION_ALLOWED, null);
        if (!FABRIC_NAME.matcher(stackName).matches()) {
            throw new UserInputException(source.origin() + ": stack name '" + ConfigReader.printable(stackName)
                    + "' is the fabric's name, used in every physical name; allowed: 1-16 lowercase letters and digits, "
                    + "starting with a letter");
        }
        String fabricName = stackName;
        int azCount = config.integer("availabilityZoneCount", 3, 2, 3);
        Ipv4Cidr vpcCidr = vpcCidr(config);
        NatMode nat = config.choice("natGateways", NatMode.class, NatMode.PER_AZ, NatMode::spelling);
        List<String> admins = config.textList("platformAdmins");
        if (admins.isEmpty()) {
            throw new UserInputException(source.origin() + ": config key 'meltanodata:platformAdmins' is required; "
                    + "expected a list of at least one IAM role or user ARN (the cluster's administrators)");
        }
        admins.forEach(arn -> requireMatch(config, "platformAdmins", arn, Patterns.IAM_PRINCIPAL,
                "IAM role or user ARNs such as arn:aws:iam::111122223333:role/PlatformAdmin"));
        List<String> emails = config.textList("alertEmails");
        emails.forEach(e -> requireMatch(config, "alertEmails", e, Patterns.EMAIL, "email addresses"));
        List<Ipv4Cidr> publicCidrs = config.textList("publicAccessCidrs").stream()
                .map(text -> publicCidr(config, text)).toList();
        String version = config.text("kubernetesVersion", KubernetesVersions.DEFAULT);
        if (!KubernetesVersions.accepted(version)) {
            throw config.invalid("kubernetesVersion", version, KubernetesVersions.ALLOWED);
        }
        int retention = config.integer("logRetentionDays", 30, 1, 3653);
        if (!RETENTION_DAYS.contains(retention)) {
            throw config.invalid("logRetentionDays", String.valueOf(retention),
                    "one of CloudWatch's retention periods " + RETENTION_DAYS);
        }
        Optional<String> domain = config.optionalText("domain");
        domain.ifPresent(d -> requireMatch(config, "domain", d, DOMAIN, "a lowercase DNS name such as meltano.example.com"));
        Optional<String> zone = config.optionalText("hostedZoneId");
        zone.ifPresent(z -> requireMatch(config, "hostedZoneId", z, HOSTED_ZONE, "a Route 53 hosted zone id such as Z0123456789ABC"));
        if (domain.isPresent() != zone.isPresent()) {
            throw new UserInputException(source.origin() + ": config keys 'meltanodata:domain' and "
                    + "'meltanodata:hostedZoneId' go together: set both (custom domain) or neither (CloudFront domain)");
        }
        String apiImage = config.requireText("apiImage", "the backend API's container image, pinned by tag or digest");
        requireMatch(config, "apiImage", apiImage, IMAGE,
                "an image reference with a registry and a pinned tag or digest, e.g. ghcr.io/org/api:1.4.2");
        if (apiImage.endsWith(":latest")) {
            throw config.invalid("apiImage", apiImage, "a pinned tag or digest; ':latest' makes deploys unrepeatable");
        }
        domain.filter(d -> ApiIngress.host(d).length() > MAX_CERTIFIED_NAME).ifPresent(d -> {
            throw config.invalid("domain", d, "a DNS name of at most " + (MAX_CERTIFIED_NAME - ApiIngress.host("").length())
                    + " characters (the API's certificate is for " + ApiIngress.host("<domain>") + ", and ACM certifies a name of "
                    + "at most " + MAX_CERTIFIED_NAME + ", " + AwsLimits.ACM_DOMAIN_NAME.id() + ")");
        });
        Optional<String> authPrefix = authDomainPrefix(config, source.origin(), fabricName);
        Optional<String> githubOidc = config.optionalText("githubOidcProviderArn");
        githubOidc.ifPresent(arn -> requireMatch(config, "githubOidcProviderArn", arn, GITHUB_OIDC_PROVIDER,
                "the ARN of the account's existing GitHub Actions OIDC provider, arn:aws:iam::<account>:oidc-provider/"
                        + GitHubOidc.HOST + " (leave it unset and this fabric creates it: one per account)"));
        PipelineAccess pipelines = PipelineAccess.load(config, admins);
        BillingConfig billing = BillingConfig.load(config);
        return new ServiceFabricConfig(region, fabricName, azCount, vpcCidr, nat, admins, emails, publicCidrs, version,
                retention, domain, zone, apiImage, authPrefix, githubOidc, pipelines, billing);
    }

    private static Optional<String> authDomainPrefix(ConfigReader config, String origin, String fabric) {
        Optional<String> prefix = config.optionalText("authDomainPrefix");
        prefix.filter(p -> !AUTH_DOMAIN_PREFIX.matcher(p).matches() || reservedInPrefix(p)).ifPresent(p -> {
            throw config.invalid("authDomainPrefix", p, "1-63 lowercase letters, digits and hyphens, not starting or ending "
                    + "with a hyphen, without the words Cognito reserves (" + String.join(", ", AUTH_DOMAIN_RESERVED) + ")");
        });
        if (prefix.isEmpty() && reservedInPrefix(fabric)) {
            throw new UserInputException(origin + ": stack name '" + fabric + "' would put a word Cognito reserves ("
                    + String.join(", ", AUTH_DOMAIN_RESERVED) + ") into the sign-in domain prefix 'meltanodata-" + fabric
                    + "-<hash>'; set config key 'meltanodata:authDomainPrefix'");
        }
        return prefix;
    }

    private static boolean reservedInPrefix(String text) {
        return AUTH_DOMAIN_RESERVED.stream().anyMatch(text::contains);
    }

    /**
     * The prefix of the user pool's Cognito domain: configured, or {@code meltanodata-<fabric>-<hash of
     * the account>}, because prefixes are unique per region across all of AWS.
     */
    public String signInDomainPrefix(String accountId) {
        return authDomainPrefix.orElseGet(() -> "meltanodata-" + fabricName + "-"
                + io.meltanodata.components.naming.ShortHash.of(List.of(accountId)));
    }

    private static Ipv4Cidr vpcCidr(ConfigReader config) {
        String text = config.text("vpcCidr", "10.20.0.0/16");
        String allowed = "a private (RFC 1918) IPv4 network address with a prefix from /16 to /20, e.g. 10.20.0.0/16";
        Ipv4Cidr cidr = Ipv4Cidr.parse(text).orElseThrow(() -> config.invalid("vpcCidr", text, allowed));
        if (cidr.prefix() < 16 || cidr.prefix() > 20 || !cidr.isPrivate()) {
            throw config.invalid("vpcCidr", text, allowed);
        }
        if (cidr.overlaps(Ipv4Cidr.parse(ClusterNetwork.SERVICE_CIDR).orElseThrow())) {
            throw config.invalid("vpcCidr", text, allowed + ", not overlapping " + ClusterNetwork.SERVICE_CIDR
                    + " (the cluster's Service addresses)");
        }
        return cidr;
    }

    private static Ipv4Cidr publicCidr(ConfigReader config, String text) {
        Ipv4Cidr cidr = Ipv4Cidr.parse(text).orElseThrow(() -> config.invalid("publicAccessCidrs", text,
                "IPv4 network addresses such as 203.0.113.0/24"));
        if (cidr.prefix() == 0) {
            throw config.invalid("publicAccessCidrs", text, "specific admin networks; 0.0.0.0/0 would open the "
                    + "Kubernetes API to the whole internet (leave the list empty for a private-only endpoint)");
        }
        return cidr;
    }

    private static void requireMatch(ConfigReader config, String key, String value, Pattern pattern, String allowed) {
        if (!pattern.matcher(value).matches()) {
            throw config.invalid(key, value, allowed);
        }
    }

    public boolean publicEndpoint() {
        return !publicAccessCidrs.isEmpty();
    }
}
