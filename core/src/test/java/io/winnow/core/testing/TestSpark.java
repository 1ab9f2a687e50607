package io.winnow.core.testing;

import io.winnow.core.run.RunContext;
import io.winnow.core.spark.SparkSessions;
import io.winnow.core.table.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One real local SparkSession (with Delta) per test JVM, shared by every test class of a module,
 * plus fresh temporary warehouses so tests never see each other's tables.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.builder()
                    .appName("winnow-tests")
                    .master("local[2]")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.warehouse.dir", tempDirectory("spark-warehouse").toString())
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    public static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory("winnow-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run context over a new, empty warehouse directory. */
    public static RunContext newRun() {
        return new RunContext(RunContext.newRunId(), new Warehouse(tempDirectory("warehouse").toString()), false);
    }

    /** The repository root (for conf/ and data/), as set by Maven; falls back to walking up from here. */
    public static Path projectRoot() {
        String configured = System.getProperty("winnow.project.root");
        if (configured != null) {
            return Path.of(configured);
        }
        Path current = Path.of("").toAbsolutePath();
        while (current != null && !Files.isRegularFile(current.resolve("pom.xml")) || !Files.isDirectory(current.resolve("conf"))) {
            current = current.getParent();
            if (current == null) {
                throw new IllegalStateException("Cannot find the Winnow project root above " + Path.of("").toAbsolutePath());
            }
        }
        return current;
    }

    /** The shared data folder beside the repository ({@code ../shared/data}), which may be absent. */
    public static Path sharedData() {
        return projectRoot().resolve("..").resolve("shared").resolve("data").normalize();
    }
}
