package io.meltanodata.components.config;

import java.util.regex.Pattern;

/** Shapes of values several layers' configs accept. */
public final class Patterns {
    /**
     * A commercial or GovCloud region name. Bounded (longest today: 14 characters, ap-southeast-2) so
     * that every name and policy derived from it has a known longest form (PermissionBoundarySizeTest).
     */
    public static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]{4,9}-\\d{1,2}");
    public static final String AWS_REGION_ALLOWED = "an AWS region name such as eu-west-1";
    public static final Pattern IAM_PRINCIPAL = Pattern.compile(
            "arn:aws(-[a-z]+)?:iam::\\d{12}:(role|user)/[A-Za-z0-9+=,.@_/-]{1,512}");
    public static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /**
     * Names of a Meltano project's plugins, jobs and schedules: what every project in the wild
     * uses, and safe in Kubernetes and AWS names.
     */
    public static final Pattern MELTANO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** Meltano environment names also go into namespace names and labels, which cap them at 63. */
    public static final Pattern MELTANO_ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private Patterns() {
    }
}
