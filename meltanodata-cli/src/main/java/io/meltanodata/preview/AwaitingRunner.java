package io.meltanodata.preview;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.deployment.internal.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The offline preview's task runner. The SDK's runner polls its in-flight tasks in a loop that
 * re-submits itself to the common pool and formats every remaining task on each pass; on a
 * 2-core machine that loop competes with the program. This one counts the tasks still running
 * (the SDK registers one per output, thousands per stack, so each costs one counter step and one
 * callback) with the SDK's outcome: done when no task is left (checked twice, one pool hop apart,
 * for tasks registered by a completing task's callbacks), or at the first failed task.
 * Used only under mocks, never by a real deployment.
 */
final class AwaitingRunner implements Runner {
    /** Tasks still running, plus one held until the program is registered. */
    private final AtomicInteger running = new AtomicInteger(1);
    /** Tasks registered so far: the second check sees whether any arrived since the first. */
    private final AtomicLong registered = new AtomicLong();
    private final List<Exception> failures = new ArrayList<>();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        registered.incrementAndGet();
        running.incrementAndGet();
        task.whenComplete((value, error) -> {
            if (error != null) {
                synchronized (failures) {
                    failures.add(failureOf(error));
                }
                settled.complete(null);
            }
            release();
        });
    }

    private void release() {
        if (running.decrementAndGet() == 0) {
            long seen = registered.get();
            CompletableFuture.runAsync(() -> {
                if (running.get() == 0 && registered.get() == seen) {
                    settled.complete(null);
                }
            });
        }
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> program) {
        CompletableFuture<T> value = ContextAwareCompletableFuture.supplyAsync(program);
        registerTask("program", value);
        release();
        return settled.thenApply(ignored -> {
            synchronized (failures) {
                T result = failures.isEmpty() ? value.getNow(null) : null;
                return new Result<T>(failures.isEmpty() ? ProcessExitedSuccessfully
                        : ProcessExitedAfterLoggingUserActionableMessage, List.copyOf(failures), Optional.ofNullable(result)) {
                };
            }
        });
    }

    private static Exception failureOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof Exception e ? e : new RuntimeException(cause);
    }
}
