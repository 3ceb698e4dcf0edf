package io.meltanodata.cli;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.chargeback.Layer;
import io.meltanodata.cost.Assumptions;
import io.meltanodata.cost.BillFormat;
import io.meltanodata.cost.CostLine;
import io.meltanodata.cost.CostModel;
import io.meltanodata.cost.PriceTable;
import io.meltanodata.cost.QuotaFormat;
import io.meltanodata.cost.QuotaProjection;
import io.meltanodata.cost.ScaleProjection;
import io.meltanodata.cost.SvgPlot;
import io.meltanodata.preview.LayerRendering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code meltanodata cost}: the estimated monthly bill of what {@code preview} renders. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Estimates the monthly bill of each rendered stack, line by line, from AWS list prices",
                "(us-east-1, kept with their sources in the repository), then the split by layer at a scale,",
                "and what that fleet counts against each AWS quota per account and cluster, and where it runs out.",
                "The first stack of each layer stands for every instance of that layer in the split."})
final class CostCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StackSelection stacks;

    @Option(names = "--sites", defaultValue = "20") int sites;
    @Option(names = "--projects-per-site", defaultValue = "3") int projectsPerSite;
    @Option(names = "--envs-per-project", defaultValue = "4") int envsPerProject;
    @Option(names = "--run-minutes", defaultValue = "15", description = "Average minutes of one scheduled run.")
    double runMinutes;

    @Mixin
    OutputOption output;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Also write an SVG plot of total and per-project cost against the number of projects (1..--sites sites), "
                    + "to FILE.svg written as -o writes FILE.")
    Path plot;

    @Override
    public Integer call() {
        if (sites < 1 || projectsPerSite < 1 || envsPerProject < 1 || runMinutes <= 0) {
            throw new UserInputException("--sites, --projects-per-site, --envs-per-project and --run-minutes must be positive");
        }
        Consumer<String> out = output.sink(spec.commandLine().getOut());
        OutputFile plotFile = plot == null ? null : OutputFile.of("--plot", plot);
        List<LayerRendering> stacks = this.stacks.render();
        Assumptions defaults = Assumptions.defaults();
        CostModel model = new CostModel(PriceTable.usEast1(), new Assumptions(runMinutes, defaults.natGbPerGateway(),
                defaults.logGbPerGroup(), defaults.gbPerBucket(), defaults.gbPerRegistry()));
        ScaleProjection bills = new ScaleProjection(first(stacks, Layer.SERVICE_FABRIC, model), first(stacks, Layer.SITE_INSTANCE, model),
                first(stacks, Layer.HOSTED_PROJECT, model), first(stacks, Layer.ACTIVATED_ENVIRONMENT, model));
        out.accept(BillFormat.text(stacks, model, bills.at(sites, projectsPerSite, envsPerProject))
                + QuotaFormat.text(new QuotaProjection(first(stacks, Layer.SERVICE_FABRIC), first(stacks, Layer.SITE_INSTANCE),
                        first(stacks, Layer.HOSTED_PROJECT), first(stacks, Layer.ACTIVATED_ENVIRONMENT))
                        .at(sites, projectsPerSite, envsPerProject), sites, projectsPerSite, envsPerProject));
        if (plotFile != null) {
            plotFile.write(SvgPlot.render(SvgPlot.series(bills, sites, projectsPerSite, envsPerProject)));
        }
        return ExitCodes.OK;
    }

    private static List<io.meltanodata.preview.RecordedResource> first(List<LayerRendering> stacks, Layer layer) {
        return stacks.stream().filter(s -> s.layer() == layer).findFirst().map(s -> s.rendering().resources()).orElse(List.of());
    }

    private static double first(List<LayerRendering> stacks, Layer layer, CostModel model) {
        return stacks.stream().filter(s -> s.layer() == layer).findFirst()
                .map(s -> model.bill(s.rendering().resources()).stream().mapToDouble(CostLine::monthly).sum()).orElse(0.0);
    }
}
