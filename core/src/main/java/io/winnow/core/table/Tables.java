package io.winnow.core.table;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Table names and the schema constant of every table the spine writes. Stages select exactly
 * these columns before writing, so the tables keep one shape whatever the input looked like.
 */
public final class Tables {
    public static final String DOCUMENTS = "documents";
    public static final String QUARANTINE = "quarantine";
    public static final String EXACT_DEDUPED = "exact_deduped";
    public static final String EXACT_DUPLICATES = "exact_duplicates";
    public static final String RUNS = "_runs";

    /** Every document table (ingest output, dedup outputs, curated) has these columns. */
    public static final StructType DOCUMENT_SCHEMA = new StructType(new StructField[] {
        field("doc_id", DataTypes.StringType, false),
        field("source", DataTypes.StringType, false),
        field("text", DataTypes.StringType, false),
        field("url", DataTypes.StringType, true),
        field("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
        field("source_file", DataTypes.StringType, true),
        field("source_line", DataTypes.LongType, true),
    });

    /** Bad rows of any stage: where they came from, why they were set aside, and the raw record. */
    public static final StructType QUARANTINE_SCHEMA = new StructType(new StructField[] {
        field("stage", DataTypes.StringType, false),
        field("run_id", DataTypes.StringType, false),
        field("source_file", DataTypes.StringType, true),
        field("line_number", DataTypes.LongType, true),
        field("doc_id", DataTypes.StringType, true),
        field("reason", DataTypes.StringType, false),
        field("detail", DataTypes.StringType, true),
        field("raw_record", DataTypes.StringType, true),
    });

    /** Documents removed by exact dedup, each with the document it duplicates (or why it went). */
    public static final StructType EXACT_DUPLICATES_SCHEMA = new StructType(new StructField[] {
        field("doc_id", DataTypes.StringType, false),
        field("hash", DataTypes.StringType, true),
        field("representative", DataTypes.StringType, true),
        field("group_size", DataTypes.LongType, true),
        field("reason", DataTypes.StringType, false),
    });

    /** One row per stage execution. */
    public static final StructType RUNS_SCHEMA = new StructType(new StructField[] {
        field("run_id", DataTypes.StringType, false),
        field("stage", DataTypes.StringType, false),
        field("config_hash", DataTypes.StringType, false),
        field("input_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), false),
        field("output_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true), false),
        field("rows_in", DataTypes.LongType, false),
        field("rows_kept", DataTypes.LongType, false),
        field("rows_dropped", DataTypes.LongType, false),
        field("rows_quarantined", DataTypes.LongType, false),
        field("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true), false),
        field("started_at", DataTypes.TimestampType, false),
        field("finished_at", DataTypes.TimestampType, false),
        field("status", DataTypes.StringType, false),
        field("error", DataTypes.StringType, true),
    });

    private Tables() {}

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
