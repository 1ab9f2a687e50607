package io.winnow.core.ingest;

import io.winnow.core.table.RowValues;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The intermediate rows file readers emit: a document, a quarantined record, or a blank line
 * (blank JSONL lines are not records; they are counted, not kept). One schema for all three so
 * one pass over the files feeds both output tables.
 */
final class IngestRows {
    static final String DOCUMENT = "document";
    static final String QUARANTINE = "quarantine";
    static final String BLANK = "blank";

    static final StructType SCHEMA = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("doc_id", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true)
            .add("text", DataTypes.StringType, true)
            .add("url", DataTypes.StringType, true)
            .add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true)
            .add("source_file", DataTypes.StringType, true)
            .add("source_line", DataTypes.LongType, true)
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            .add("raw_record", DataTypes.StringType, true);

    private IngestRows() {}

    static Row document(String docId, String source, String text, String url, Map<String, String> meta, String file, Long line) {
        return RowFactory.create(DOCUMENT, docId, source, text, url, RowValues.map(meta), file, line, null, null, null);
    }

    static Row quarantine(String file, Long line, String docId, QuarantineReason reason, String detail, String raw) {
        return RowFactory.create(QUARANTINE, docId, null, null, null, null, file, line, reason.code(), detail, raw);
    }

    static Row blank(String file, long line) {
        return RowFactory.create(BLANK, null, null, null, null, null, file, line, null, null, null);
    }

    static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "…[truncated, " + text.length() + " chars]";
    }
}
