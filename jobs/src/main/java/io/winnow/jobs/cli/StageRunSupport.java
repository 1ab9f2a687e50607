package io.winnow.jobs.cli;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.jobs.pipeline.PipelineRunner;
import io.winnow.jobs.pipeline.PipelineStage;
import io.winnow.jobs.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/** Printing and saving what a command did. */
final class StageRunSupport {
    private StageRunSupport() {}

    /**
     * What every single-stage command does: load the config with the command's overrides, run the
     * one stage, print its line and the report with the tables it wrote. Returns the exit code.
     */
    static int runSingleStage(CommonOptions common, PrintWriter out, Map<String, Object> overrides, PipelineStage stage,
            Function<PipelineConfig, List<String>> tables) {
        Map<String, Object> present = new LinkedHashMap<>();
        overrides.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        PipelineConfig config = common.loadConfig(present);
        RunContext context = common.runContext(config);
        SparkSession spark = common.openSpark(config);
        StageResult result = PipelineRunner.runStage(spark, context, config, stage);
        printStageLine(out, result);
        printReport(out, spark, context, config, List.of(result), tables.apply(config));
        return 0;
    }

    static void printStageLine(PrintWriter out, StageResult result) {
        out.printf("%-13s %-9s in=%,d kept=%,d dropped=%,d quarantined=%,d (%.1fs)%n", result.stage(), result.status(),
                result.counts().in(), result.counts().kept(), result.counts().dropped(), result.counts().quarantined(),
                result.elapsed().toMillis() / 1000.0);
        out.flush();
    }

    static void printReport(PrintWriter out, SparkSession spark, RunContext context, PipelineConfig config,
            List<StageResult> results, List<String> tables) {
        String report = RunReport.render(context.runId(), context.warehouse().root(), results) + tablesSection(spark, context, tables);
        out.println();
        out.print(report);
        Path saved = saveLocally(context, report);
        if (saved != null) {
            out.println();
            out.println("Report saved to " + saved);
        }
        out.flush();
    }

    private static String tablesSection(SparkSession spark, RunContext context, List<String> tables) {
        StringBuilder out = new StringBuilder("\nTables:\n");
        for (String table : tables) {
            String path = context.warehouse().resolve(table);
            if (DeltaTables.exists(spark, path)) {
                long rows = DeltaTables.read(spark, path, "?").count();
                out.append(String.format("- %-18s %s (Delta version %d, %,d rows)%n", table, path,
                        DeltaTables.version(spark, path), rows));
            }
        }
        return out.toString();
    }

    /** Local warehouses get the report as Markdown under _reports/; remote ones only print it. */
    private static Path saveLocally(RunContext context, String report) {
        String root = context.warehouse().root();
        if (root.contains("://")) {
            return null;
        }
        Path directory = Path.of(io.winnow.jobs.pipeline.LocalPaths.underWarehouse(context, "_reports"));
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(context.runId() + ".md");
            Files.writeString(file, report);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the run report under " + directory, e);
        }
    }
}
