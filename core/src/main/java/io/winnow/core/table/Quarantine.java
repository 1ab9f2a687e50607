package io.winnow.core.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Quarantine rows for documents a stage cannot process, and writing a stage's share of the quarantine table. */
public final class Quarantine {
    private Quarantine() {}

    /** True for document rows without a doc_id or a text. */
    public static Column missingIdOrText() {
        return col("doc_id").isNull().or(col("text").isNull());
    }

    /** Quarantine rows (in {@link Tables#QUARANTINE_SCHEMA}) for documents lacking a doc_id or a text. */
    public static Dataset<Row> missingIdOrText(Dataset<Row> documents, String stage, String runId) {
        Dataset<Row> rows = documents.where(missingIdOrText()).select(
                lit(stage).as("stage"),
                lit(runId).as("run_id"),
                col("source_file"),
                col("source_line").as("line_number"),
                col("doc_id"),
                when(col("doc_id").isNull(), lit("missing_doc_id")).otherwise(lit("missing_text")).as("reason"),
                when(col("doc_id").isNull(), lit("doc_id is null; every document needs a unique id"))
                        .otherwise(lit("text is null")).as("detail"),
                expr("substring(to_json(struct(doc_id, source, url, source_file, source_line)), 1, 1000)").as("raw_record"));
        return DeltaTables.conform(rows, Tables.QUARANTINE_SCHEMA);
    }

    /** Replaces this stage's rows of the quarantine table in one commit; returns the table version. */
    public static long replaceStageRows(Dataset<Row> rows, String quarantinePath, String stage) {
        return DeltaTables.replaceWhere(rows.coalesce(1), quarantinePath, "stage = '" + stage + "'");
    }

    /**
     * Replaces this stage's rows of the quarantine table with {@code rows} and returns how many that is. When
     * there are none and the table holds none of this stage's rows, nothing is written: the usual case costs
     * one count (which Delta answers from file statistics when no file has a null id or text) instead of a
     * write and a commit.
     */
    public static long replaceStageRowsCounted(Dataset<Row> rows, String quarantinePath, String stage) {
        long count = rows.count();
        SparkSession spark = rows.sparkSession();
        if (count == 0 && (!DeltaTables.exists(spark, quarantinePath)
                || spark.read().format("delta").load(quarantinePath).where(col("stage").equalTo(stage)).isEmpty())) {
            return 0;
        }
        replaceStageRows(rows, quarantinePath, stage);
        return count;
    }

    /** How many rows this stage has in the quarantine table now. */
    public static long countStageRows(Dataset<Row> quarantineTable, String stage) {
        return quarantineTable.where(col("stage").equalTo(stage)).count();
    }
}
