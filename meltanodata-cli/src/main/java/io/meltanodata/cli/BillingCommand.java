package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;
import io.meltanodata.cost.TagActivation;
import io.meltanodata.servicefabric.BillingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meltanodata billing status}: what charge-back still needs in the paying account. */
@Command(name = "billing", mixinStandardHelpOptions = true,
        description = {"The paying account's side of charge-back (docs/cost.md, \"Charge-back\")."},
        subcommands = {BillingCommand.Status.class})
final class BillingCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Asks Cost Explorer (aws ce list-cost-allocation-tags, in us-east-1, with the paying account's",
                    "credentials) which charge-back keys are active cost allocation tags, which AWS has seen and will",
                    "activate (add them to meltanodata:costAllocationTags of the paying fabric), and which it has not",
                    "seen yet. Says how to check the split cost allocation data opt-in, which no AWS API reports.",
                    "Exit 0 when every key is active, 3 otherwise."})
    static final class Status implements Callable<Integer> {
        static final String CONSOLE_STEP = "Billing and Cost Management console > Cost Management preferences > "
                + "\"Split cost allocation data\" > Amazon Elastic Kubernetes Service, resource requests";

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--aws", defaultValue = "aws", paramLabel = "EXECUTABLE",
                description = "The AWS CLI to run (default: ${DEFAULT-VALUE}).")
        String aws;

        @Override
        public Integer call() {
            List<String> keys = BillingConfig.chargeBackKeys();
            TagActivation activation = TagActivation.of(keys, listCostAllocationTags());
            PrintWriter out = spec.commandLine().getOut();
            out.println("active:            " + joined(activation.in(TagActivation.State.ACTIVE, keys)));
            out.println("seen, not active:  " + joined(activation.in(TagActivation.State.READY, keys)));
            out.println("not seen yet:      " + joined(activation.in(TagActivation.State.UNSEEN, keys))
                    + "  (AWS lists a key up to 24 hours after it is first applied; only then can it be activated)");
            if (!activation.others().isEmpty()) {
                out.println("other MeltanoData keys AWS lists (not activated by the layers): " + joined(activation.others()));
            }
            if (!activation.allActive()) {
                out.println("next: set in the paying fabric's stack file and run pulumi up:");
                out.println("  meltanodata:costAllocationTags: [" + String.join(", ", activation.activatable(keys)) + "]");
            }
            out.println("split cost allocation data: no AWS API reports this opt-in. Turn it on once in the paying account: "
                    + CONSOLE_STEP + ". It is on when the export has rows with split_line_item_parent_resource_id "
                    + "(meltanodata bill shows the pods' split cost), 24-48 hours after the opt-in.");
            return activation.allActive() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }

        /** Every key, so that a label AWS imported under another spelling shows up too (the CLI follows the pages). */
        private String listCostAllocationTags() {
            List<String> command = List.of(aws, "ce", "list-cost-allocation-tags", "--region", "us-east-1", "--output", "json");
            try {
                Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
                String stdout = read(process.getInputStream());
                int status = process.waitFor();
                if (status != 0) {
                    String reason = stderr.join().strip().lines().reduce((a, b) -> b).orElse("exit " + status);
                    throw new UserInputException("aws ce list-cost-allocation-tags failed: " + reason
                            + " (run it with credentials of the paying account, allowed ce:ListCostAllocationTags)");
                }
                return stdout;
            } catch (IOException e) {
                throw new UserInputException("cannot run the AWS CLI '" + aws + "': " + e.getMessage()
                        + " (install it, or name it with --aws)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserInputException("interrupted while waiting for aws ce list-cost-allocation-tags");
            }
        }

        private static String read(java.io.InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String joined(List<String> keys) {
            return keys.isEmpty() ? "-" : String.join(", ", keys);
        }
    }
}
