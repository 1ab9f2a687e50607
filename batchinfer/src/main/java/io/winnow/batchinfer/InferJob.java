package io.winnow.batchinfer;

import io.winnow.batchinfer.internal.EmbedPartition;
import io.winnow.batchinfer.model.ModelCheck;
import io.winnow.batchinfer.partition.EncodingCounters;
import io.winnow.batchinfer.partition.EncodingInput;
import io.winnow.batchinfer.partition.EncodingOutput;
import io.winnow.core.run.ConfigHash;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageExecution;
import io.winnow.core.run.StageOutcome;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageSpec;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Quarantine;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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
        ModelSpec model = ModelCheck.pinAndCheck(config.modelSpec(spark.sparkContext().hadoopConfiguration()),
                spark.sparkContext().hadoopConfiguration());
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        inputVersions.put(model.onnxUri(), "sha256:" + model.onnxSha256());
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, List.of(outputPath));
        return StageExecution.execute(spark, context, spec,
                () -> embed(spark, context, config, model, EncodingInput.documents(input, config.idColumn(), config.textColumn()), outputPath, quarantinePath));
    }

    private static StageOutcome embed(SparkSession spark, RunContext context, InferConfig config, ModelSpec model,
            Dataset<Row> documents, String outputPath, String quarantinePath) {
        long inputRows = documents.count();
        Dataset<Row> encodable = EncodingInput.encodable(spark, documents, config.partitions());
        EncodingCounters counters = EncodingCounters.register(spark, STAGE);
        EmbedPartition function = new EmbedPartition(model, config.tokenBudget(), config.maxBatchSize(),
                config.sortByLength(), config.sortWindow(), config.intraOpThreads(), config.device(), context.runId(), counters);
        long outputVersion = EncodingOutput.overwrite(spark, STAGE, encodable.mapPartitions(function,
                Encoders.row(OUTPUT_SCHEMA)), outputPath);
        long quarantinedRows = Quarantine.replaceStageRowsCounted(
                Quarantine.missingIdOrText(documents, STAGE, context.runId()), quarantinePath, STAGE);
        long keptRows = DeltaTables.writtenRows(spark, outputPath, outputVersion);
        Map<String, Long> detail = new HashMap<>();
        counters.putDetail(detail);
        StageCounts counts = new StageCounts(STAGE, inputRows, keptRows, inputRows - keptRows - quarantinedRows,
                quarantinedRows, detail);
        return new StageOutcome(counts, Map.of(outputPath, outputVersion,
                quarantinePath, DeltaTables.version(spark, quarantinePath)));
    }
}
