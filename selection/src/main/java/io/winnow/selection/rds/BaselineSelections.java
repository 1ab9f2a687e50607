package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import io.winnow.core.vector.SphericalKMeans;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The baselines RDS+ is compared with (reference 1.6), under the same budget. Random orders use
 * {@code xxhash64(seed, item_id)} so a run is repeatable and an item's place does not depend on partitioning; ties
 * (and equal scores) fall back to the item id. Only the selected {@code budget} rows reach the driver.
 */
final class BaselineSelections {
    private BaselineSelections() {}

    /** A uniform random sample of {@code budget} pool items. */
    static List<SelectionRow> random(Dataset<Row> pool, int budget, long seed) {
        List<Row> picked = pool.select(col("item_id"))
                .orderBy(hash(seed).asc(), col("item_id").asc())
                .limit(budget)
                .collectAsList();
        return ordered(picked, SelectionMethod.RANDOM, null);
    }

    /**
     * Balanced over sources: the sources take turns (by name), each giving its next item in seeded random order, so
     * every source gets an equal share and an exhausted source's share goes to the rest
     * ({@code construct_downsampled_balanced.py}).
     */
    static List<SelectionRow> balancedRandom(Dataset<Row> pool, int budget, long seed) {
        List<Row> picked = pool.select(col("item_id"), col("source"))
                .withColumn("turn", row_number().over(Window.partitionBy("source").orderBy(hash(seed).asc(), col("item_id").asc())))
                .orderBy(col("turn").asc(), col("source").asc())
                .limit(budget)
                .select("item_id")
                .collectAsList();
        return ordered(picked, SelectionMethod.BALANCED_RANDOM, null);
    }

    /**
     * Prototype pruning (Sorscher et al. 2022, SSL prototypes): spherical k-means (MLlib, cosine) over the pool
     * vectors; an item's score is its cosine distance to its centroid; {@code hard} keeps the farthest items first,
     * {@code easy} the nearest. Returns the rows of both orders asked for.
     */
    static List<SelectionRow> prototypes(Dataset<Row> vectors, long poolCount, int budget, int clusters, int iterations,
            long seed, List<SelectionMethod> methods) {
        int k = clusters > 0 ? clusters : (int) Math.max(1, Math.round(Math.sqrt(poolCount)));
        k = (int) Math.min(k, poolCount);
        Dataset<Row> features = vectors.select(col("item_id"), col("vector"),
                org.apache.spark.ml.functions.array_to_vector(col("vector")).as("features"));
        SphericalKMeans.Clustering clustering = SphericalKMeans.fit(features, "features", "cluster", "centroid", k,
                iterations, seed);
        Dataset<Row> scored = clustering.assigned().join(broadcast(clustering.centroids()), "cluster")
                .select(col("item_id"), lit(1.0).minus(SphericalKMeans.dot("vector", "centroid")).as("distance")).cache();
        try {
            List<SelectionRow> rows = new ArrayList<>();
            for (SelectionMethod method : methods) {
                Column order = method == SelectionMethod.PROTOTYPE_HARD ? col("distance").desc() : col("distance").asc();
                List<Row> picked = scored.orderBy(order, col("item_id").asc()).limit(budget).collectAsList();
                rows.addAll(ordered(picked, method, 1));
            }
            return rows;
        } finally {
            scored.unpersist();
        }
    }

    private static List<SelectionRow> ordered(List<Row> picked, SelectionMethod method, Integer scoreColumn) {
        List<SelectionRow> rows = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            Row row = picked.get(i);
            Double score = scoreColumn == null ? null : row.getDouble(scoreColumn);
            rows.add(new SelectionRow(row.getString(0), SelectTables.ALL_TASKS, score, i + 1, i + 1, method));
        }
        return rows;
    }

    private static Column hash(long seed) {
        return xxhash64(lit(seed), col("item_id"));
    }
}
