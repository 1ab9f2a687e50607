package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * The selected items of one method in the pool's own format, for training: the raw JSON records, one per line, in
 * selection order, as one JSONL part file in {@code <export>/<method>/} (replaced on every run).
 */
final class SelectionExport {
    private SelectionExport() {}

    static void write(Dataset<Row> selection, Dataset<Row> pool, SelectionMethod method, String folder) {
        selection.where(col("method").equalTo(method.tableName()).and(col("selected")))
                .select("item_id", "selection_order")
                .join(pool.select("item_id", "record"), "item_id")
                .orderBy("selection_order")
                .select("record")
                .coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .text(folder);
    }
}
