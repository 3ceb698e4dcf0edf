package io.meltanodata.environments;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.ConfigSource;
import io.meltanodata.components.config.Durations;
import io.meltanodata.components.config.Patterns;
import io.meltanodata.components.naming.NameKind;
import io.meltanodata.components.naming.Names;
import io.meltanodata.components.naming.ProjectNamePrefix;
import io.meltanodata.projects.rules.BranchRules;
import io.meltanodata.siteinstances.SiteArns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The validated configuration of one Activated Environment stack: which project, git ref and
 * Meltano environment, the schedules and services the branch rules enabled (set by
 * {@code meltanodata env up} from {@code resolve}), TTL, archive, quota and budget.
 */
public record ActivatedEnvironmentConfig(String region, String projectStack, String fabric, String site, String project,
                                         GitRef ref, String environment, List<String> schedules, List<String> services,
                                         Optional<Duration> ttl, boolean archiveOnDispose, String archiveStorageClass,
                                         int archiveAfterDays, int archiveRetentionDays, Quota quota, int monthlyBudgetUsd,
                                         int runDeadlineMinutes, int servicePort, String imageDigest,
                                         Optional<Instant> activatedAt) {
    public static final String NAMESPACE = "meltanodata";
    static final Pattern PROJECT_STACK = Pattern.compile(
            "[A-Za-z0-9_.-]+/meltanodata-hosted-project/([a-z][a-z0-9]{1,19})\\.([a-z][a-z0-9]{0,29})");
    static final Pattern FABRIC = Pattern.compile("[a-z][a-z0-9]{0,15}");
    static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*:[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final Set<String> STORAGE_CLASSES = Set.of("GLACIER_IR", "GLACIER", "DEEP_ARCHIVE");
    /** An OCI content digest as a registry returns it for a push (sha256 is what ECR and Docker produce). */
    public static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    public static final String IMAGE_DIGEST_ALLOWED = "the digest of the image the workflow pushed for this ref, sha256:<64 lowercase hex digits>";
    static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    static final String ACTIVATED_AT_ALLOWED = "the UTC instant env up activated this stack, such as 2026-12-03T11:25:00Z";
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(java.time.ZoneOffset.UTC);
    private static final Set<String> KEYS = Set.of("projectStack", "fabric", "ref", "environment", "schedules",
            "services", "ttl", "archiveOnDispose", "archiveStorageClass", "archiveAfterDays", "archiveRetentionDays",
            "quota", "monthlyBudgetUsd", "runDeadlineMinutes", "servicePort", "imageDigest", "activatedAt");

    /** The namespace's ResourceQuota, and the default requests and limits of a Meltano container. */
    public record Quota(String cpu, String memory, int pods, String podCpu, String podMemory) {
        static final Pattern CPU = Pattern.compile("\\d{1,4}(m)?|\\d{1,3}\\.\\d{1,3}");
        static final Pattern MEMORY = Pattern.compile("\\d{1,6}(Mi|Gi)");

        public Quota {
            requireShape("cpu", cpu, CPU, "CPU such as 4 or 500m");
            requireShape("memory", memory, MEMORY, "memory such as 8Gi or 512Mi");
            requireShape("podCpu", podCpu, CPU, "CPU such as 1 or 500m");
            requireShape("podMemory", podMemory, MEMORY, "memory such as 2Gi or 512Mi");
            if (pods < 1 || pods > 500) {
                throw new IllegalArgumentException("pods must be from 1 to 500, got " + pods);
            }
        }

        static Quota defaults() {
            return new Quota("4", "16Gi", 20, "1", "2Gi");
        }

        private static void requireShape(String field, String value, Pattern pattern, String allowed) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException(field + " '" + value + "' is not " + allowed);
            }
        }
    }

    public static ActivatedEnvironmentConfig load(ConfigSource source, String stackName) {
        ConfigReader config = new ConfigReader(source, NAMESPACE);
        config.checkKeys(KEYS);
        String region = config.matching("aws:region", Patterns.AWS_REGION, Patterns.AWS_REGION_ALLOWED, null);
        MatchResult names = config.match("projectStack", PROJECT_STACK,
                "the project's fully qualified stack name, <org>/meltanodata-hosted-project/<site>.<project>");
        String projectStack = names.group();
        String fabric = config.matching("fabric", FABRIC, "the project's fabric (its Layer 1 stack name)", null);
        ProjectNamePrefix.tooLong(fabric, names.group(1), names.group(2)).ifPresent(why -> {
            throw new UserInputException(source.origin() + ": config keys '" + config.key("fabric") + "' ('" + fabric
                    + "') and '" + config.key("projectStack") + "' (site '" + names.group(1) + "', project '" + names.group(2)
                    + "') are " + why);
        });
        GitRef ref = ref(config);
        String environment = config.matching("environment", Patterns.MELTANO_ENVIRONMENT, "a Meltano environment name of the project", null);
        List<String> schedules = config.distinctTextList("schedules", Patterns.MELTANO_NAME, "schedule names of the project's meltano.yml");
        List<String> services = config.distinctTextList("services", SERVICE, "<plugin>:<command> of the project's meltano.yml");
        Optional<Duration> ttl = config.optionalText("ttl")
                .map(t -> Durations.positive(source.origin() + ": config key '" + config.key("ttl") + "'", t));
        String storageClass = config.text("archiveStorageClass", "DEEP_ARCHIVE");
        if (!STORAGE_CLASSES.contains(storageClass)) {
            throw config.invalid("archiveStorageClass", storageClass, "one of GLACIER_IR, GLACIER, DEEP_ARCHIVE");
        }
        int archiveAfter = config.integer("archiveAfterDays", 30, 1, 3650);
        int retention = config.integer("archiveRetentionDays", 365, 1, 3650);
        if (retention <= archiveAfter) {
            throw config.invalid("archiveRetentionDays", String.valueOf(retention),
                    "more days than archiveAfterDays (" + archiveAfter + ")");
        }
        String imageDigest = config.matching("imageDigest", IMAGE_DIGEST, IMAGE_DIGEST_ALLOWED, null);
        boolean archive = config.bool("archiveOnDispose", true);
        // an archived bucket outlives its stack: the next activation of the ref needs a name of its own
        Optional<Instant> activatedAt = (archive ? Optional.of(config.requireText("activatedAt", ACTIVATED_AT_ALLOWED))
                : config.optionalText("activatedAt")).map(text -> {
                    if (!INSTANT.matcher(text).matches()) {
                        throw config.invalid("activatedAt", text, ACTIVATED_AT_ALLOWED);
                    }
                    try {
                        return Instant.parse(text);
                    } catch (java.time.format.DateTimeParseException e) {
                        throw config.invalid("activatedAt", text, ACTIVATED_AT_ALLOWED);
                    }
                });
        Quota quota = config.optionalObject("quota", Quota.class, "{cpu, memory, pods, podCpu, podMemory}")
                .orElse(Quota.defaults());
        return new ActivatedEnvironmentConfig(region, projectStack, fabric, names.group(1), names.group(2), ref, environment,
                schedules, services, ttl, archive, storageClass, archiveAfter, retention, quota,
                config.integer("monthlyBudgetUsd", 100, 1, 1_000_000), config.integer("runDeadlineMinutes", 120, 5, 1440),
                config.integer("servicePort", 8080, 1024, 65535), imageDigest, activatedAt);
    }

    private static GitRef ref(ConfigReader config) {
        String text = config.requireText("ref", "the git ref this environment runs (refs/heads/main, feature/x)");
        try {
            return GitRef.parse(text);
        } catch (UserInputException e) {
            throw new UserInputException(config.source().origin() + ": config key '" + config.key("ref") + "': "
                    + e.getMessage());
        }
    }

    /** The environment's namespace: site, project, environment and ref, DNS-safe, stable, collision-free. */
    public String namespace() {
        return Names.of(NameKind.DNS_LABEL, site, project, environment.toLowerCase(java.util.Locale.ROOT), refSlug());
    }

    /** The ref as it appears in names and image tags: {@code main}, {@code tag-v1.2}, {@code feature-x-1a2b3c4d}. */
    public String refSlug() {
        return ref.slug();
    }

    /**
     * {@code <site>/<project>/<environment>/<ref>/}: this environment's streams of the fabric's job log
     * group, each named this prefix and a pod's name. The role's policy allows writing under it only.
     * At its longest (20 + 30 + 63 + 63 characters and four slashes) and with a pod name at its longest
     * (253) it stays within CloudWatch Logs' 512 characters, and none of its parts holds {@code :} or
     * {@code *}, which stream names cannot.
     */
    public String jobLogStreamPrefix() {
        return SiteArns.jobLogStreamPrefix(site, project, environment.toLowerCase(java.util.Locale.ROOT), refSlug());
    }

    /**
     * The artifacts bucket's name: fabric, site, project, environment, ref and, when set, the activation's
     * UTC second ({@code yyMMddHHmmss}). An archived bucket stays in the account after its stack is
     * gone, and S3 refuses a second bucket of the same name ({@code BucketAlreadyOwnedByYou}), so each
     * activation of a ref names its own; the name is fixed at creation (the bucket ignores later changes).
     */
    public String artifactsBucketName() {
        List<String> tail = new java.util.ArrayList<>(List.of(environment.toLowerCase(java.util.Locale.ROOT), refSlug()));
        activatedAt.ifPresent(at -> tail.add(STAMP.format(at)));
        return Names.keepingPrefix(NameKind.S3_BUCKET, ProjectNamePrefix.resources(fabric, site, project), tail);
    }

    /** {@code projects/<project>/environments/<environment>/<ref>/}: this environment's prefix in the site bucket. */
    public String dataPrefix() {
        return "projects/" + project + "/environments/" + environment + "/" + refSlug() + "/";
    }
}
