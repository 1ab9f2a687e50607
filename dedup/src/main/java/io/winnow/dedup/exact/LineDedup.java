package io.winnow.dedup.exact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * CCNet-style unit dedup across documents: a line (or paragraph) whose normalised hash already
 * occurred in an earlier document (by the keep order), or earlier in the same document, is removed.
 * Units that normalise to nothing (blank lines) are never removed. Documents are rebuilt by joining
 * the surviving units with the same delimiter, so untouched documents keep their exact text.
 */
final class LineDedup {
    record Result(Dataset<Row> kept, Dataset<Row> dropped, Map<String, Long> detail, Dataset<Row> cached) {}

    private LineDedup() {}

    static Result apply(Dataset<Row> documents, ExactDedupConfig config, Column[] documentOrder) {
        String delimiter = config.lineMode().delimiter();
        UserDefinedFunction unitHash = udf(new NormalizedHash(config.lineNormalization(), true), DataTypes.StringType);
        Dataset<Row> units = documents
                .select(col("__hash"), col("doc_id"), col("source_file"), col("source_line"),
                        posexplode(split(col("text"), Pattern.quote(delimiter), -1)).as(new String[] {"__pos", "__unit"}))
                .withColumn("__unit_hash", unitHash.apply(col("__unit")));
        // Blank units all hash to null: keep them out of the window so they cannot form one giant partition.
        Column[] unitOrder = Stream.concat(Arrays.stream(documentOrder), Stream.of(col("__pos").asc())).toArray(Column[]::new);
        Dataset<Row> hashedUnits = units.where(col("__unit_hash").isNotNull())
                .withColumn("__removed", row_number().over(Window.partitionBy("__unit_hash").orderBy(unitOrder)).gt(1));
        Dataset<Row> blankUnits = units.where(col("__unit_hash").isNull()).withColumn("__removed", lit(false));
        Dataset<Row> flagged = hashedUnits.unionByName(blankUnits);

        String sqlDelimiter = delimiter.replace("\n", "\\n");
        Dataset<Row> rebuilt = flagged.groupBy("__hash").agg(
                        sort_array(collect_list(struct(col("__pos"), col("__unit"), col("__removed")))).as("__units"),
                        sum(when(col("__removed"), 1).otherwise(0)).as("__removed_units"),
                        count(lit(1)).as("__total_units"),
                        sum(when(col("__removed"), length(col("__unit"))).otherwise(0)).as("__removed_chars"))
                .withColumn("__new_text", expr(
                        "array_join(transform(filter(__units, u -> NOT u.__removed), u -> u.__unit), '" + sqlDelimiter + "')"))
                .drop("__units");

        Column modified = col("__removed_units").gt(0);
        Column empty = modified.and(trim(col("__new_text")).equalTo(""));
        Column tooShort = modified.and(length(col("__new_text")).lt(config.minRemainingChars()));
        Dataset<Row> joined = documents.join(rebuilt, "__hash")
                .withColumn("__line_reason", when(empty, lit(ExactDedupJob.EMPTY_AFTER_LINE_DEDUP))
                        .when(tooShort, lit(ExactDedupJob.TOO_SHORT_AFTER_LINE_DEDUP)))
                .withColumn("text", when(modified, col("__new_text")).otherwise(col("text")))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Row totals = joined.agg(
                sum("__total_units"), sum("__removed_units"), sum("__removed_chars"),
                sum(when(modified, 1).otherwise(0)),
                sum(when(col("__line_reason").equalTo(ExactDedupJob.EMPTY_AFTER_LINE_DEDUP), 1).otherwise(0)),
                sum(when(col("__line_reason").equalTo(ExactDedupJob.TOO_SHORT_AFTER_LINE_DEDUP), 1).otherwise(0))).head();
        String unit = config.lineMode().configName();
        Map<String, Long> detail = new HashMap<>();
        detail.put(unit + "s_total", longAt(totals, 0));
        detail.put(unit + "s_removed", longAt(totals, 1));
        detail.put(unit + "_chars_removed", longAt(totals, 2));
        detail.put("documents_modified_by_" + unit + "_dedup", longAt(totals, 3));
        detail.put("dropped." + ExactDedupJob.EMPTY_AFTER_LINE_DEDUP, longAt(totals, 4));
        detail.put("dropped." + ExactDedupJob.TOO_SHORT_AFTER_LINE_DEDUP, longAt(totals, 5));

        Dataset<Row> kept = joined.where(col("__line_reason").isNull());
        Dataset<Row> dropped = joined.where(col("__line_reason").isNotNull()).select(
                col("doc_id"), col("__hash").as("hash"), lit(null).cast(DataTypes.StringType).as("representative"),
                lit(null).cast(DataTypes.LongType).as("group_size"), col("__line_reason").as("reason"));
        return new Result(kept, dropped, detail, joined);
    }

    private static long longAt(Row row, int index) {
        return row.isNullAt(index) ? 0L : row.getLong(index);
    }
}
