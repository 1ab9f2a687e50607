package io.winnow.batchinfer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.winnow.batchinfer.internal.EmbedPartition;
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
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Stage {@code infer}: embed the text of every row with an ONNX model on the executors. Rows without id
 * or text go to the quarantine. Inference runs in {@code mapPartitions}: one model per executor JVM, one
 * predictor per task (closed when the task completes), token-budget batching within each partition.
 */
public final class InferJob {
    public static final String STAGE = "infer";

    /** One row per embedded text. */
    public static final StructType OUTPUT_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("doc_id", DataTypes.StringType, false),
        DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("dim", DataTypes.IntegerType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("precision", DataTypes.StringType, false),
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
    });

    private static final String INPUT_STAGE = "decontaminate";

    private InferJob() {}

    public static StageResult run(SparkSession spark, RunContext context, InferConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, INPUT_STAGE);
        DeltaTables.requireColumn(input, inputPath, config.idColumn(), DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, config.textColumn(), DataTypes.StringType);
        ModelSpec model = config.modelSpec();
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        inputVersions.put(model.onnxFile(), fingerprint(model.onnxFile()));
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, List.of(outputPath));
        return StageExecution.execute(spark, context, spec,
                () -> embed(spark, context, config, model, asDocuments(input, config), outputPath, quarantinePath));
    }

    private static StageOutcome embed(SparkSession spark, RunContext context, InferConfig config, ModelSpec model,
            Dataset<Row> documents, String outputPath, String quarantinePath) {
        long inputRows = documents.count();
        Dataset<Row> valid = documents.where(not(Quarantine.missingIdOrText())).select(col("doc_id"), col("text"));
        int current = valid.rdd().getNumPartitions();
        int wanted = config.partitions() > 0 ? config.partitions() : Math.max(current, spark.sparkContext().defaultParallelism());
        if (wanted != current) {
            valid = valid.repartition(wanted);
        }
        EmbedPartition.Counters counters = new EmbedPartition.Counters(
                accumulator(spark, "tokens"), accumulator(spark, "padded_tokens"), accumulator(spark, "batches"),
                accumulator(spark, "truncated"));
        EmbedPartition function = new EmbedPartition(model, config.tokenBudget(), config.maxBatchSize(),
                config.sortByLength(), config.sortWindow(), config.intraOpThreads(), config.device(), context.runId(), counters);
        Dataset<Row> embeddings = valid.mapPartitions(function, Encoders.row(OUTPUT_SCHEMA));
        DeltaTables.overwrite(embeddings, outputPath);
        Quarantine.replaceStageRows(Quarantine.missingIdOrText(documents, STAGE, context.runId()), quarantinePath, STAGE);

        long keptRows = DeltaTables.read(spark, outputPath, STAGE).count();
        long quarantinedRows = Quarantine.countStageRows(DeltaTables.read(spark, quarantinePath, STAGE), STAGE);
        Map<String, Long> detail = new HashMap<>();
        long tokens = counters.tokens().value();
        long padded = counters.paddedTokens().value();
        detail.put("tokens", tokens);
        detail.put("padded_tokens", padded);
        detail.put("padding_ppm", tokens + padded == 0 ? 0L : padded * 1_000_000L / (tokens + padded));
        detail.put("batches", counters.batches().value());
        detail.put("truncated", counters.truncated().value());
        StageCounts counts = new StageCounts(STAGE, inputRows, keptRows, inputRows - keptRows - quarantinedRows,
                quarantinedRows, detail);
        return new StageOutcome(counts, Map.of(
                outputPath, DeltaTables.version(spark, outputPath),
                quarantinePath, DeltaTables.version(spark, quarantinePath)));
    }

    /**
     * The configured id and text columns as doc_id and text, plus the columns the quarantine records
     * (source_file, source_line, source, url) where the table has them.
     */
    static Dataset<Row> asDocuments(Dataset<Row> input, InferConfig config) {
        List<String> present = List.of(input.columns());
        List<Column> columns = new ArrayList<>();
        columns.add(col(config.idColumn()).as("doc_id"));
        columns.add(col(config.textColumn()).as("text"));
        for (String name : List.of("source", "url", "source_file", "source_line")) {
            columns.add(present.contains(name)
                    ? col(name)
                    : lit(null).cast(Tables.DOCUMENT_SCHEMA.apply(name).dataType()).as(name));
        }
        return input.select(columns.toArray(Column[]::new));
    }

    /** Size and modification time of the model file, so a replaced model file reruns the stage. */
    static String fingerprint(String file) {
        File model = new File(file);
        return model.length() + "@" + model.lastModified();
    }

    private static LongAccumulator accumulator(SparkSession spark, String name) {
        return spark.sparkContext().longAccumulator(STAGE + "." + name);
    }
}
