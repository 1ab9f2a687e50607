package io.winnow.dedup.decontamination;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schemas of the contamination table and of the stage's intermediate rows. */
final class ContaminationTables {
    static final String DOCUMENT = "document";
    static final String CONTAMINATION = "contamination";

    /** One row per removal window and task: where the task's n-grams matched and what was done about it. */
    static final StructType CONTAMINATION_SCHEMA = new StructType(new StructField[] {
        field("doc_id", DataTypes.StringType, false),
        field("task", DataTypes.StringType, false),
        field("ngram", DataTypes.StringType, false),
        field("char_start", DataTypes.IntegerType, false),
        field("char_end", DataTypes.IntegerType, false),
        field("removed_start", DataTypes.IntegerType, false),
        field("removed_end", DataTypes.IntegerType, false),
        field("matched_ngrams", DataTypes.IntegerType, false),
        field("action", DataTypes.StringType, false),
    });

    /**
     * What the per-partition function emits: output documents and contamination records in one
     * stream (told apart by record_type), so each document is matched once.
     */
    static final StructType PROCESSED_SCHEMA = new StructType(new StructField[] {
        field("record_type", DataTypes.StringType, false),
        field("parent_doc_id", DataTypes.StringType, false),
        field("piece", DataTypes.IntegerType, true),
        field("doc_id", DataTypes.StringType, true),
        field("source", DataTypes.StringType, true),
        field("text", DataTypes.StringType, true),
        field("url", DataTypes.StringType, true),
        field("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
        field("source_file", DataTypes.StringType, true),
        field("source_line", DataTypes.LongType, true),
        field("task", DataTypes.StringType, true),
        field("ngram", DataTypes.StringType, true),
        field("char_start", DataTypes.IntegerType, true),
        field("char_end", DataTypes.IntegerType, true),
        field("removed_start", DataTypes.IntegerType, true),
        field("removed_end", DataTypes.IntegerType, true),
        field("matched_ngrams", DataTypes.IntegerType, true),
        field("action", DataTypes.StringType, true),
    });

    static final StructType NGRAM_COUNT_SCHEMA = new StructType(new StructField[] {
        field("hash", DataTypes.LongType, false),
        field("occurrences", DataTypes.LongType, false),
    });

    private ContaminationTables() {}

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
