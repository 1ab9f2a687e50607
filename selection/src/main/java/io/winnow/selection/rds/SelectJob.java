package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.winnow.batchinfer.DeviceMode;
import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.graph.LayerGraph;
import io.winnow.batchinfer.model.ModelCheck;
import io.winnow.batchinfer.model.ModelFetcher;
import io.winnow.core.error.WinnowErrors;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code select}: RDS+ data selection (Ivison et al. 2025; reference-algorithms 1) and its baselines.
 *
 * <ol>
 *   <li>The pool files are read on the executors into the pool table (item id, source, Tulu-formatted text, the raw
 *       record); records of no known shape go to the quarantine with a reason.
 *   <li>Pool items are embedded with the {@code embed} stage's executor code: position-weighted mean pooling of the
 *       encoder's final hidden states, full width, L2-normalised (kept in the embeddings table, reused when it
 *       already holds them).
 *   <li>RDS+: the target tasks' query examples (Tulu format, with answer) are embedded on the driver and
 *       broadcast; the executors score every item by its max cosine per task and keep a per-partition top-K per
 *       task; the exact global top-K per task is merged from those, and tasks take turns picking their best
 *       remaining item until K are selected ({@link RoundRobinSelector}).
 *   <li>Baselines with the same K: random, balanced random by source, prototype pruning (hard / easy).
 *   <li>One selection table for all methods, and per method a JSONL export of the selected raw records, in
 *       selection order ({@code <export>/method=<method>/}).
 * </ol>
 * Counts: in = pool records; kept = selected by the first configured method; dropped = the other readable
 * records; quarantined = unreadable records.
 */
public final class SelectJob {
    public static final String STAGE = "select";

    private static final Logger LOG = LoggerFactory.getLogger(SelectJob.class);

    private SelectJob() {}

    public static StageResult run(SparkSession spark, RunContext context, SelectConfig config) {
        String poolPath = context.warehouse().resolve(config.poolTable());
        String embeddingsPath = context.warehouse().resolve(config.embeddings());
        String outputPath = context.warehouse().resolve(config.output());
        String exportPath = context.warehouse().resolve(config.export());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Map<String, String> inputVersions = new LinkedHashMap<>();
        for (NamedPath source : config.pool()) {
            inputVersions.put("pool:" + source, fingerprint(source, "pool"));
        }
        for (NamedPath task : config.tasks()) {
            inputVersions.put("task:" + task, fingerprint(task, "task"));
        }
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        // RDS+ embeds with the position-weighted mean of the final layer, whatever the model's own pooling.
        ModelSpec model = ModelCheck.pinAndCheck(config.modelSpec(hadoop), hadoop).withPooling(Pooling.WEIGHTED_MEAN);
        inputVersions.put("model:" + model.onnxUri(), "sha256:" + model.onnxSha256());
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions,
                List.of(outputPath, poolPath, embeddingsPath));
        return StageExecution.execute(spark, context, spec, () -> select(spark, context, config, model, poolPath,
                embeddingsPath, outputPath, exportPath, quarantinePath));
    }

    private static StageOutcome select(SparkSession spark, RunContext context, SelectConfig config, ModelSpec model,
            String poolPath, String embeddingsPath, String outputPath, String exportPath, String quarantinePath) {
        Map<String, Long> detail = new HashMap<>();
        long started = System.nanoTime();
        Dataset<Row> parsed = readPool(spark, config).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> versions = new LinkedHashMap<>();
        try {
            Dataset<Row> readable = parsed.where(col("reason").isNull()).drop("reason");
            DeltaTables.overwrite(readable, poolPath);
            Quarantine.replaceStageRows(quarantineRows(parsed.where(col("reason").isNotNull()), context.runId()),
                    quarantinePath, STAGE);
            detail.put("time_ms.read_pool", millisSince(started));
        } finally {
            parsed.unpersist();
        }
        Dataset<Row> pool = DeltaTables.read(spark, poolPath, STAGE);
        long poolCount = pool.count();
        long quarantined = Quarantine.countStageRows(DeltaTables.read(spark, quarantinePath, STAGE), STAGE);
        if (poolCount == 0) {
            throw SelectErrors.emptyPool(config.pool());
        }
        for (Row bySource : pool.groupBy("source").count().collectAsList()) {
            detail.put("pool." + bySource.getString(0), bySource.getLong(1));
        }

        java.nio.file.Path onnx = ModelFetcher.fetch(model.onnxUri(), model.onnxSha256(),
                spark.sparkContext().hadoopConfiguration()).path();
        LayerGraph.Shape shape = LayerGraph.shape(onnx);
        Granularity finalLayer = new Granularity(shape.depth(), shape.hidden());
        EncoderOptions options = new EncoderOptions(config.tokenBudget(), config.maxBatchSize(), true, 1, DeviceMode.AUTO,
                -1, List.of(finalLayer));
        boolean needsVectors = config.methods().stream().anyMatch(SelectionMethod::needsEmbeddings);
        if (needsVectors) {
            long encodeStarted = System.nanoTime();
            LayerGraph.cached(onnx, new TreeSet<>(List.of(finalLayer.layer())), onnx.getParent());
            boolean reused = PoolEmbeddings.ensure(spark, config, model, finalLayer, options, context.runId(), pool,
                    poolCount, embeddingsPath);
            detail.put("embeddings_reused", reused ? 1L : 0L);
            detail.put("time_ms.embed_pool", millisSince(encodeStarted));
            versions.put(embeddingsPath, DeltaTables.version(spark, embeddingsPath));
        }

        List<SelectionRow> rows = new ArrayList<>();
        List<SelectionMethod> prototypes = config.methods().stream()
                .filter(m -> m == SelectionMethod.PROTOTYPE_HARD || m == SelectionMethod.PROTOTYPE_EASY).toList();
        for (SelectionMethod method : config.methods()) {
            long methodStarted = System.nanoTime();
            switch (method) {
                case RDS -> rows.addAll(rds(spark, config, model, finalLayer, options, embeddingsPath, detail));
                case RANDOM -> rows.addAll(BaselineSelections.random(pool, config.budget(), config.seed()));
                case BALANCED_RANDOM -> rows.addAll(BaselineSelections.balancedRandom(pool, config.budget(), config.seed()));
                case PROTOTYPE_HARD, PROTOTYPE_EASY -> {
                    // One k-means fit serves both orders.
                    if (method == prototypes.get(0)) {
                        rows.addAll(BaselineSelections.prototypes(PoolEmbeddings.vectors(spark, embeddingsPath), poolCount,
                                config.budget(), config.prototypeClusters(), config.prototypeIterations(), config.seed(),
                                prototypes));
                    }
                }
                default -> throw new IllegalStateException("unknown method " + method);
            }
            detail.put("time_ms." + method.tableName(), millisSince(methodStarted));
        }

        long writeStarted = System.nanoTime();
        Dataset<Row> selection = spark.createDataFrame(rows.stream().map(SelectionRow::toRow).toList(),
                        SelectTables.UNJOINED_SELECTION_SCHEMA)
                .join(pool.select("item_id", "source"), "item_id")
                .withColumn("run_id", lit(context.runId()));
        DeltaTables.overwrite(DeltaTables.conform(selection, SelectTables.SELECTION_SCHEMA).coalesce(1), outputPath);
        Dataset<Row> written = DeltaTables.read(spark, outputPath, STAGE);
        SelectionExport.write(written, pool, exportPath);
        detail.put("time_ms.write", millisSince(writeStarted));

        Map<String, Long> selectedByMethod = new HashMap<>();
        for (Row row : written.where(col("selected")).groupBy("method").count().collectAsList()) {
            selectedByMethod.put(row.getString(0), row.getLong(1));
        }
        long expected = Math.min(config.budget(), poolCount);
        for (SelectionMethod method : config.methods()) {
            long selected = selectedByMethod.getOrDefault(method.tableName(), 0L);
            detail.put("selected." + method.tableName(), selected);
            if (selected > expected) {
                throw WinnowErrors.countsDoNotAddUp(STAGE + " (" + method.tableName() + " selected more than the budget)",
                        expected, selected, 0, 0);
            }
        }
        long kept = selectedByMethod.getOrDefault(config.methods().get(0).tableName(), 0L);
        StageCounts counts = new StageCounts(STAGE, poolCount + quarantined, kept, poolCount - kept, quarantined, detail);
        LOG.info("select: {} pool items, {} quarantined; selected {}", poolCount, quarantined, selectedByMethod);
        versions.put(outputPath, DeltaTables.version(spark, outputPath));
        versions.put(poolPath, DeltaTables.version(spark, poolPath));
        versions.put(quarantinePath, DeltaTables.version(spark, quarantinePath));
        return new StageOutcome(counts, versions);
    }

    private static List<SelectionRow> rds(SparkSession spark, SelectConfig config, ModelSpec model, Granularity finalLayer,
            EncoderOptions options, String embeddingsPath, Map<String, Long> detail) {
        long queriesStarted = System.nanoTime();
        QueryMatrix queries = QueryEmbeddings.encode(spark, config, model, finalLayer, options);
        detail.put("time_ms.embed_queries", millisSince(queriesStarted));
        for (int t = 0; t < queries.tasks().size(); t++) {
            detail.put("queries." + queries.tasks().get(t), (long) queries.queries(t));
        }
        long bad = PoolEmbeddings.vectors(spark, embeddingsPath)
                .where(org.apache.spark.sql.functions.size(col("vector")).notEqual(queries.dim())).count();
        if (bad > 0) {
            throw SelectErrors.vectorSizeMismatch(embeddingsPath, queries.dim(), bad);
        }
        long scoreStarted = System.nanoTime();
        Map<String, List<RankedItem>> ranked = RdsSelection.topPerTask(PoolEmbeddings.vectors(spark, embeddingsPath),
                queries, config.budget());
        detail.put("time_ms.score_top_k", millisSince(scoreStarted));
        return RdsSelection.rows(ranked, config.budget());
    }

    /** Every pool file's records as {@link SelectTables#PARSED_SCHEMA} rows, read on the executors. */
    static Dataset<Row> readPool(SparkSession spark, SelectConfig config) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> all = null;
        for (NamedPath source : config.pool()) {
            Path path = Path.of(source.path()).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw SelectErrors.pathNotFound("pool", source);
            }
            JavaRDD<Row> rows = context.wholeTextFiles(path.toUri().toString()).flatMap(new PoolFileParser(source.name()));
            all = all == null ? rows : all.union(rows);
        }
        Dataset<Row> parsed = spark.createDataFrame(all, SelectTables.PARSED_SCHEMA);
        int partitions = config.partitions() > 0 ? config.partitions() : spark.sparkContext().defaultParallelism();
        return parsed.repartition(partitions);
    }

    private static Dataset<Row> quarantineRows(Dataset<Row> bad, String runId) {
        Dataset<Row> rows = bad.select(
                lit(STAGE).as("stage"),
                lit(runId).as("run_id"),
                col("source_file"),
                col("position").as("line_number"),
                col("item_id").as("doc_id"),
                col("reason"),
                lit("record is not an instruction record this stage reads (see InstructionRecords)").as("detail"),
                col("record").as("raw_record"));
        return DeltaTables.conform(rows, Tables.QUARANTINE_SCHEMA);
    }

    /** Size and modification time of every file under the entry's path, so edited inputs rerun the stage. */
    private static String fingerprint(NamedPath entry, String what) {
        Path root = Path.of(entry.path()).toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw SelectErrors.pathNotFound(what, entry);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            long[] sum = new long[2];
            walk.filter(Files::isRegularFile).sorted().forEach(file -> {
                File f = file.toFile();
                sum[0] = sum[0] * 31 + f.length();
                sum[1] = sum[1] * 31 + f.lastModified() + file.toString().hashCode();
            });
            return Long.toHexString(sum[0]) + "-" + Long.toHexString(sum[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
