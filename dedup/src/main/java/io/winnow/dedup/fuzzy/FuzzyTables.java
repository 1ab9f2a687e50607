package io.winnow.dedup.fuzzy;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Schemas of the tables fuzzy dedup writes besides the documents. */
public final class FuzzyTables {
    /** Documents removed as near-duplicates, with the document they were merged into. */
    public static final StructType DUPLICATES_SCHEMA = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("component_id", DataTypes.StringType, false)
            .add("representative", DataTypes.StringType, false)
            .add("max_similarity", DataTypes.DoubleType, true)
            .add("reason", DataTypes.StringType, false);

    /** MinHash signatures of kept documents, for incremental runs. */
    public static final StructType SIGNATURES_SCHEMA = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("signature", DataTypes.createArrayType(DataTypes.LongType, true), false);

    private FuzzyTables() {}
}
