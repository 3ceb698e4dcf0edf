package io.meltanodata.servicefabric;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.chargeback.ChargeBack;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.git.GitHubRepository;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the fabric's billing data comes from (docs/cost.md, "Charge-back"): a CUR 2.0 Data Export
 * with split cost allocation data that this fabric creates (it runs in the paying account), one that
 * exists elsewhere and is only read, or none.
 *
 * @param export            {@code meltanodata:billingExport}
 * @param externalUri       {@code meltanodata:billingExportUri}, {@code s3://bucket/prefix}: only with {@code external}
 * @param activeTags        {@code meltanodata:costAllocationTags}: the charge-back keys to activate, only those
 *                          already seen in billing data (AWS refuses to activate any other); only with {@code create}
 * @param alertsRepository  {@code meltanodata:billingAlertsRepository}, {@code owner/repo} whose workflow
 *                          bill-alerts.yml may read the export and publish to the alert topic
 */
public record BillingConfig(Mode export, Optional<S3Location> externalUri, List<String> activeTags,
                            Optional<String> alertsRepository) {
    static final List<String> KEYS = List.of("billingExport", "billingExportUri", "costAllocationTags",
            "billingAlertsRepository");
    /** Data Exports writes here in a created export's bucket. */
    public static final String PREFIX = "cur2";
    /** The label and tag words every layer writes ({@link ChargeBack}): the keys worth activating. */
    static final List<String> CHARGE_BACK_WORDS = List.of("layer", "fabric", "site", "project", "environment", "git-ref",
            "instance");
    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/([A-Za-z0-9!_.*'()/-]{0,512}?))?/?");

    public enum Mode {
        /** This fabric's account pays: it creates the export, its bucket, and activates the tags. */
        CREATE("create"),
        /** The export lives in another account or stack: read at {@code billingExportUri}, nothing created. */
        EXTERNAL("external"),
        /** No billing data: no export, no tag activation, no bill alerts. */
        NONE("none");

        private final String spelling;

        Mode(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** A bucket and key prefix (no leading or trailing slash; may be empty). */
    public record S3Location(String bucket, String prefix) {
        public String uri() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }
    }

    public BillingConfig {
        activeTags = List.copyOf(activeTags);
    }

    public static BillingConfig none() {
        return new BillingConfig(Mode.NONE, Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * The tags split cost allocation data gives each pod's rows, AWS-generated (CUR User Guide,
     * "Understanding split cost allocation data"): an environment is a namespace of the cluster.
     */
    static final List<String> EKS_KEYS = List.of("aws:eks:cluster-name", "aws:eks:namespace");

    /**
     * Every key that can become a cost allocation tag for charge-back: the AWS tags the layers write,
     * the pods' labels split cost allocation data imports as user-defined tags ("Using Kubernetes
     * labels for cost allocation in EKS"), and EKS's own.
     */
    public static List<String> chargeBackKeys() {
        return Stream.of(CHARGE_BACK_WORDS.stream().map(w -> ChargeBack.TAG_PREFIX + w),
                CHARGE_BACK_WORDS.stream().map(w -> ChargeBack.LABEL_PREFIX + w), EKS_KEYS.stream())
                .flatMap(s -> s).toList();
    }

    static BillingConfig load(ConfigReader config) {
        Mode mode = config.choice("billingExport", Mode.class, Mode.NONE, Mode::spelling);
        Optional<S3Location> uri = config.optionalText("billingExportUri").map(text -> location(config, text));
        if (mode == Mode.EXTERNAL && uri.isEmpty()) {
            throw new UserInputException(config.source().origin() + ": config key '" + config.key("billingExportUri")
                    + "' is required with billingExport external; expected the export's s3://bucket/prefix");
        }
        if (mode != Mode.EXTERNAL && uri.isPresent()) {
            throw config.invalid("billingExportUri", uri.get().uri(), "nothing unless billingExport is external (a created "
                    + "export's location is s3://meltanodata-<fabric>-billing/" + PREFIX + ")");
        }
        List<String> known = chargeBackKeys();
        List<String> tags = config.distinctTextList("costAllocationTags",
                Pattern.compile(known.stream().map(Pattern::quote).collect(java.util.stream.Collectors.joining("|"))),
                "charge-back keys the layers write: " + String.join(", ", known));
        if (mode != Mode.CREATE && !tags.isEmpty()) {
            throw config.invalid("costAllocationTags", String.join(",", tags), "an empty list unless billingExport is create "
                    + "(only the paying account activates cost allocation tags)");
        }
        Optional<String> repository = config.optionalText("billingAlertsRepository")
                .map(r -> GitHubRepository.validate(config.source().origin(), config.key("billingAlertsRepository"), r));
        if (mode == Mode.NONE && repository.isPresent()) {
            throw config.invalid("billingAlertsRepository", repository.get(), "nothing unless billingExport is create or "
                    + "external (the alerts read the export)");
        }
        return new BillingConfig(mode, uri, tags, repository);
    }

    private static S3Location location(ConfigReader config, String text) {
        Matcher m = S3_URI.matcher(text);
        if (!m.matches() || m.group(1).contains("..")) {
            throw config.invalid("billingExportUri", text, "an S3 location s3://<bucket>/<prefix> such as "
                    + "s3://acme-billing/cur2");
        }
        String prefix = m.group(2) == null ? "" : m.group(2).replaceAll("/+$", "");
        return new S3Location(m.group(1), prefix);
    }
}
