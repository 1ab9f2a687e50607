package io.winnow.selection.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.run.ConfigHash;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageExecution;
import io.winnow.core.run.StageOutcome;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageSpec;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Quarantine;
import io.winnow.core.table.Tables;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code quality}: the Gopher repetition, Gopher quality, C4 and FineWeb heuristics, plus a
 * classifier score with an optional keep policy. Every document gets a row in the metrics table
 * with all the rules it fails and all the values measured; kept documents carry C4's line removals.
 */
public final class QualityJob {
    public static final String STAGE = "quality";

    private QualityJob() {}

    public static StageResult run(SparkSession spark, RunContext context, QualityConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String metricsPath = context.warehouse().resolve(config.metrics());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, "an earlier stage (see pipeline.stages)");
        DeltaTables.requireColumn(input, inputPath, "doc_id", DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, "text", DataTypes.StringType);
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        QualityClassifierStep classifier = QualityClassifierStep.prepare(spark, context, config.classifier(),
                config.classifierTraining());
        inputVersions.putAll(classifier.inputVersions());
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, List.of(outputPath, metricsPath));
        return StageExecution.execute(spark, context, spec, () -> filter(context, config, classifier,
                DeltaTables.withMissingColumns(input, Tables.DOCUMENT_SCHEMA), outputPath, metricsPath, quarantinePath));
    }

    private static StageOutcome filter(RunContext context, QualityConfig config, QualityClassifierStep classifier,
            Dataset<Row> input, String outputPath, String metricsPath, String quarantinePath) {
        Dataset<Row> documents = DeltaTables.conform(input.where(not(Quarantine.missingIdOrText())), Tables.DOCUMENT_SCHEMA);
        Dataset<Row> assessed = documents.mapPartitions(new DocumentAssessor(config.rules()),
                Encoders.row(QualityTables.ASSESSED_SCHEMA));
        Dataset<Row> verdicts = classifier.apply(assessed).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> kept = verdicts.where(size(col("reasons")).equalTo(0));
            long outputVersion = DeltaTables.overwrite(DeltaTables.conform(kept, Tables.DOCUMENT_SCHEMA), outputPath);
            Dataset<Row> metrics = verdicts.select(col("doc_id"), size(col("reasons")).equalTo(0).as("kept"),
                    col("reasons"), col("metrics"), col("quality_score"), col("text_changed"),
                    lit(context.runId()).as("run_id"));
            DeltaTables.overwrite(DeltaTables.conform(metrics, QualityTables.METRICS_SCHEMA), metricsPath);
            long quarantinedRows = Quarantine.replaceStageRowsCounted(
                    Quarantine.missingIdOrText(input, STAGE, context.runId()), quarantinePath, STAGE);

            SparkSession spark = input.sparkSession();
            Dataset<Row> written = DeltaTables.read(spark, metricsPath, STAGE);
            Row totals = written.agg(count(lit(1)),
                    sum(when(col("kept"), 1).otherwise(0)),
                    sum(when(col("kept").and(col("text_changed")), 1).otherwise(0)),
                    sum(col("metrics").getItem("c4_lines_removed")),
                    count(col("quality_score"))).head();
            long assessedRows = totals.getLong(0);
            long keptInMetrics = totals.isNullAt(1) ? 0 : totals.getLong(1);
            Map<String, Long> detail = new HashMap<>();
            detail.put("kept_with_lines_removed", totals.isNullAt(2) ? 0 : totals.getLong(2));
            detail.put("c4_lines_removed", totals.isNullAt(3) ? 0 : (long) totals.getDouble(3));
            detail.put("scored", totals.getLong(4));
            for (Row reason : written.select(explode(col("reasons")).as("reason")).groupBy("reason").count().collectAsList()) {
                detail.put("reason." + reason.getString(0), reason.getLong(1));
            }
            for (Row first : written.where(not(col("kept"))).groupBy(col("reasons").getItem(0)).count().collectAsList()) {
                detail.put("dropped.first_reason." + first.getString(0), first.getLong(1));
            }

            long keptRows = DeltaTables.writtenRows(spark, outputPath, outputVersion);
            if (keptRows != keptInMetrics) {
                throw new IllegalStateException("quality wrote " + keptRows + " kept documents but " + keptInMetrics
                        + " metrics rows marked kept; the tables disagree");
            }
            StageCounts counts = new StageCounts(STAGE, assessedRows + quarantinedRows, keptRows, assessedRows - keptRows,
                    quarantinedRows, detail);
            return new StageOutcome(counts, Map.of(
                    outputPath, outputVersion,
                    metricsPath, DeltaTables.version(spark, metricsPath),
                    quarantinePath, DeltaTables.version(spark, quarantinePath)));
        } finally {
            verdicts.unpersist();
        }
    }
}
