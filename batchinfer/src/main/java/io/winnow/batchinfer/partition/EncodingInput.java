package io.winnow.batchinfer.partition;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.winnow.core.table.Quarantine;
import io.winnow.core.table.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** How the encoding stages read their input table. */
public final class EncodingInput {
    private static final List<String> QUARANTINE_COLUMNS = List.of("source", "url", "source_file", "source_line");

    private EncodingInput() {}

    /**
     * The configured id and text columns as {@code doc_id} and {@code text}, plus the columns the quarantine
     * records (source, url, source_file, source_line), null where the table lacks them.
     */
    public static Dataset<Row> documents(Dataset<Row> input, String idColumn, String textColumn) {
        List<String> present = List.of(input.columns());
        List<Column> columns = new ArrayList<>();
        columns.add(col(idColumn).as("doc_id"));
        columns.add(col(textColumn).as("text"));
        for (String name : QUARANTINE_COLUMNS) {
            columns.add(present.contains(name)
                    ? col(name)
                    : lit(null).cast(Tables.DOCUMENT_SCHEMA.apply(name).dataType()).as(name));
        }
        return input.select(columns.toArray(Column[]::new));
    }

    /**
     * The rows that have an id and a text, as {@code (doc_id, text)}, in {@code partitions} partitions, or
     * at least the default parallelism when {@code partitions} is 0 (a one-file table would otherwise
     * run on one core), each partition sorted by id ({@link #inIdOrder}).
     */
    public static Dataset<Row> encodable(SparkSession spark, Dataset<Row> documents, int partitions) {
        Dataset<Row> valid = documents.where(not(Quarantine.missingIdOrText())).select(col("doc_id"), col("text"));
        int current = valid.rdd().getNumPartitions();
        int wanted = partitions > 0 ? partitions : Math.max(current, spark.sparkContext().defaultParallelism());
        return inIdOrder(wanted == current ? valid : valid.repartition(wanted));
    }

    /**
     * Each partition sorted by {@code doc_id}. A shuffle delivers a partition's rows in arrival order, which differs
     * between runs, clusters and task retries; batches are cut from length-sorted windows with ties kept in input
     * order, so without this the batch a text lands in would vary, and with dynamically quantized (int8) models, which
     * pick one activation scale per batch, so would its vector (cosine 0.988 between two runs of the same table).
     * Sorted, the vectors are a function of the partition's contents alone.
     */
    public static Dataset<Row> inIdOrder(Dataset<Row> rows) {
        return rows.sortWithinPartitions("doc_id");
    }
}
