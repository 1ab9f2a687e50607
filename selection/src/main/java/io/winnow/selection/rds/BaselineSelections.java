package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
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
        Dataset<Row> features = vectors.select(col("item_id"),
                org.apache.spark.ml.functions.array_to_vector(col("vector")).as("features"));
        Dataset<Row> distances;
        if (k >= 2) {
            KMeansModel model = new KMeans().setK(k).setMaxIter(iterations).setSeed(seed).setDistanceMeasure("cosine")
                    .setFeaturesCol("features").setPredictionCol("cluster").fit(features);
            Vector[] centers = model.clusterCenters();
            List<float[]> units = new ArrayList<>();
            for (Vector center : centers) {
                units.add(unit(center.toArray()));
            }
            Dataset<Row> centroids = vectors.sparkSession().createDataFrame(centroidRows(units),
                    new org.apache.spark.sql.types.StructType()
                            .add("cluster", DataTypes.IntegerType, false)
                            .add("centroid", DataTypes.createArrayType(DataTypes.FloatType, false), false));
            distances = model.transform(features).select("item_id", "cluster")
                    .join(vectors, "item_id")
                    .join(org.apache.spark.sql.functions.broadcast(centroids), "cluster");
        } else {
            Row mean = vectors.select(org.apache.spark.ml.stat.Summarizer.mean(
                    org.apache.spark.ml.functions.array_to_vector(col("vector"))).as("mean")).head();
            float[] centroid = unit(((Vector) mean.get(0)).toArray());
            distances = vectors.withColumn("centroid", lit(centroid));
        }
        Dataset<Row> scored = distances.select(col("item_id"), lit(1.0).minus(expr(
                "aggregate(zip_with(vector, centroid, (a, b) -> double(a) * double(b)), 0D, (acc, x) -> acc + x)"))
                .as("distance")).cache();
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

    private static List<Row> centroidRows(List<float[]> units) {
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < units.size(); c++) {
            rows.add(org.apache.spark.sql.RowFactory.create(c, units.get(c)));
        }
        return rows;
    }

    private static float[] unit(double[] values) {
        double norm = 0;
        for (double value : values) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = norm == 0 ? 0f : (float) (values[i] / norm);
        }
        return out;
    }
}
