package io.winnow.jobs.testing;

import io.winnow.core.table.DeltaTables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A content hash of a Delta table that ignores row order and the run id (which names the run, not the data). */
public final class TableContent {
    private TableContent() {}

    public static String hash(SparkSession spark, String path) {
        Dataset<Row> rows = DeltaTables.read(spark, path, "a test");
        if (Arrays.asList(rows.columns()).contains("run_id")) {
            rows = rows.drop("run_id");
        }
        List<String> lines = rows.toJSON().collectAsList().stream().sorted().toList();
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
