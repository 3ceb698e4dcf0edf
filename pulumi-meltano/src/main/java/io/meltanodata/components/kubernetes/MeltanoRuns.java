package io.meltanodata.components.kubernetes;

/**
 * The contract between the image's run wrapper (deployments/04_environments/image/meltanodata-run),
 * the pods Layer 4 renders and the failed-run alarm of Layer 1. The wrapper holds no copy of
 * {@link #FAILED}: Layer 4 hands it the mark in {@link #FAILED_VARIABLE}, and Layer 1's metric
 * filter is built from the same constant ({@link #failedRunFilterPattern()}).
 */
public final class MeltanoRuns {
    /** The wrapper every Meltano container runs: {@code meltanodata-run <meltano args>}. */
    public static final String RUNNER = "meltanodata-run";
    /**
     * How the line a failed run prints begins, whatever failed: the fabric's failed-run alarm counts
     * it. Meltano 4.4.1 itself ends a failed {@code schedule run} with "Block run completed" and
     * "Run completed", the same words as a successful one, so its own lines cannot tell them apart.
     */
    public static final String FAILED = "meltanodata run failed";
    /** The pod variable that hands the wrapper {@link #FAILED}. */
    public static final String FAILED_VARIABLE = "MELTANODATA_FAILED_RUN_MARK";
    /** The fabric's job log group the wrapper writes the run's output to (decision 0008). */
    public static final String LOG_GROUP_VARIABLE = "MELTANODATA_LOG_GROUP";
    /** {@code <site>/<project>/<environment>/<ref>/}: the stream is this prefix and the pod's name. */
    public static final String LOG_STREAM_PREFIX_VARIABLE = "MELTANODATA_LOG_STREAM_PREFIX";
    /** The pod's name, from the downward API ({@code metadata.name}). */
    public static final String POD_NAME_VARIABLE = "MELTANODATA_POD_NAME";

    private MeltanoRuns() {
    }

    /**
     * The metric filter pattern that matches the failed-run line: {@link #FAILED} as an exact phrase.
     * CloudWatch filter patterns are case sensitive and match an exact phrase in double quotes
     * ("Filter pattern syntax for metric filters, subscription filters, filter log events, and Live
     * Tail", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
     */
    public static String failedRunFilterPattern() {
        return "\"" + FAILED + "\"";
    }
}
