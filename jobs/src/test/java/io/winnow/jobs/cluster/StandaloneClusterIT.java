package io.winnow.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import io.winnow.jobs.WinnowCli;
import io.winnow.jobs.testing.TableContent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * spark-submit on a real standalone cluster: a Master and two Workers (1 core, 1.5 GB each) as
 * child JVMs on 127.0.0.1, started from the build's {@code jobs/target/spark-home}; the driver is
 * {@code bin/winnow-submit} in client mode. The reference is the same commands in local mode, in
 * this JVM, with the same run id, so every table must match row for row.
 */
class StandaloneClusterIT {
    private static final String RUN_ID = "cluster-it";
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);
    /** Fewer shuffle partitions than the default 8: half the tasks, same tables. */
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions=4";
    private static final List<String> PIPELINE_TABLES = List.of("documents", "quarantine", "exact_deduped",
            "exact_duplicates", "fuzzy_deduped", "fuzzy_duplicates", "minhash_signatures", "quality_filtered",
            "quality_metrics", "curated", "contamination");

    private static Path root;
    private static Path directory;
    private static Path corpus;
    private static Path config;
    private static Path reference;
    private static Path listenerJar;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startTheClusterAndRunTheLocalReference() throws Exception {
        root = TestSpark.projectRoot();
        Path sparkHome = root.resolve("jobs/target/spark-home");
        assertThat(sparkHome.resolve("jars")).as("built by `mvn package` before the integration tests").isDirectory();
        directory = TestSpark.tempDirectory("standalone-cluster");
        cluster = StandaloneCluster.start(sparkHome, directory, 2, 1, "1536m");
        // While the daemons start (~15 s), make the input and the local-mode reference tables.
        corpus = DemoSample.write(root.resolve("data/demo/corpus"), directory.resolve("corpus"), 60);
        listenerJar = listenerJar(directory.resolve("task-event-listener.jar"));
        // The local run trains the quality classifier; the cluster run scores with the same model.
        config = Files.writeString(directory.resolve("winnow.yaml"), String.join("\n",
                "quality-classifier:", "  input: " + root.resolve("data/demo/quality/dclm-majority.jsonl"),
                "quality:", "  classifier:", "    model: " + directory.resolve("quality-classifier"),
                "decontaminate:", "  tasks: " + root.resolve("data/demo/eval"), ""));
        reference = directory.resolve("local-warehouse");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", config.toString(),
                "--input", corpus.toString(), "--warehouse", reference.toString(), "--run-id", RUN_ID,
                "--master", "local[2]", "--conf", SHUFFLE_PARTITIONS);
        assertThat(code).as(err.toString()).isZero();
        cluster.awaitWorkers(2, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * One submission checks both things CI needs from a cluster, to pay for one cluster pipeline instead of two:
     * the default pipeline spreads its tasks over both executors, and an executor killed in the middle of fuzzy
     * dedup's connected components (which cut their lineage every round) costs a retry, not the run, nor a row.
     */
    @Test
    void theDefaultPipelineRunsOnBothExecutorsSurvivesAKilledExecutorAndWritesTheSameTablesAsLocalMode() throws Exception {
        Path warehouse = directory.resolve("cluster-warehouse");
        Path events = directory.resolve("pipeline-events.tsv");
        Submission submission = submit("pipeline", events, "run", "--config", config.toString(), "--input", corpus.toString(),
                "--warehouse", warehouse.toString(), "--run-id", RUN_ID);

        String victim = awaitExecutorRunning(submission, events, "ConnectedComponents", 2);
        Map<String, Long> tasksBeforeTheKill = TaskEvents.read(events).successfulTasksByExecutor();
        cluster.executor(victim).destroyForcibly();

        assertThat(submission.awaitExit()).as(submission.logTail()).isZero();
        assertThat(submission.log()).contains("decontaminate SUCCEEDED").contains("Counts add up for every stage");
        assertThat(tasksBeforeTheKill).as("successful tasks per executor before the kill (ingest, exact dedup)")
                .hasSize(2).allSatisfy((executor, count) -> assertThat(count).isGreaterThanOrEqualTo(10));
        TaskEvents seen = TaskEvents.read(events);
        assertThat(seen.removedExecutors()).as(seen.toString()).contains(victim);
        assertThat(fingerprints(warehouse, PIPELINE_TABLES)).isEqualTo(fingerprints(reference, PIPELINE_TABLES));
        assertThat(stageCounts(warehouse)).isEqualTo(stageCounts(reference));
    }

    private static String awaitExecutorRunning(Submission submission, Path events, String stageNamePart, int occurrence)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(SUBMIT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> executor = TaskEvents.read(events).executorRunningStage(stageNamePart, occurrence);
            if (executor.isPresent()) {
                return executor.get();
            }
            assertThat(submission.process().isAlive()).as("the job ended before a task of stage '" + stageNamePart
                    + "' started: " + submission.logTail()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("No task of a stage named '" + stageNamePart + "' started within " + SUBMIT_TIMEOUT);
    }

    /** Counts per stage from the run log: rows in, kept, dropped, quarantined. */
    private static Map<String, List<Long>> stageCounts(Path warehouse) {
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (StageResult result : new RunLog(TestSpark.session(), new Warehouse(warehouse.toString()).runLogPath()).all()) {
            counts.put(result.stage(), List.of(result.counts().in(), result.counts().kept(), result.counts().dropped(),
                    result.counts().quarantined()));
        }
        return counts;
    }

    private static Map<String, String> fingerprints(Path warehouse, List<String> tables) {
        SparkSession spark = TestSpark.session();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String table : tables) {
            Dataset<Row> rows = DeltaTables.read(spark, warehouse.resolve(table).toString(), "the cluster test");
            fingerprints.put(table, TableContent.of(rows));
        }
        return fingerprints;
    }

    private record Submission(Process process, Path logFile) {
        int awaitExit() throws InterruptedException {
            if (!process.waitFor(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("spark-submit did not finish within " + SUBMIT_TIMEOUT + ": " + logTail());
            }
            return process.exitValue();
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String logTail() {
            String log = log();
            return log.substring(Math.max(0, log.length() - 6000));
        }
    }

    /** bin/winnow-submit in client mode against the cluster, with the task-event listener on the driver. */
    private static Submission submit(String name, Path events, String... winnowArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/winnow-submit").toString(),
                "--master", cluster.masterUrl(), "--executor-memory", "1g",
                "--conf", "spark.ui.enabled=false", "--conf", SHUFFLE_PARTITIONS,
                "--jars", listenerJar.toString(),
                "--conf", "spark.extraListeners=" + TaskEventListener.class.getName(),
                "--conf", TaskEventListener.EVENTS_FILE + "=" + events));
        command.addAll(List.of(winnowArguments));
        Path log = directory.resolve(name + "-driver.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(cluster.environment());
        builder.environment().put("WINNOW_DRIVER_MEMORY", "1g");
        return new Submission(builder.start(), log);
    }

    /** The listener's classes in a jar, for spark-submit's --jars (the driver's class path is fixed by then). */
    private static Path listenerJar(Path jar) throws IOException {
        Path classes = testClassesDirectory();
        String packageDirectory = TaskEventListener.class.getPackageName().replace('.', '/');
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes.resolve(packageDirectory))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("TaskEventListener")).toList()) {
                out.putNextEntry(new JarEntry(packageDirectory + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path testClassesDirectory() {
        try {
            return Path.of(TaskEventListener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
