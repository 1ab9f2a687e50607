package io.winnow.jobs.cli;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.Tables;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.jobs.pipeline.PipelineRunner;
import io.winnow.jobs.report.HtmlReport;
import io.winnow.jobs.report.ReportTables;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run the configured pipeline (default on the demo corpus: ingest -> exact-dedup -> fuzzy-dedup -> quality",
            "-> decontaminate, whose output is the table `curated`).",
            "Writes Delta tables under ./warehouse and prints a report at the end.",
            "Stages whose outputs already match the config and inputs are skipped (see --force)."
        })
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH", description = "Input files for ingest (overrides ingest.input).")
    String input;

    @Option(names = "--stages", paramLabel = "LIST", split = ",",
            description = "Stages to run, comma separated (overrides pipeline.stages): ingest, exact-dedup, fuzzy-dedup, quality, decontaminate.")
    List<String> stages;

    @Option(names = "--no-html-report", description = "Skip the HTML report written at the end (<warehouse>/_reports/report.html).")
    boolean noHtmlReport;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (input != null) {
            overrides.put("ingest.input", input);
        }
        if (stages != null) {
            overrides.put("pipeline.stages", stages);
        }
        PipelineConfig config = common.loadConfig(overrides);
        RunContext context = common.runContext(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Winnow run " + context.runId() + ": " + config.stages().size() + " stage(s), warehouse "
                + context.warehouse().root());
        out.flush();
        SparkSession spark = common.openSpark(config);
        List<StageResult> results = PipelineRunner.run(spark, context, config, r -> StageRunSupport.printStageLine(out, r));
        StageRunSupport.printReport(out, spark, context, config, results, List.of(config.ingest().output(),
                config.exactDedup().output(), config.exactDedup().duplicates(), config.fuzzyDedup().output(),
                config.fuzzyDedup().duplicates(), config.quality().output(), config.quality().metrics(),
                config.decontaminate().output(), config.decontaminate().contamination(), Tables.QUARANTINE, Tables.RUNS));
        if (!noHtmlReport) {
            String target = HtmlReport.defaultPath(context.warehouse());
            HtmlReport.write(spark, context.warehouse(), context.runId(), results, ReportTables.of(config), target);
            out.println("HTML report: " + target);
            out.flush();
        }
        return 0;
    }
}
