package io.winnow.selection.quality;

import io.winnow.core.table.Tables;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schemas of the {@code quality} stage. */
public final class QualityTables {
    /** One row per assessed document: why it was dropped (if it was) and everything measured. */
    public static final StructType METRICS_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("doc_id", DataTypes.StringType, false),
        DataTypes.createStructField("kept", DataTypes.BooleanType, false),
        DataTypes.createStructField("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false),
        DataTypes.createStructField("quality_score", DataTypes.DoubleType, true),
        DataTypes.createStructField("text_changed", DataTypes.BooleanType, false),
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
    });

    /** The document columns plus the filter verdict, between the assessment and the writes. */
    static final StructType ASSESSED_SCHEMA = Tables.DOCUMENT_SCHEMA
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
            .add("text_changed", DataTypes.BooleanType, false);

    private QualityTables() {}
}
