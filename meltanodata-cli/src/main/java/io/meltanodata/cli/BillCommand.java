package io.meltanodata.cli;

import io.meltanodata.billing.AwsClients;
import io.meltanodata.billing.Bill;
import io.meltanodata.billing.BillFormats;
import io.meltanodata.billing.BillPlot;
import io.meltanodata.billing.BillReader;
import io.meltanodata.billing.CurExport;
import io.meltanodata.billing.Estimates;
import io.meltanodata.components.UserInputException;
import io.meltanodata.cost.Assumptions;
import io.meltanodata.cost.CostModel;
import io.meltanodata.cost.PriceTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code meltanodata bill}: the month's actual cost per site, project and environment, from a CUR 2.0 export. */
@Command(name = "bill", mixinStandardHelpOptions = true, subcommands = BillAlertsCommand.class,
        description = {"Charges back a month of a CUR 2.0 Data Export (Parquet, with split cost",
                "allocation data) per site, project, environment and ref: the pods' split cost,",
                "their share of unused node capacity, the tagged resources, and the fabric's",
                "cost shared per project. Read with DuckDB. `bill alerts` checks the budgets."})
final class BillCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ExportOptions export;

    @Mixin
    StackSelection stacks;

    @Option(names = "--format", defaultValue = "text", description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--estimate", description = "Set `meltanodata cost`'s estimate of each rendered stack (STACK_FILE..., default: the bundled example) beside the actual.")
    boolean estimate;

    @Mixin
    OutputOption output;

    @Option(names = "--plot", paramLabel = "FILE.svg", description = "Also write an SVG of the bill's lines to FILE.svg, written as -o writes FILE.")
    Path plot;

    @Override
    public Integer call() {
        if (!format.matches("text|csv|json")) {
            throw new UserInputException("--format has value '" + format + "'; allowed: text, csv, json");
        }
        Consumer<String> out = output.sink(spec.commandLine().getOut());
        OutputFile plotFile = plot == null ? null : OutputFile.of("--plot", plot);
        Bill bill = export.read();
        Estimates estimates = estimate ? Estimates.of(stacks.render(), new CostModel(PriceTable.usEast1(), Assumptions.defaults())) : Estimates.NONE;
        out.accept(switch (format) {
            case "csv" -> BillFormats.csv(bill, estimates);
            case "json" -> BillFormats.json(bill, export.location, estimates);
            default -> BillFormats.text(bill, export.location, estimates);
        });
        if (plotFile != null) {
            plotFile.write(BillPlot.render(bill, estimates));
        }
        return ExitCodes.OK;
    }

    /** Where the export is, which month, and how to reach S3. */
    static final class ExportOptions {
        // Not `required`: picocli would then ask the parent's option of `bill alerts --export ...` too.
        @Option(names = "--export", paramLabel = "FOLDER|s3://BUCKET/PREFIX",
                description = "The CUR 2.0 export: a local folder of its Parquet files, or the S3 prefix Data Exports writes to.")
        String location;

        @Option(names = "--month", defaultValue = "", paramLabel = "YYYY-MM", description = "Billing period (default: the latest in the export).")
        String month;

        @Option(names = "--region", description = "AWS region of the S3 and SNS clients (default: the SDK's region chain, else us-east-1).")
        String region;

        @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send S3 and SNS requests to URL (a local S3 such as moto's).")
        URI endpoint;

        AwsClients aws() {
            return new AwsClients(Optional.ofNullable(region), Optional.ofNullable(endpoint));
        }

        Bill read() {
            if (location == null || location.isBlank()) {
                throw new UserInputException("--export is missing; allowed: a folder of CUR 2.0 Parquet files or s3://bucket/prefix");
            }
            try (CurExport cur = CurExport.open(location, month, aws())) {
                return new BillReader(cur.folder()).read(month);
            }
        }
    }
}
