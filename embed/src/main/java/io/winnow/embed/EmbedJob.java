package io.winnow.embed;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.model.ModelCheck;
import io.winnow.batchinfer.model.ModelFetcher;
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
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Stage {@code embed}: 2D-Matryoshka embeddings. Every row's text is embedded at several (layer, dim) granularities
 * of one encoder, from one forward pass per batch through the encoder cut after the deepest requested layer
 * (the engine's layer cut); each layer is pooled once and every dim is a prefix of it, L2-normalised. Inference runs in
 * {@code mapPartitions} as in the {@code infer} stage: one ONNX session per executor JVM, one encoder per task.
 * Rows without id or text go to the quarantine.
 *
 * <p><b>Output, long format</b> ({@link #OUTPUT_SCHEMA}): one row per (document, layer, dim). One schema serves any
 * grid or preset (no column per granularity, so changing the grid never changes the table's schema); consumers
 * such as semantic dedup or adaptive retrieval filter the granularity they want ({@code WHERE layer = 3 AND dim =
 * 128}); a wide table (one column per granularity) is one {@code groupBy(doc_id).pivot(...)} away.
 */
public final class EmbedJob {
    public static final String STAGE = "embed";

    /** One row per (document, layer, dim); {@code vector} is unit length with {@code dim} values. */
    public static final StructType OUTPUT_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("doc_id", DataTypes.StringType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("layer", DataTypes.IntegerType, false),
        DataTypes.createStructField("dim", DataTypes.IntegerType, false),
        DataTypes.createStructField("pooling", DataTypes.StringType, false),
        DataTypes.createStructField("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
    });

    private static final String INPUT_STAGE = "decontaminate";
    private static final int WINDOW = 4096;

    private EmbedJob() {}

    public static StageResult run(SparkSession spark, RunContext context, EmbedConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, INPUT_STAGE);
        DeltaTables.requireColumn(input, inputPath, config.idColumn(), DataTypes.StringType);
        DeltaTables.requireColumn(input, inputPath, config.textColumn(), DataTypes.StringType);
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        // Fetched, hashed and checked on the driver: a bad model fails before any task, executors verify their copies.
        ModelSpec model = ModelCheck.pinAndCheck(config.modelSpec(hadoop), hadoop);
        Path onnx = ModelFetcher.fetch(model.onnxUri(), model.onnxSha256(), hadoop).path();
        LayerGraph.Shape shape = LayerGraph.shape(onnx);
        List<Granularity> granularities = List.copyOf(new LinkedHashSet<>(config.resolve(shape.depth(), shape.hidden())));
        TextEncoder.checkGranularities(model, onnx, shape, granularities);
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        inputVersions.put(model.onnxUri(), "sha256:" + model.onnxSha256());
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, List.of(outputPath));
        return StageExecution.execute(spark, context, spec, () -> {
            // Cut once on the driver: a graph that cannot be cut fails here, and local executors reuse the file.
            TreeSet<Integer> layers = new TreeSet<>();
            granularities.forEach(g -> layers.add(g.layer()));
            LayerGraph.cached(onnx, layers, onnx.getParent());
            return embed(spark, context, config, model, granularities,
                    EncodingInput.documents(input, config.idColumn(), config.textColumn()), outputPath, quarantinePath);
        });
    }

    private static StageOutcome embed(SparkSession spark, RunContext context, EmbedConfig config, ModelSpec model,
            List<Granularity> granularities, Dataset<Row> documents, String outputPath,
            String quarantinePath) {
        long inputRows = documents.count();
        Dataset<Row> encodable = EncodingInput.encodable(spark, documents, config.partitions());
        EncodingCounters counters = EncodingCounters.register(spark, STAGE);
        EncoderOptions options = new EncoderOptions(config.tokenBudget(), config.maxBatchSize(), true, 1, config.device(), -1,
                granularities);
        EmbedPartition function = new EmbedPartition(model, options, config.intraOpThreads(), WINDOW, context.runId(),
                counters);
        long outputVersion = EncodingOutput.overwrite(spark, STAGE, encodable.mapPartitions(function,
                Encoders.row(OUTPUT_SCHEMA)), outputPath);
        long quarantinedRows = Quarantine.replaceStageRowsCounted(
                Quarantine.missingIdOrText(documents, STAGE, context.runId()), quarantinePath, STAGE);
        long vectors = DeltaTables.writtenRows(spark, outputPath, outputVersion);
        if (vectors % granularities.size() != 0) {
            throw EmbedErrors.vectorsNotAMultiple(vectors, outputPath, granularities.size());
        }
        long keptRows = vectors / granularities.size();
        Map<String, Long> detail = new HashMap<>();
        detail.put("vectors", vectors);
        detail.put("granularities", (long) granularities.size());
        counters.putDetail(detail);
        StageCounts counts = new StageCounts(STAGE, inputRows, keptRows, inputRows - keptRows - quarantinedRows,
                quarantinedRows, detail);
        return new StageOutcome(counts, Map.of(
                outputPath, DeltaTables.version(spark, outputPath),
                quarantinePath, DeltaTables.version(spark, quarantinePath)));
    }
}
