package io.meltanodata.preview;

import com.pulumi.deployment.internal.Runner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwaitingRunnerTest {

    @Test
    void theRunEndsOnlyWhenTasksRegisteredByTheProgramAreDone() throws Exception {
        AwaitingRunner runner = new AwaitingRunner();
        CompletableFuture<String> late = new CompletableFuture<>();
        Runner.Result<String> result = runner.runAsync(() -> {
            runner.registerTask("late", late);
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> late.complete("done"));
            return "program";
        }).get(5, TimeUnit.SECONDS);
        assertTrue(late.isDone(), "the run waited for the task the program registered");
        assertEquals(Runner.ProcessExitedSuccessfully, result.exitCode());
        assertEquals(Optional.of("program"), result.result());
        assertEquals(List.of(), result.exceptions());
    }

    @Test
    void aFailedTaskEndsTheRunWithItsException() throws Exception {
        AwaitingRunner runner = new AwaitingRunner();
        IllegalStateException failure = new IllegalStateException("bad input");
        CompletableFuture<String> never = new CompletableFuture<>();
        Runner.Result<String> result = runner.runAsync(() -> {
            runner.registerTask("never", never);
            runner.registerTask("fails", CompletableFuture.failedFuture(failure));
            return "program";
        }).get(5, TimeUnit.SECONDS);
        assertEquals(Runner.ProcessExitedAfterLoggingUserActionableMessage, result.exitCode());
        assertEquals(List.of(failure), result.exceptions());
        assertEquals(Optional.empty(), result.result());
    }
}
