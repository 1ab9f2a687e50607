package io.winnow.dedup.exact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.ingest.IngestJob;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code exact_dedup}: hash the normalised text of every document, keep one deterministic
 * representative per hash, and record every removed document with the one it duplicates.
 * Optionally, CCNet-style, then remove lines (or paragraphs) already seen in an earlier document.
 */
public final class ExactDedupJob {
    public static final String STAGE = "exact_dedup";

    static final String DUPLICATE_DOCUMENT = "duplicate_document";
    static final String EMPTY_AFTER_LINE_DEDUP = "empty_after_line_dedup";
    static final String TOO_SHORT_AFTER_LINE_DEDUP = "too_short_after_line_dedup";

    private ExactDedupJob() {}

    public static StageResult run(SparkSession spark, RunContext context, ExactDedupConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String duplicatesPath = context.warehouse().resolve(config.duplicates());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, IngestJob.STAGE);
        DeltaTables.requireColumn(input, inputPath, "doc_id", DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, "text", DataTypes.StringType);
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config),
                Map.of(inputPath, "v" + DeltaTables.version(spark, inputPath)), List.of(outputPath, duplicatesPath));
        return StageExecution.execute(spark, context, spec,
                () -> deduplicate(context, config, DeltaTables.withMissingColumns(input, Tables.DOCUMENT_SCHEMA), outputPath, duplicatesPath, quarantinePath));
    }

    private static StageOutcome deduplicate(RunContext context, ExactDedupConfig config, Dataset<Row> input,
            String outputPath, String duplicatesPath, String quarantinePath) {
        UserDefinedFunction documentHash = udf(new NormalizedHash(config.normalization(), false), DataTypes.StringType);
        Column invalidRow = Quarantine.missingIdOrText();

        WindowSpec byHash = Window.partitionBy("__hash").orderBy(config.keep().order());
        Dataset<Row> ranked = input.where(not(invalidRow))
                .withColumn("__hash", documentHash.apply(col("text")))
                .withColumn("__rank", row_number().over(byHash))
                .withColumn("__representative", first("doc_id").over(byHash))
                .withColumn("__group_size", count(lit(1)).over(Window.partitionBy("__hash")))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> cached = new ArrayList<>(List.of(ranked));
        try {
            Row documentCounts = ranked.agg(
                    count(lit(1)),
                    sum(when(col("__rank").gt(1), 1).otherwise(0)),
                    sum(when(col("__rank").equalTo(1).and(col("__group_size").gt(1)), 1).otherwise(0))).head();
            long validRows = documentCounts.getLong(0);
            Map<String, Long> detail = new HashMap<>();
            detail.put("dropped." + DUPLICATE_DOCUMENT, documentCounts.isNullAt(1) ? 0L : documentCounts.getLong(1));
            detail.put("duplicate_groups", documentCounts.isNullAt(2) ? 0L : documentCounts.getLong(2));

            Dataset<Row> kept = ranked.where(col("__rank").equalTo(1));
            Dataset<Row> dropped = ranked.where(col("__rank").gt(1)).select(
                    col("doc_id"), col("__hash").as("hash"), col("__representative").as("representative"),
                    col("__group_size").as("group_size"), lit(DUPLICATE_DOCUMENT).as("reason"));
            if (config.lineMode() != LineDedupMode.OFF) {
                LineDedup.Result lines = LineDedup.apply(kept, config, config.keep().order());
                cached.add(lines.cached());
                kept = lines.kept();
                dropped = dropped.unionByName(lines.dropped());
                detail.putAll(lines.detail());
            }

            long outputVersion = DeltaTables.overwrite(DeltaTables.conform(kept, Tables.DOCUMENT_SCHEMA), outputPath);
            long duplicatesVersion = DeltaTables.overwrite(
                    DeltaTables.conform(dropped, Tables.EXACT_DUPLICATES_SCHEMA).coalesce(1), duplicatesPath);
            Dataset<Row> quarantineRows = Quarantine.missingIdOrText(input, STAGE, context.runId());
            long quarantinedRows = Quarantine.replaceStageRowsCounted(quarantineRows, quarantinePath, STAGE);

            // Count what was written (the commits' row counts), not what was planned: the add-up check then
            // guards the writes too.
            SparkSession spark = input.sparkSession();
            long keptRows = DeltaTables.writtenRows(spark, outputPath, outputVersion);
            long droppedRows = DeltaTables.writtenRows(spark, duplicatesPath, duplicatesVersion);
            StageCounts counts = new StageCounts(STAGE, validRows + quarantinedRows, keptRows, droppedRows, quarantinedRows,
                    detail);
            return new StageOutcome(counts, Map.of(
                    outputPath, outputVersion,
                    duplicatesPath, duplicatesVersion,
                    quarantinePath, DeltaTables.version(spark, quarantinePath)));
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

}
