package io.winnow.batchinfer.partition;

import io.winnow.core.table.DeltaTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** How the encoding stages write their vectors. */
public final class EncodingOutput {
    private EncodingOutput() {}

    /**
     * Replaces the table at {@code path} with {@code rows}, the Spark stages that encode named after {@code stage}
     * (progress lines, event logs and the cluster test's executor kill see "infer", not a Delta call site).
     *
     * @return the written table version
     */
    public static long overwrite(SparkSession spark, String stage, Dataset<Row> rows, String path) {
        spark.sparkContext().setCallSite(stage);
        try {
            return DeltaTables.overwrite(rows, path);
        } finally {
            spark.sparkContext().clearCallSite();
        }
    }
}
