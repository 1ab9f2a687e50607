package io.winnow.tokenization;

import static org.apache.spark.sql.functions.col;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.RunContext;
import io.winnow.core.table.DeltaTables;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/** Where the tokenization commands read text: a warehouse table by name, or .jsonl/.json/.parquet files by path. */
final class CorpusInput {
    private CorpusInput() {}

    static boolean isFilePath(String input) {
        String lower = input.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".jsonl.gz")
                || lower.endsWith(".parquet") || input.contains("/") || input.contains("\\");
    }

    /** The rows of {@code input}, with a string column {@code text} (and {@code doc_id} when present). */
    static Dataset<Row> read(SparkSession spark, RunContext context, String input, String producedBy) {
        Dataset<Row> rows;
        String where;
        if (isFilePath(input) && !DeltaTables.exists(spark, input)) {
            if (!Files.exists(Path.of(input))) {
                throw new WinnowException(ErrorCode.INPUT_NOT_FOUND, String.format(
                        "Input '%s' for %s does not exist. Give a warehouse table name (such as curated) or an existing .jsonl, .json or .parquet path.",
                        input, producedBy));
            }
            rows = input.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")
                    ? spark.read().parquet(input) : spark.read().json(input);
            where = input;
        } else if (isFilePath(input)) {
            rows = DeltaTables.read(spark, input, producedBy);
            where = input;
        } else {
            where = context.warehouse().resolve(input);
            rows = DeltaTables.read(spark, where, producedBy);
        }
        DeltaTables.requireColumn(rows, where, "text", DataTypes.StringType);
        return rows;
    }

    /** The non-null texts of {@code rows}, spread over at least {@code minPartitions} partitions. */
    static Dataset<String> texts(Dataset<Row> rows, int minPartitions) {
        Dataset<Row> texts = rows.select(col("text")).where(col("text").isNotNull());
        if (texts.rdd().getNumPartitions() < minPartitions) {
            texts = texts.repartition(minPartitions);
        }
        return texts.as(org.apache.spark.sql.Encoders.STRING());
    }
}
