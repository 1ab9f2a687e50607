package io.winnow.selection.rds;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The tables of the {@code select} stage. */
public final class SelectTables {
    /** The pool: one row per readable instruction record. */
    public static final StructType POOL_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("item_id", DataTypes.StringType, false),
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("text", DataTypes.StringType, false),
        DataTypes.createStructField("record", DataTypes.StringType, false),
        DataTypes.createStructField("source_file", DataTypes.StringType, false),
        DataTypes.createStructField("position", DataTypes.LongType, false),
    });

    /** What the pool reader emits: pool rows plus a reason (null when readable; text is then empty). */
    static final StructType PARSED_SCHEMA = POOL_SCHEMA.add("reason", DataTypes.StringType, true);

    /** A partition's best items for one task (executor output of the blockwise scoring). */
    static final StructType CANDIDATE_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("task", DataTypes.StringType, false),
        DataTypes.createStructField("item_id", DataTypes.StringType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, false),
    });

    /**
     * The selection: for {@code rds}, every task's best {@code budget} items (rank on that task's list, score = max
     * cosine over its queries), {@code selected} true on the row of the task whose turn picked the item and
     * {@code selection_order} its position; for the baselines, the selected items only (task {@code all}). Exactly
     * {@code min(budget, pool)} rows per method are selected.
     */
    public static final StructType SELECTION_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("item_id", DataTypes.StringType, false),
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("task", DataTypes.StringType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
        DataTypes.createStructField("rank", DataTypes.IntegerType, false),
        DataTypes.createStructField("selected", DataTypes.BooleanType, false),
        DataTypes.createStructField("selection_order", DataTypes.IntegerType, true),
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("run_id", DataTypes.StringType, false),
    });

    /** Selection rows as the driver builds them, before the item's source and the run id are added. */
    static final StructType UNJOINED_SELECTION_SCHEMA = new StructType(new StructField[] {
        SELECTION_SCHEMA.apply("item_id"), SELECTION_SCHEMA.apply("task"), SELECTION_SCHEMA.apply("score"),
        SELECTION_SCHEMA.apply("rank"), SELECTION_SCHEMA.apply("selected"), SELECTION_SCHEMA.apply("selection_order"),
        SELECTION_SCHEMA.apply("method"),
    });

    /** The task name baselines write: they do not rank for a task. */
    public static final String ALL_TASKS = "all";

    private SelectTables() {}

    /** A Spark array of floats as a Java array. */
    static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
