package io.winnow.jobs.testing;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;

import io.winnow.core.table.DeltaTables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * The content of a table as its row count and a SHA-256 over its rows as JSON, sorted, so that row order and
 * partitioning do not matter and any changed value does. Map columns are hashed as sorted entries (a map's order is
 * not part of its value).
 */
public final class TableContent {
    private TableContent() {}

    /** The Delta table's content without the run id (which names the run, not the data). */
    public static String hash(SparkSession spark, String path) {
        Dataset<Row> rows = DeltaTables.read(spark, path, "a test");
        if (Arrays.asList(rows.columns()).contains("run_id")) {
            rows = rows.drop("run_id");
        }
        return of(rows);
    }

    /** Every column's content, e.g. {@code "301 rows, sha256 3f2a..."}. */
    public static String of(Dataset<Row> table) {
        Column[] columns = new Column[table.schema().fields().length];
        int i = 0;
        for (StructField field : table.schema().fields()) {
            columns[i++] = field.dataType() instanceof MapType
                    ? array_sort(map_entries(col(field.name()))).as(field.name())
                    : col(field.name());
        }
        List<String> lines = table.select(columns).toJSON().collectAsList().stream().sorted().toList();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return lines.size() + " rows, sha256 " + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
