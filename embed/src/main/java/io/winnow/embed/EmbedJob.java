package io.winnow.embed;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.winnow.batchinfer.ModelSpec;
import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * Stage {@code embed}: 2D-Matryoshka embeddings. Every row's text is embedded at several (layer, dim) granularities
 * of one encoder, from one forward pass per batch through the encoder cut after the deepest requested layer
 * ({@link LayerGraph}); each layer is pooled once and every dim is a prefix of it, L2-normalised. Inference runs in
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
        ModelSpec model = config.modelSpec();
        LayerGraph.Shape shape = LayerGraph.shape(Path.of(model.onnxFile()));
        List<Granularity> granularities = MatryoshkaEncoder.check(model, config.resolve(shape.depth(), shape.hidden()));
        String graphCache = graphCache(context, config);
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        inputVersions.put(model.onnxFile(), fingerprint(model.onnxFile()));
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, List.of(outputPath));
        return StageExecution.execute(spark, context, spec, () -> {
            // Cut the graph once on the driver: a bad model fails before any task, and local executors reuse the file.
            TreeSet<Integer> layers = new TreeSet<>();
            granularities.forEach(g -> layers.add(g.layer()));
            LayerGraph.cached(Path.of(model.onnxFile()), layers, Path.of(graphCache));
            return embed(spark, context, config, model, granularities, graphCache, asDocuments(input, config), outputPath,
                    quarantinePath);
        });
    }

    private static StageOutcome embed(SparkSession spark, RunContext context, EmbedConfig config, ModelSpec model,
            List<Granularity> granularities, String graphCache, Dataset<Row> documents, String outputPath,
            String quarantinePath) {
        long inputRows = documents.count();
        Dataset<Row> valid = documents.where(not(Quarantine.missingIdOrText())).select(col("doc_id"), col("text"));
        int current = valid.rdd().getNumPartitions();
        int wanted = config.partitions() > 0 ? config.partitions() : Math.max(current, spark.sparkContext().defaultParallelism());
        if (wanted != current) {
            valid = valid.repartition(wanted);
        }
        EmbedPartition.Counters counters = new EmbedPartition.Counters(accumulator(spark, "tokens"),
                accumulator(spark, "padded_tokens"), accumulator(spark, "batches"), accumulator(spark, "truncated"));
        MatryoshkaEncoder.Options options = new MatryoshkaEncoder.Options(config.tokenBudget(), config.maxBatchSize(), 1,
                graphCache);
        EmbedPartition function = new EmbedPartition(model, config.effectivePooling(model), granularities, options,
                config.intraOpThreads(), WINDOW, context.runId(), counters);
        DeltaTables.overwrite(valid.mapPartitions(function, Encoders.row(OUTPUT_SCHEMA)), outputPath);
        Quarantine.replaceStageRows(Quarantine.missingIdOrText(documents, STAGE, context.runId()), quarantinePath, STAGE);

        long vectors = DeltaTables.read(spark, outputPath, STAGE).count();
        long quarantinedRows = Quarantine.countStageRows(DeltaTables.read(spark, quarantinePath, STAGE), STAGE);
        if (vectors % granularities.size() != 0) {
            throw new WinnowException(ErrorCode.COUNTS_DO_NOT_ADD_UP, String.format(
                    "Stage embed wrote %d vectors to '%s', not a multiple of its %d granularities, so some documents"
                            + " lack some sizes. This is a bug or a concurrent write; rerun the stage with --force.",
                    vectors, outputPath, granularities.size()));
        }
        long keptRows = vectors / granularities.size();
        Map<String, Long> detail = new HashMap<>();
        long tokens = counters.tokens().value();
        long padded = counters.paddedTokens().value();
        detail.put("vectors", vectors);
        detail.put("granularities", (long) granularities.size());
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

    /** The configured folder, else {@code <warehouse>/_models} when the warehouse is local, else the temp folder. */
    static String graphCache(RunContext context, EmbedConfig config) {
        if (config.graphCache() != null) {
            return config.graphCache();
        }
        String root = context.warehouse().root();
        if (root.startsWith("file:")) {
            return Path.of(java.net.URI.create(root)).resolve("_models").toString();
        }
        if (!root.contains(":")) {
            return Path.of(root, "_models").toAbsolutePath().toString();
        }
        return MatryoshkaEncoder.Options.defaultGraphCache();
    }

    /** The configured id and text columns as doc_id and text, plus the columns the quarantine records. */
    static Dataset<Row> asDocuments(Dataset<Row> input, EmbedConfig config) {
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
