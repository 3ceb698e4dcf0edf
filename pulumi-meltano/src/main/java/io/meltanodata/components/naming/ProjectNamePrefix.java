package io.meltanodata.components.naming;

import java.util.List;
import java.util.Optional;

/**
 * The name prefixes the project boundary and deploy role match (Layer 3's {@code ProjectPolicies}) and
 * Layers 3 and 4 name their resources under: {@code meltanodata-<fabric>-<site>-<project>-} for an
 * environment's artifacts bucket and budget, {@code <fabric>-<site>-<project>-} for its roles. A name
 * that lost its prefix to truncation is a name the project's own roles may not create, configure or
 * use, so names keep the prefix whole ({@link Names#keepingPrefix}) and the configs refuse fabric,
 * site and project names that together leave no room for it.
 *
 * <p>The tightest is the artifacts bucket: S3 bucket names hold 63 characters (Amazon S3 User Guide,
 * "General purpose bucket naming rules", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html),
 * and the environment's part needs at least the 8-character hash, so fabric, site and project may
 * have {@value #MAX_TOGETHER} characters together.
 */
public final class ProjectNamePrefix {
    public static final String PRODUCT = "meltanodata";
    /** 63 - 8 (hash) - "meltanodata" - four separators. */
    public static final int MAX_TOGETHER = 40;

    static {
        if (MAX_TOGETHER != Names.longestPrefix(NameKind.S3_BUCKET) - PRODUCT.length() - 4) {
            throw new ExceptionInInitializerError("MAX_TOGETHER no longer matches S3's bucket name length");
        }
    }

    private ProjectNamePrefix() {
    }

    /** {@code meltanodata-<fabric>-<site>-<project>-}: buckets and budgets of the project's environments. */
    public static List<String> resources(String fabric, String site, String project) {
        return List.of(PRODUCT, fabric, site, project);
    }

    /** {@code <fabric>-<site>-<project>-}: roles of the project and its environments. */
    public static List<String> roles(String fabric, String site, String project) {
        return List.of(fabric, site, project);
    }

    /**
     * Why fabric, site and project names cannot all keep their prefix, or empty when they can; what
     * follows "are" in a config error naming the three keys.
     */
    public static Optional<String> tooLong(String fabric, String site, String project) {
        int together = fabric.length() + site.length() + project.length();
        if (together <= MAX_TOGETHER) {
            return Optional.empty();
        }
        return Optional.of(together + " characters together; allowed: at most " + MAX_TOGETHER + " together, so that "
                + "an environment's artifacts bucket (meltanodata-<fabric>-<site>-<project>-..., at most 63 characters in S3) "
                + "keeps the prefix the project's policies match");
    }
}
