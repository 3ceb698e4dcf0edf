package io.meltanodata.components;

/**
 * Sizes the JDK's common fork-join pool for the Pulumi Java SDK, which chains every output through
 * {@code CompletableFuture}'s async methods. With a common pool of parallelism 1, the JDK's default
 * on a 2-CPU machine (a CI runner, a small laptop VM), those methods start a new thread for every
 * task (see the {@code CompletableFuture} class documentation): a preview of a fleet went past
 * 27,000 threads. At least 2, else the JDK's own choice of one less than the processors.
 *
 * <p>The JDK reads the setting once, when the pool is first used: a program's {@code main} sets it
 * ({@link #sizeForTheSdk()}) for the jar and the tool; under {@code exec:java} the program runs in
 * Maven's JVM, so each layer's {@code ./mvnw} passes it in {@code MAVEN_OPTS} as well.
 */
public final class CommonPool {
    public static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    public static int parallelism(int processors) {
        return Math.max(2, processors - 1);
    }

    /** Sets {@link #PROPERTY} unless it is set already (a user's own choice wins). */
    public static void sizeForTheSdk() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, String.valueOf(parallelism(Runtime.getRuntime().availableProcessors())));
        }
    }
}
