package io.winnow.jobs.cluster;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * The content of a table as a row count and a SHA-256 over its rows as JSON, sorted, so that row
 * order and partitioning do not matter and any changed value does. Map columns are hashed as
 * sorted entries (a map's order is not part of its value).
 */
record TableFingerprint(long rows, String sha256) {
    static TableFingerprint of(Dataset<Row> table) {
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
            return new TableFingerprint(lines.size(), HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return rows + " rows, sha256 " + sha256.substring(0, 16);
    }
}
