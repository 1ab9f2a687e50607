package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The selected items of every method in the pool's own format, for training: the raw JSON records, one per line, in
 * selection order, as one JSONL part file per method in {@code <export>/method=<method>/} (Spark's partition folder
 * naming), written in one job and replaced on every run.
 */
final class SelectionExport {
    private SelectionExport() {}

    static void write(Dataset<Row> selection, Dataset<Row> pool, String folder) {
        selection.where(col("selected"))
                .select("item_id", "method", "selection_order")
                .join(pool.select("item_id", "record"), "item_id")
                .repartition(col("method"))
                .sortWithinPartitions("method", "selection_order")
                .select("method", "record")
                .write()
                .mode(SaveMode.Overwrite)
                .partitionBy("method")
                .text(folder);
    }
}
