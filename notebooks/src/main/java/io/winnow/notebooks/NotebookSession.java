package io.winnow.notebooks;

import static java.util.Objects.requireNonNull;

import io.winnow.core.spark.SparkSessions;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The notebooks' entry point to the data: one local SparkSession (with Delta) per kernel and the warehouse the tables
 * are read from, {@code $WINNOW_WAREHOUSE} or else {@code <project>/warehouse} (what {@code bin/winnow run} writes).
 */
public final class NotebookSession {
    /** Environment variable naming the warehouse the notebooks read. */
    public static final String WAREHOUSE_VARIABLE = "WINNOW_WAREHOUSE";

    private static SparkSession session;

    private NotebookSession() {}

    /** The kernel's SparkSession: local[2], few shuffle partitions, no UI. Created on first use. */
    public static synchronized SparkSession spark() {
        if (session == null) {
            Path profiles = projectRoot().resolve("conf").resolve("spark");
            SparkSessions builder = SparkSessions.builder().appName("winnow-notebook").master("local[2]")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
            if (Files.isDirectory(profiles)) {
                builder.profileDirectory(profiles).profile("local");
            }
            session = builder.getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /** The warehouse root the notebooks read. */
    public static Warehouse warehouse() {
        String configured = System.getenv(WAREHOUSE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new Warehouse(configured);
        }
        return new Warehouse(projectRoot().resolve("warehouse").toString());
    }

    /** A table of the warehouse by name (or a path); fails naming the command that writes it when it is missing. */
    public static Dataset<Row> table(String name, String writtenBy) {
        requireNonNull(name, "name is null");
        requireNonNull(writtenBy, "writtenBy is null");
        return DeltaTables.read(spark(), warehouse().resolve(name), writtenBy);
    }

    /** Whether the warehouse has this table (optional stages, e.g. {@code select}). */
    public static boolean hasTable(String name) {
        return DeltaTables.exists(spark(), warehouse().resolve(requireNonNull(name, "name is null")));
    }

    /** A file or directory under a local warehouse, e.g. {@code _reports/vocab_analysis.png}. */
    public static Path warehouseFile(String relative) {
        return Path.of(warehouse().root()).resolve(requireNonNull(relative, "relative is null"));
    }

    /** The Winnow checkout: {@code $WINNOW_HOME}, or the first folder above the working directory with conf/ and pom.xml. */
    public static Path projectRoot() {
        String home = System.getenv("WINNOW_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path current = Path.of("").toAbsolutePath();
        while (current != null) {
            if (Files.isDirectory(current.resolve("conf")) && Files.isRegularFile(current.resolve("pom.xml"))) {
                return current;
            }
            current = current.getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    /** The public data folder beside the checkout ({@code ../shared/data}); it may be absent. */
    public static Path sharedData() {
        return projectRoot().resolve("..").resolve("shared").resolve("data").normalize();
    }
}
