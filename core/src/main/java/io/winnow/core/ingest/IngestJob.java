package io.winnow.core.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.error.WinnowErrors;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.ConfigHash;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageExecution;
import io.winnow.core.run.StageOutcome;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageSpec;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Tables;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code ingest}: JSONL (plain or compressed), Parquet and plain-text files into the
 * {@code documents} Delta table. Every input record ends in exactly one place: the documents
 * table or the quarantine table with a reason; blank JSONL lines are counted but are not records.
 */
public final class IngestJob {
    public static final String STAGE = "ingest";

    private IngestJob() {}

    public static StageResult run(SparkSession spark, RunContext context, IngestConfig config) {
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        List<InputFile> files = InputFiles.list(hadoopConf, config.input(), config.format());
        String documentsPath = context.warehouse().resolve(config.output());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config),
                Map.of(config.input(), InputFiles.fingerprint(files)), List.of(documentsPath));
        return StageExecution.execute(spark, context, spec,
                () -> ingest(spark, context, config, files, documentsPath, quarantinePath));
    }

    private static StageOutcome ingest(SparkSession spark, RunContext context, IngestConfig config, List<InputFile> files,
            String documentsPath, String quarantinePath) {
        String source = config.source() != null ? config.source() : defaultSource(config.input());
        Dataset<Row> records = readRecords(spark, config, files, source);
        if (config.idField() != null) {
            records = markDuplicateIds(records, config.rawRecordMaxChars());
        }
        records = records.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> byReason = new LinkedHashMap<>();
            long documents = 0;
            long quarantined = 0;
            long blank = 0;
            for (Row row : records.groupBy("kind", "reason").count().collectAsList()) {
                String kind = row.getString(0);
                long count = row.getLong(2);
                switch (kind) {
                    case IngestRows.DOCUMENT -> documents += count;
                    case IngestRows.BLANK -> blank += count;
                    default -> {
                        quarantined += count;
                        byReason.merge("quarantined." + row.getString(1), count, Long::sum);
                    }
                }
            }
            Dataset<Row> documentRows = DeltaTables.conform(records.where(col("kind").equalTo(IngestRows.DOCUMENT)),
                    Tables.DOCUMENT_SCHEMA);
            int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
            long documentsVersion = DeltaTables.overwrite(documentRows.repartition(partitions, col("doc_id")), documentsPath);

            Dataset<Row> quarantineRows = DeltaTables.conform(records.where(col("kind").equalTo(IngestRows.QUARANTINE))
                    .withColumn("stage", lit(STAGE))
                    .withColumn("run_id", lit(context.runId()))
                    .withColumn("line_number", col("source_line")), Tables.QUARANTINE_SCHEMA);
            long quarantineVersion = DeltaTables.replaceWhere(quarantineRows.coalesce(1), quarantinePath,
                    "stage = '" + STAGE + "'");

            Map<String, Long> detail = new HashMap<>(byReason);
            detail.put("files", (long) files.size());
            detail.put("blank_lines", blank);
            // In = records read; kept and quarantined = rows actually written, so the add-up check guards the writes.
            long written = DeltaTables.read(spark, documentsPath, STAGE).count();
            long writtenQuarantine = DeltaTables.read(spark, quarantinePath, STAGE).where(col("stage").equalTo(STAGE)).count();
            StageCounts counts = new StageCounts(STAGE, documents + quarantined, written, 0, writtenQuarantine, detail);
            return new StageOutcome(counts, Map.of(documentsPath, documentsVersion, quarantinePath, quarantineVersion));
        } finally {
            records.unpersist();
        }
    }

    static Dataset<Row> readRecords(SparkSession spark, IngestConfig config, List<InputFile> files, String source) {
        List<InputFile> lineFiles = files.stream().filter(f -> f.format() != InputFormat.PARQUET).toList();
        List<InputFile> parquetFiles = files.stream().filter(f -> f.format() == InputFormat.PARQUET).toList();
        Dataset<Row> records = null;
        if (!lineFiles.isEmpty()) {
            Map<String, String> hadoopSettings = new HashMap<>();
            spark.sparkContext().hadoopConfiguration().forEach(entry -> hadoopSettings.put(entry.getKey(), entry.getValue()));
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            // One task per file: compressed files cannot be split, and per-file tasks keep line numbers exact.
            JavaRDD<Row> rows = jsc.parallelize(lineFiles, lineFiles.size())
                    .flatMap(new FileRecordReader(config, source, hadoopSettings));
            records = spark.createDataFrame(rows, IngestRows.SCHEMA);
        }
        if (!parquetFiles.isEmpty()) {
            Dataset<Row> parquet;
            try {
                parquet = ParquetRecords.read(spark, parquetFiles, config, source);
            } catch (WinnowException e) {
                throw e;
            } catch (RuntimeException e) {
                throw WinnowErrors.unreadableInput(parquetFiles.get(0).path() + " (and " + (parquetFiles.size() - 1)
                        + " more Parquet files)", e);
            }
            records = records == null ? parquet : records.unionByName(parquet);
        }
        return records;
    }

    /** With source ids, a repeated id keeps its first occurrence (by file, line); the rest are quarantined. */
    private static Dataset<Row> markDuplicateIds(Dataset<Row> records, int rawRecordMaxChars) {
        Dataset<Row> documents = records.where(col("kind").equalTo(IngestRows.DOCUMENT))
                .withColumn("__occurrence", row_number().over(
                        Window.partitionBy("doc_id").orderBy(col("source_file"), col("source_line"))));
        Dataset<Row> marked = documents
                .withColumn("kind", when(col("__occurrence").gt(1), lit(IngestRows.QUARANTINE)).otherwise(col("kind")))
                .withColumn("reason", when(col("__occurrence").gt(1), lit(QuarantineReason.DUPLICATE_DOC_ID.code())))
                .withColumn("detail", when(col("__occurrence").gt(1),
                        org.apache.spark.sql.functions.concat(lit("doc_id '"), col("doc_id"),
                                lit("' already used by an earlier record; ids must be unique"))))
                .withColumn("raw_record", when(col("__occurrence").gt(1), org.apache.spark.sql.functions.substring(
                        org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
                                col("doc_id"), col("url"), col("text"))), 1, rawRecordMaxChars)))
                .drop("__occurrence");
        return marked.unionByName(records.where(col("kind").notEqual(IngestRows.DOCUMENT)));
    }

    static String defaultSource(String input) {
        String first = InputFiles.entries(input).isEmpty() ? input : InputFiles.entries(input).get(0);
        String trimmed = first.replaceAll("/+$", "");
        while (InputFiles.isGlob(trimmed.substring(trimmed.lastIndexOf('/') + 1)) && trimmed.lastIndexOf('/') > 0) {
            trimmed = trimmed.substring(0, trimmed.lastIndexOf('/'));
        }
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
