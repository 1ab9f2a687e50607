package io.winnow.dedup.semantic;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.winnow.core.error.ErrorCode;
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
import io.winnow.core.table.Quarantine;
import io.winnow.core.table.Tables;
import io.winnow.core.vector.SphericalKMeans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code semantic_dedup}: SemDeDup (Abbas et al. 2023, {@code facebookresearch/SemDeDup}) on a table of
 * document vectors.
 *
 * <ol>
 *   <li>Rows with a null id, a null/empty/non-finite/zero vector, a vector of another length than most rows, or an
 *       id that has several vectors go to the quarantine.</li>
 *   <li>Vectors are L2-normalised and clustered with Spark MLlib KMeans ({@link SphericalKMeans}) using
 *       {@code distanceMeasure = "cosine"}: MLlib's cosine k-means assigns by cosine and keeps unit-length centres,
 *       i.e. spherical k-means like SemDeDup's {@code faiss.Kmeans(spherical=True)}.</li>
 *   <li>Within a cluster, items are ordered by {@code keep} (hard = farthest from the centroid first) after an
 *       optional priority from the documents table; doc_id breaks ties.</li>
 *   <li>For every item j, M_j = max cosine to an item earlier in that order (not transitive: earlier items count
 *       even when they are themselves removed). Item j is a duplicate at eps when M_j &gt;= 1 - eps (NeMo
 *       Curator's test; SemDeDup's code uses &gt;). The first item of a cluster is always kept.</li>
 * </ol>
 *
 * The pairwise step runs on the executors: each cluster is cut, in order, into blocks of at most
 * {@code max-cluster-size} items, and every (earlier block, later block) pair of a cluster is one task, so the
 * result is exact however large a cluster is. M_j does not depend on eps, so every eps of the list is one filter.
 */
public final class SemanticDedupJob {
    public static final String STAGE = "semantic_dedup";
    static final String INPUT_STAGE = "infer";
    static final String REASON = "semantic_duplicate";

    /** Kept ids when no documents table is given. */
    public static final StructType KEPT_SCHEMA = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("cluster_id", DataTypes.IntegerType, false)
            .add("centroid_similarity", DataTypes.DoubleType, false);

    /** One row per removed item and eps at which it is removed; rows with eps = output-eps left the output. */
    public static final StructType DUPLICATES_SCHEMA = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("cluster_id", DataTypes.IntegerType, false)
            .add("max_similarity", DataTypes.DoubleType, false)
            .add("nearest_doc_id", DataTypes.StringType, false)
            .add("eps", DataTypes.DoubleType, false)
            .add("reason", DataTypes.StringType, false);

    private static final Map<String, String> QUARANTINE_DETAIL = quarantineDetail();

    private SemanticDedupJob() {}

    public static StageResult run(SparkSession spark, RunContext context, SemanticDedupConfig config) {
        String inputPath = context.warehouse().resolve(config.input());
        String outputPath = context.warehouse().resolve(config.output());
        String duplicatesPath = context.warehouse().resolve(config.duplicates());
        String quarantinePath = context.warehouse().resolve(config.quarantine());
        Dataset<Row> input = DeltaTables.read(spark, inputPath, INPUT_STAGE);
        DeltaTables.requireColumn(input, inputPath, config.idColumn(), DataTypes.StringType);
        requireVectorColumn(input, inputPath, config.vectorColumn());
        Dataset<Row> filtered = config.filter() == null ? input
                : applyExpression(() -> input.where(expr(config.filter())), "filter", config.filter(), inputPath, input);
        Map<String, String> inputVersions = new LinkedHashMap<>();
        inputVersions.put(inputPath, "v" + DeltaTables.version(spark, inputPath));
        Dataset<Row> documents = null;
        if (config.documents() != null) {
            String documentsPath = context.warehouse().resolve(config.documents());
            documents = DeltaTables.read(spark, documentsPath, "ingest");
            DeltaTables.requireColumn(documents, documentsPath, "doc_id", DataTypes.StringType);
            inputVersions.put(documentsPath, "v" + DeltaTables.version(spark, documentsPath));
            if (config.priority() != null) {
                Dataset<Row> docs = documents;
                applyExpression(() -> docs.select(expr(config.priority())), "priority", config.priority(), documentsPath, docs);
            }
        }
        StageSpec spec = new StageSpec(STAGE, ConfigHash.of(config), inputVersions, List.of(outputPath, duplicatesPath));
        Dataset<Row> docs = documents;
        return StageExecution.execute(spark, context, spec,
                () -> deduplicate(spark, context, config, filtered, docs, outputPath, duplicatesPath, quarantinePath));
    }

    private static StageOutcome deduplicate(SparkSession spark, RunContext context, SemanticDedupConfig config,
            Dataset<Row> input, Dataset<Row> documents, String outputPath, String duplicatesPath, String quarantinePath) {
        List<Dataset<?>> cached = new ArrayList<>();
        try {
            Dataset<Row> rows = input.select(
                    col(config.idColumn()).as("doc_id"),
                    col(config.vectorColumn()).cast(DataTypes.createArrayType(DataTypes.FloatType)).as("__vec"));
            Row dimRow = rows.where(col("__vec").isNotNull().and(size(col("__vec")).gt(0)))
                    .groupBy(size(col("__vec")).as("n")).count()
                    .orderBy(col("count").desc(), col("n").asc()).takeAsList(1).stream().findFirst().orElse(null);
            int dim = dimRow == null ? -1 : dimRow.getInt(0);

            Column sumSquares = expr("aggregate(__vec, 0D, (acc, x) -> acc + double(x) * double(x))");
            Column problem = when(col("doc_id").isNull(), lit("missing_doc_id"))
                    .when(col("__vec").isNull().or(size(col("__vec")).equalTo(0)), lit("missing_vector"))
                    .when(size(col("__vec")).notEqual(dim), lit("vector_dim_mismatch"))
                    .when(expr("exists(__vec, x -> x IS NULL OR isnan(x) OR abs(x) = float('infinity'))"),
                            lit("invalid_vector"))
                    .when(sumSquares.leq(0), lit("zero_vector"))
                    .when(count(lit(1)).over(Window.partitionBy("doc_id")).gt(1), lit("duplicate_doc_id"));
            Dataset<Row> checked = rows.withColumn("__problem", problem).persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(checked);

            Dataset<Row> valid = checked.where(col("__problem").isNull())
                    .withColumn("__norm", expr("sqrt(aggregate(__vec, 0D, (acc, x) -> acc + double(x) * double(x)))"))
                    .withColumn("__unit", expr("transform(__vec, x -> float(double(x) / __norm))"))
                    .select(col("doc_id"), col("__unit"),
                            org.apache.spark.ml.functions.array_to_vector(col("__unit")).as("__features"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(valid);
            long vectors = valid.count();

            Map<String, Long> detail = new HashMap<>();
            detail.put("vectors", vectors);
            detail.put("dim", (long) Math.max(dim, 0));
            Dataset<Row> decisions;
            if (vectors == 0) {
                decisions = spark.createDataFrame(List.of(), new StructType()
                        .add("doc_id", DataTypes.StringType).add("cluster_id", DataTypes.IntegerType)
                        .add("centroid_similarity", DataTypes.DoubleType).add("max_similarity", DataTypes.DoubleType)
                        .add("nearest_doc_id", DataTypes.StringType));
                detail.put("clusters", 0L);
            } else {
                decisions = decide(spark, config, valid, documents, vectors, dim, detail)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(decisions);
            }

            // Per-eps counts in one pass.
            List<Column> aggregates = new ArrayList<>();
            for (double eps : config.eps()) {
                aggregates.add(sum(when(isDuplicate(eps), 1).otherwise(0)).as(epsKey(eps)));
            }
            Row perEps = decisions.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).head();
            for (int e = 0; e < config.eps().size(); e++) {
                long dropped = perEps.isNullAt(e) ? 0L : perEps.getLong(e);
                detail.put("dropped.eps=" + epsKey(config.eps().get(e)), dropped);
                detail.put("kept.eps=" + epsKey(config.eps().get(e)), vectors - dropped);
            }

            Dataset<Row> keptIds = decisions.where(isDuplicate(config.outputEps()).isNull().or(not(isDuplicate(config.outputEps()))));
            Dataset<Row> output;
            if (documents == null) {
                output = DeltaTables.conform(keptIds, KEPT_SCHEMA);
            } else {
                long orphans = valid.select("doc_id").join(documents.select("doc_id"), onDocId(), "left_anti").count();
                if (orphans > 0) {
                    throw new WinnowException(ErrorCode.INPUT_INVALID, String.format(Locale.ROOT,
                            "%d vectors of '%s' have no document in '%s', so the kept documents cannot be written. "
                                    + "The embeddings were probably computed from another table. Point semantic-dedup.documents "
                                    + "at the table the embeddings were made from, or leave it out to write kept ids only.",
                            orphans, config.input(), config.documents()));
                }
                output = documents.join(keptIds.select("doc_id"), onDocId(), "left_semi");
            }
            Dataset<Row> duplicates = null;
            for (double eps : config.eps()) {
                Dataset<Row> atEps = decisions.where(isDuplicate(eps)).select(col("doc_id"), col("cluster_id"),
                        col("max_similarity"), col("nearest_doc_id"), lit(eps).as("eps"), lit(REASON).as("reason"));
                duplicates = duplicates == null ? atEps : duplicates.unionByName(atEps);
            }

            DeltaTables.overwrite(output, outputPath);
            DeltaTables.overwrite(DeltaTables.conform(duplicates, DUPLICATES_SCHEMA).coalesce(1), duplicatesPath);
            Quarantine.replaceStageRows(quarantineRows(checked, context.runId()), quarantinePath, STAGE);

            long keptRows = DeltaTables.read(spark, outputPath, STAGE).count();
            long droppedRows = DeltaTables.read(spark, duplicatesPath, STAGE)
                    .where(col("eps").equalTo(lit(config.outputEps()))).count();
            Dataset<Row> quarantineTable = DeltaTables.read(spark, quarantinePath, STAGE);
            long quarantinedRows = Quarantine.countStageRows(quarantineTable, STAGE);
            for (Row row : quarantineTable.where(col("stage").equalTo(STAGE)).groupBy("reason").count().collectAsList()) {
                detail.put("quarantined." + row.getString(0), row.getLong(1));
            }
            detail.put("dropped." + REASON, droppedRows);
            StageCounts counts = new StageCounts(STAGE, vectors + quarantinedRows, keptRows, droppedRows, quarantinedRows,
                    detail);
            return new StageOutcome(counts, Map.of(
                    outputPath, DeltaTables.version(spark, outputPath),
                    duplicatesPath, DeltaTables.version(spark, duplicatesPath),
                    quarantinePath, DeltaTables.version(spark, quarantinePath)));
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    /** doc_id, cluster_id, centroid_similarity, max_similarity (null for the first of a cluster), nearest_doc_id. */
    private static Dataset<Row> decide(SparkSession spark, SemanticDedupConfig config, Dataset<Row> valid,
            Dataset<Row> documents, long vectors, int dim, Map<String, Long> detail) {
        int k = config.clustersFor(vectors);
        SphericalKMeans.Clustering clustering = SphericalKMeans.fit(valid, "__features", "cluster_id", "__centroid", k,
                config.maxIterations(), config.seed());
        detail.put("clusters", (long) clustering.clusters());
        Dataset<Row> withSimilarity = clustering.assigned().join(broadcast(clustering.centroids()), "cluster_id")
                .withColumn("centroid_similarity", SphericalKMeans.dot("__unit", "__centroid"))
                .select("doc_id", "cluster_id", "centroid_similarity", "__unit");

        List<Column> order = new ArrayList<>();
        if (config.priority() != null) {
            Dataset<Row> priorities = documents.select(col("doc_id"), expr(config.priority()).as("__priority"));
            withSimilarity = withSimilarity.join(priorities, onDocId(), "left");
            order.add(col("__priority").desc_nulls_last());
        }
        order.add(switch (config.keep()) {
            case HARD -> col("centroid_similarity").asc();
            case EASY -> col("centroid_similarity").desc();
            case RANDOM -> xxhash64(lit(config.seed()), col("doc_id")).asc();
        });
        order.add(col("doc_id").asc());
        int blockSize = config.maxClusterSize();
        Dataset<Row> ranked = withSimilarity
                .withColumn("__rank", row_number().over(Window.partitionBy("cluster_id").orderBy(order.toArray(Column[]::new)))
                        .cast(DataTypes.LongType))
                .withColumn("__block", col("__rank").minus(1).divide(blockSize).cast(DataTypes.LongType))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row sizes = ranked.groupBy("cluster_id").agg(max("__rank").as("size"), max("__block").as("blocks"))
                .agg(max("size"), sum(col("blocks").plus(1).multiply(col("blocks").plus(2)).divide(2))).head();
        detail.put("largest_cluster", sizes.getLong(0));
        detail.put("block_pairs", (long) sizes.getDouble(1));
        if (config.adaptive().enabled()) {
            detail.put("adaptive_dim", (long) config.adaptive().lowDim());
            detail.put("adaptive_shortlist", (long) config.adaptive().size());
        }

        Dataset<Row> blocks = ranked.groupBy("cluster_id", "__block")
                .agg(collect_list(struct(col("__rank").as("rank"), col("doc_id").as("id"), col("__unit").as("vec"))).as("items"));
        Dataset<Row> earlier = blocks.select(col("cluster_id").as("a_cluster"), col("__block").as("a_block"),
                col("items").as("a_items"));
        Dataset<Row> pairs = earlier.join(blocks, col("a_cluster").equalTo(col("cluster_id"))
                        .and(col("a_block").leq(col("__block"))))
                .select(col("a_items"), col("items").as("b_items"));
        Dataset<Row> matches = pairs.flatMap(new BlockPairFunction(config.adaptive()), Encoders.row(BlockPairFunction.OUTPUT));
        Dataset<Row> best = matches.groupBy("doc_id")
                .agg(max(struct(col("sim"), col("nearest_rank").multiply(-1).as("neg_rank"), col("nearest_doc_id"))).as("m"))
                .select(col("doc_id"), col("m.sim").as("max_similarity"), col("m.nearest_doc_id").as("nearest_doc_id"));
        Dataset<Row> decisions = ranked.select("doc_id", "cluster_id", "centroid_similarity")
                .join(best, onDocId(), "left");
        ranked.unpersist();
        return decisions;
    }

    /** Null for the first item of a cluster (no earlier item), else whether M_j >= 1 - eps. */
    private static Column isDuplicate(double eps) {
        return col("max_similarity").geq(lit(1.0 - eps));
    }

    private static Column not(Column column) {
        return org.apache.spark.sql.functions.not(column);
    }

    private static scala.collection.immutable.Seq<String> onDocId() {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of("doc_id")).toList();
    }

    static String epsKey(double eps) {
        return java.math.BigDecimal.valueOf(eps).stripTrailingZeros().toPlainString();
    }


    private static Dataset<Row> quarantineRows(Dataset<Row> checked, String runId) {
        Column detailText = lit(null).cast(DataTypes.StringType);
        for (Map.Entry<String, String> entry : QUARANTINE_DETAIL.entrySet()) {
            detailText = when(col("__problem").equalTo(entry.getKey()), lit(entry.getValue())).otherwise(detailText);
        }
        Dataset<Row> rows = checked.where(col("__problem").isNotNull()).select(
                lit(STAGE).as("stage"),
                lit(runId).as("run_id"),
                lit(null).cast(DataTypes.StringType).as("source_file"),
                lit(null).cast(DataTypes.LongType).as("line_number"),
                col("doc_id"),
                col("__problem").as("reason"),
                detailText.as("detail"),
                expr("substring(to_json(named_struct('doc_id', doc_id, 'dim', size(__vec), "
                        + "'head', slice(coalesce(__vec, array()), 1, 8))), 1, 1000)").as("raw_record"));
        return DeltaTables.conform(rows, Tables.QUARANTINE_SCHEMA);
    }

    private static Map<String, String> quarantineDetail() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("missing_doc_id", "the id column is null; every vector needs the id of its document");
        detail.put("missing_vector", "the vector is null or empty; re-run the embedding stage for this document");
        detail.put("vector_dim_mismatch", "the vector has another length than most vectors of the table; "
                + "set semantic-dedup.filter to pick one model/dimension");
        detail.put("invalid_vector", "the vector holds NaN, infinite or null values");
        detail.put("zero_vector", "the vector is all zeros and has no direction to compare");
        detail.put("duplicate_doc_id", "this id has several vectors; set semantic-dedup.filter to pick one per "
                + "document (e.g. one layer and dim of a long-format table)");
        return detail;
    }

    private interface Analysis {
        Dataset<Row> apply() throws Exception;
    }

    private static Dataset<Row> applyExpression(Analysis analysis, String key, String expression, String table,
            Dataset<Row> rows) {
        try {
            return analysis.apply();
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new WinnowException(ErrorCode.CONFIG_INVALID, String.format(Locale.ROOT,
                    "semantic-dedup.%s '%s' cannot be evaluated on table '%s': %s. Fix the SQL expression; "
                            + "the table's columns are: %s.",
                    key, expression, table, message, String.join(", ", rows.columns())), e);
        }
    }

    private static void requireVectorColumn(Dataset<Row> input, String table, String column) {
        boolean ok = Arrays.stream(input.schema().fields()).anyMatch(field -> field.name().equals(column)
                && field.dataType() instanceof ArrayType array
                && (array.elementType().equals(DataTypes.FloatType) || array.elementType().equals(DataTypes.DoubleType)));
        if (!ok) {
            throw WinnowErrors.missingColumn(table, column, "array<float> or array<double>",
                    Arrays.stream(input.schema().fields()).map(StructField::name).toList());
        }
    }
}
