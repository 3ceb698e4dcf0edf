package io.meltanodata.preview;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.deployment.internal.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The offline preview's task runner. The SDK's runner polls its in-flight tasks in a loop that
 * re-submits itself to the common pool and formats every remaining task on each pass; on a
 * 2-core machine that loop competes with the program. This one waits for the next task to
 * complete instead, with the SDK's outcome: done when no task is left (checked twice, one pool
 * hop apart, for tasks registered by a completing task's callbacks), or at the first failed task.
 * Used only under mocks, never by a real deployment.
 */
final class AwaitingRunner implements Runner {
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Exception> failures = new ArrayList<>();

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        inFlight.add(task);
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> program) {
        CompletableFuture<T> value = ContextAwareCompletableFuture.supplyAsync(program);
        registerTask("program", value);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        awaitTasks(settled, false);
        return settled.thenApply(ignored -> {
            synchronized (failures) {
                T result = failures.isEmpty() ? value.getNow(null) : null;
                return new Result<T>(failures.isEmpty() ? ProcessExitedSuccessfully
                        : ProcessExitedAfterLoggingUserActionableMessage, List.copyOf(failures), Optional.ofNullable(result)) {
                };
            }
        });
    }

    private void awaitTasks(CompletableFuture<Void> settled, boolean emptyBefore) {
        for (CompletableFuture<?> task : List.copyOf(inFlight)) {
            if (task.isDone()) {
                inFlight.remove(task);
                failureOf(task).ifPresent(failure -> {
                    synchronized (failures) {
                        failures.add(failure);
                    }
                });
            }
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                settled.complete(null);
                return;
            }
        }
        if (inFlight.isEmpty()) {
            if (emptyBefore) {
                settled.complete(null);
            } else {
                CompletableFuture.runAsync(() -> awaitTasks(settled, true));
            }
            return;
        }
        CompletableFuture.anyOf(inFlight.toArray(CompletableFuture<?>[]::new))
                .whenCompleteAsync((ignored, error) -> awaitTasks(settled, false));
    }

    private static Optional<Exception> failureOf(CompletableFuture<?> task) {
        if (!task.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            task.join();
            return Optional.empty();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(cause instanceof Exception ex ? ex : new RuntimeException(cause));
        }
    }
}
