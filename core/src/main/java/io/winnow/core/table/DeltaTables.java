package io.winnow.core.table;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.winnow.core.error.WinnowErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Path-based Delta reads and writes. Every write is one atomic Delta commit. */
public final class DeltaTables {
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaTables() {}

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** Reads a table, or fails with a message naming the stage that would have produced it. */
    public static Dataset<Row> read(SparkSession spark, String path, String producedBy) {
        if (!exists(spark, path)) {
            throw WinnowErrors.tableNotFound(path, producedBy);
        }
        return spark.read().format("delta").load(path);
    }

    /**
     * The table as of {@code version} (Delta time travel): recomputing it, after a lost executor for
     * instance, gives the same rows even when the table was overwritten in between.
     */
    public static Dataset<Row> readVersion(SparkSession spark, String path, long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(path);
    }

    /**
     * Current version, or -1 when there is no table. Read from the names of the commit files in
     * {@code _delta_log} (one file listing) rather than through {@code history()}, which runs a Spark
     * job; stages ask for versions a dozen times per run.
     */
    public static long version(SparkSession spark, String path) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
            if (!fs.exists(log)) {
                return -1L;
            }
            long latest = -1L;
            for (FileStatus status : fs.listStatus(log)) {
                String name = status.getPath().getName();
                if (COMMIT_FILE.matcher(name).matches()) {
                    latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
                }
            }
            return latest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta log of " + path, e);
        }
    }

    /**
     * How many rows the commit at {@code version} wrote, from the {@code numOutputRows} operation metric Delta
     * records in the commit file; empty when the commit has no such metric (metrics disabled, or an operation
     * that does not write rows). Reading one small file replaces a count job over the table just written.
     */
    public static OptionalLong committedOutputRows(SparkSession spark, String path, long version) {
        Path commit = new Path(new Path(path, "_delta_log"), String.format("%020d.json", version));
        try {
            FileSystem fs = commit.getFileSystem(spark.sessionState().newHadoopConf());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.startsWith("{\"commitInfo\"")) {
                        continue;
                    }
                    JsonNode rows = JSON.readTree(line).path("commitInfo").path("operationMetrics").path("numOutputRows");
                    return rows.isTextual() || rows.isNumber() ? OptionalLong.of(Long.parseLong(rows.asText()))
                            : OptionalLong.empty();
                }
                return OptionalLong.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Delta commit " + commit, e);
        }
    }

    /** Rows the commit at {@code version} of {@code path} wrote; counts the table when the commit does not say. */
    public static long writtenRows(SparkSession spark, String path, long version) {
        return committedOutputRows(spark, path, version).orElseGet(() -> spark.read().format("delta").load(path).count());
    }

    /** Replaces the whole table (data and schema) in one commit; creates it when absent. */
    public static long overwrite(Dataset<Row> rows, String path) {
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
        return version(rows.sparkSession(), path);
    }

    /** Replaces only the rows matching {@code predicate} (e.g. one stage's quarantine) in one commit. */
    public static long replaceWhere(Dataset<Row> rows, String path, String predicate) {
        SparkSession spark = rows.sparkSession();
        if (!exists(spark, path)) {
            rows.write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
        } else {
            rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", predicate).save(path);
        }
        return version(spark, path);
    }

    /** Appends in one commit; creates the table when absent. */
    public static void append(Dataset<Row> rows, String path) {
        rows.write().format("delta").mode(SaveMode.Append).save(path);
    }

    /** Selects the schema's columns in order, cast to its types, so a table's shape never drifts. */
    public static Dataset<Row> conform(Dataset<Row> rows, StructType schema) {
        Column[] columns = Arrays.stream(schema.fields())
                .map(field -> col(field.name()).cast(field.dataType()).as(field.name()))
                .toArray(Column[]::new);
        return rows.select(columns);
    }

    /** Checks a table has a column of the expected type, naming what is there when it does not. */
    public static void requireColumn(Dataset<Row> rows, String table, String column, org.apache.spark.sql.types.DataType type) {
        StructType schema = rows.schema();
        List<String> names = Arrays.stream(schema.fields()).map(StructField::name).toList();
        boolean present = Arrays.stream(schema.fields())
                .anyMatch(field -> field.name().equals(column) && field.dataType().equals(type));
        if (!present) {
            throw WinnowErrors.missingColumn(table, column, type.simpleString(), names);
        }
    }

    /** Adds any column of {@code schema} that {@code rows} lacks, as typed nulls (for user tables). */
    public static Dataset<Row> withMissingColumns(Dataset<Row> rows, StructType schema) {
        Dataset<Row> out = rows;
        List<String> present = List.of(rows.columns());
        for (StructField field : schema.fields()) {
            if (!present.contains(field.name())) {
                out = out.withColumn(field.name(), org.apache.spark.sql.functions.lit(null).cast(field.dataType()));
            }
        }
        return out;
    }
}
