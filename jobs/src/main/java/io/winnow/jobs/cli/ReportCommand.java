package io.winnow.jobs.cli;

import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.Warehouse;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.jobs.report.HtmlReport;
import io.winnow.jobs.report.ReportTables;
import io.winnow.jobs.report.RunReport;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, description = {
    "Print the run log of the latest run (or of --run-id) as a table;",
    "with --html also write an HTML report with PNG charts (counts, drop and quarantine reasons, duplicate",
    "cluster sizes, quality metric histograms, embedding and vocabulary tables when they exist)."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--html", arity = "0..1", fallbackValue = "", paramLabel = "PATH",
            description = "Also write the HTML report (PNG charts beside it). Default path: <warehouse>/_reports/report.html")
    String html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelineConfig config = common.loadConfig(Map.of());
        Warehouse warehouse = new Warehouse(config.warehouse());
        SparkSession spark = common.openSpark(config);
        PrintWriter out = spec.commandLine().getOut();
        List<StageResult> all = new RunLog(spark, warehouse.runLogPath()).all();
        if (all.isEmpty()) {
            out.println("No runs recorded in " + warehouse.runLogPath() + " yet. Run `winnow run` first.");
            return 0;
        }
        String runId = common.runId != null ? common.runId : all.get(0).runId();
        List<StageResult> ofRun = all.stream().filter(r -> r.runId().equals(runId))
                .sorted(Comparator.comparing(StageResult::startedAt)).toList();
        if (ofRun.isEmpty()) {
            out.println("No stages recorded for run " + runId + " in " + warehouse.runLogPath() + ".");
            return 1;
        }
        out.print(RunReport.render(runId, warehouse.root(), ofRun));
        if (html != null) {
            String target = html.isEmpty() ? HtmlReport.defaultPath(warehouse) : html;
            List<String> charts = HtmlReport.write(spark, warehouse, runId, ofRun, ReportTables.of(config), target);
            out.println();
            out.println("HTML report: " + target + " (" + charts.size() + " charts beside it)");
        }
        out.flush();
        return 0;
    }
}
