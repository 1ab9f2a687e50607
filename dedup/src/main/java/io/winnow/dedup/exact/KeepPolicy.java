package io.winnow.dedup.exact;

import static org.apache.spark.sql.functions.col;

import io.winnow.core.config.ConfigEnum;
import org.apache.spark.sql.Column;

/** Which document of a duplicate group survives. Both are total orders, so the choice is deterministic. */
public enum KeepPolicy implements ConfigEnum {
    /** The smallest doc_id (string order). */
    LOWEST_DOC_ID("lowest-doc-id"),
    /** The earliest by source file, then line; doc_id breaks ties. */
    FIRST_SEEN("first-seen");

    private final String configName;

    KeepPolicy(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Sort order within a group: the first row is the one kept. Ends with doc_id, so it is total. */
    public Column[] order() {
        return switch (this) {
            case LOWEST_DOC_ID -> new Column[] {col("doc_id").asc()};
            case FIRST_SEEN -> new Column[] {col("source_file").asc_nulls_last(), col("source_line").asc_nulls_last(),
                col("doc_id").asc()};
        };
    }
}
