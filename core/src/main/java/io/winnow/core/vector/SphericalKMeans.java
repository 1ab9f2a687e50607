package io.winnow.core.vector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spherical k-means on Spark MLlib: {@link KMeans} with cosine distance assigns by cosine and keeps unit-length
 * centres. MLlib needs k &gt;= 2, so k = 1 is the normalised mean. Used by semantic dedup and by prototype selection.
 */
public final class SphericalKMeans {

    /**
     * @param assigned the input rows with an int cluster column (all 0 when k &lt; 2)
     * @param centroids one row per cluster: the cluster column and its unit centroid (array&lt;float&gt;)
     * @param clusters how many clusters there are
     */
    public record Clustering(Dataset<Row> assigned, Dataset<Row> centroids, int clusters) {}

    private SphericalKMeans() {}

    /** Clusters {@code rows} on their ML vector column {@code features} into {@code k} clusters. */
    public static Clustering fit(Dataset<Row> rows, String features, String clusterColumn, String centroidColumn, int k,
            int maxIterations, long seed) {
        Dataset<Row> assigned;
        List<Row> centroidRows = new ArrayList<>();
        if (k > 1) {
            KMeansModel model = new KMeans().setK(k).setMaxIter(maxIterations).setSeed(seed).setDistanceMeasure("cosine")
                    .setFeaturesCol(features).setPredictionCol(clusterColumn).fit(rows);
            assigned = model.transform(rows);
            Vector[] centers = model.clusterCenters();
            for (int c = 0; c < centers.length; c++) {
                centroidRows.add(RowFactory.create(c, unit(centers[c].toArray())));
            }
        } else {
            Row mean = rows.select(Summarizer.mean(col(features)).as("mean")).head();
            assigned = rows.withColumn(clusterColumn, lit(0));
            centroidRows.add(RowFactory.create(0, unit(((Vector) mean.get(0)).toArray())));
        }
        Dataset<Row> centroids = rows.sparkSession().createDataFrame(centroidRows, new StructType()
                .add(clusterColumn, DataTypes.IntegerType, false)
                .add(centroidColumn, DataTypes.createArrayType(DataTypes.FloatType, false), false));
        return new Clustering(assigned, centroids, centroidRows.size());
    }

    /** The dot product of two array&lt;float&gt; columns: the cosine when both are unit vectors. */
    public static Column dot(String left, String right) {
        return expr("aggregate(zip_with(" + left + ", " + right + ", (a, b) -> double(a) * double(b)), 0D, (acc, x) -> acc + x)");
    }

    /** L2-normalised copy as floats; all zeros for a zero vector. */
    static float[] unit(double[] values) {
        double norm = 0;
        for (double value : values) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (norm > 0 ? values[i] / norm : 0);
        }
        return out;
    }
}
