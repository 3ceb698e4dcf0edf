package io.meltanodata.components.kubernetes;

/**
 * The contract between the image's run wrapper (deployments/04_environments/image/meltanodata-run),
 * the pods Layer 4 renders and the failed-run alarm of Layer 1.
 */
public final class MeltanoRuns {
    /** The wrapper every Meltano container runs: {@code meltanodata-run <meltano args>}. */
    public static final String RUNNER = "meltanodata-run";
    /**
     * The line a failed run prints, whatever failed: the fabric's failed-run alarm counts it. Meltano
     * 4.4.1 itself ends a failed {@code schedule run} with "Block run completed" and "Run completed",
     * the same words as a successful one, so its own lines cannot tell them apart.
     */
    public static final String FAILED = "meltanodata run failed";

    private MeltanoRuns() {
    }
}
