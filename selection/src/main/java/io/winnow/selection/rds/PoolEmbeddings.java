package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.partition.EncodingCounters;
import io.winnow.batchinfer.partition.EncodingInput;
import io.winnow.core.table.DeltaTables;
import io.winnow.embed.EmbedJob;
import io.winnow.embed.EmbedPartition;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The pool's RDS+ vectors, made with the {@code embed} stage's executor code ({@link EmbedPartition}):
 * position-weighted mean of the final layer's hidden states at full width, L2-normalised, in the {@code embed}
 * table schema. An existing table is reused when it holds this model's vectors of that kind for exactly the pool's
 * items.
 */
final class PoolEmbeddings {
    private static final int WINDOW = 4096;

    private PoolEmbeddings() {}

    /** Writes (or keeps) the vectors table; returns true when it was reused. */
    static boolean ensure(SparkSession spark, SelectConfig config, ModelSpec model, Granularity finalLayer,
            EncoderOptions options, String runId, Dataset<Row> pool, long poolCount, String path) {
        if (config.reuseEmbeddings() && reusable(spark, model, finalLayer, pool, poolCount, path)) {
            return true;
        }
        Dataset<Row> texts = pool.select(col("item_id").as("doc_id"), col("text"));
        int partitions = config.partitions() > 0 ? config.partitions() : spark.sparkContext().defaultParallelism();
        EncodingCounters counters = EncodingCounters.register(spark, SelectJob.STAGE);
        EmbedPartition encode = new EmbedPartition(model, options.withGranularities(List.of(finalLayer)),
                config.intraOpThreads(), WINDOW, runId, counters);
        DeltaTables.overwrite(EncodingInput.inIdOrder(texts.repartition(partitions)).mapPartitions(encode, Encoders.row(EmbedJob.OUTPUT_SCHEMA)), path);
        return false;
    }

    /** {@code (item_id, vector)} of the table's RDS+ vectors. */
    static Dataset<Row> vectors(SparkSession spark, String path) {
        return DeltaTables.read(spark, path, SelectJob.STAGE).select(col("doc_id").as("item_id"), col("vector"));
    }

    private static boolean reusable(SparkSession spark, ModelSpec model, Granularity finalLayer, Dataset<Row> pool,
            long poolCount, String path) {
        if (!DeltaTables.exists(spark, path)) {
            return false;
        }
        Dataset<Row> table = DeltaTables.read(spark, path, SelectJob.STAGE);
        Dataset<Row> matching = table.where(col("model").equalTo(lit(model.name()))
                .and(col("layer").equalTo(lit(finalLayer.layer())))
                .and(col("dim").equalTo(lit(finalLayer.dim())))
                .and(col("pooling").equalTo(lit(Pooling.WEIGHTED_MEAN.configName()))));
        long rows = table.count();
        if (rows != poolCount || matching.count() != poolCount) {
            return false;
        }
        long covered = matching.select("doc_id").join(pool.select(col("item_id").as("doc_id")), "doc_id").count();
        return covered == poolCount;
    }
}
