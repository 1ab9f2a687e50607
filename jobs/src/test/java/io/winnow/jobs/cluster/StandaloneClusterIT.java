package io.winnow.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.winnow.batchinfer.Matryoshka;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.model.ModelFetcher;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
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
    private static boolean hideFolders;

    @BeforeAll
    static void startTheClusterAndRunTheLocalReference() throws Exception {
        root = TestSpark.projectRoot();
        Path sparkHome = root.resolve("jobs/target/spark-home");
        assertThat(sparkHome.resolve("jars")).as("built by `mvn package` before the integration tests").isDirectory();
        directory = TestSpark.tempDirectory("standalone-cluster");
        // Workers run in their own mount namespaces: this JVM's model cache (where the driver fetches models to) and the
        // old build-folder models are covered by empty folders, so executors must fetch every model themselves.
        hideFolders = StandaloneCluster.canHideFolders();
        cluster = StandaloneCluster.start(sparkHome, directory, 2, 1, "1536m", hideFolders
                ? List.of(ModelFetcher.cacheRoot().toAbsolutePath(), root.resolve("batchinfer/target")) : List.of());
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

    /**
     * The inference stages on executors that cannot see the driver's files: the built-in models come out of the app
     * jar, one model from HDFS; each executor fetches them into its own cache. An executor killed in the middle of
     * {@code infer} costs a retry. Every table matches a local-mode run (ids and counts exactly, vectors to 1e-5).
     */
    @Test
    void inferEmbedSemanticDedupAndSelectRunOnExecutorsThatFetchTheirOwnModelsAndMatchLocalMode() throws Exception {
        assumeTrue(hideFolders, "needs root and unshare to hide the driver's folders from the executors");
        Configuration hadoop = new Configuration();
        hadoop.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("minidfs").toString());
        hadoop.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(hadoop).numDataNodes(1).build();
        try {
            hdfs.waitActive();
            // a user's model on HDFS: the int8 MiniLM under plain names
            ModelSpec int8 = ModelSpec.of("all-minilm-l6-v2-int8");
            FileSystem fileSystem = hdfs.getFileSystem();
            fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(local(int8.onnxUri()).toUri()),
                    new org.apache.hadoop.fs.Path("/models/minilm-int8/model.onnx"));
            fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(local(int8.tokenizerUri()).toUri()),
                    new org.apache.hadoop.fs.Path("/models/minilm-int8/tokenizer.json"));
            String hdfsModel = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/models/minilm-int8";
            Path inferenceConfig = Files.writeString(directory.resolve("inference.yaml"), String.join("\n",
                    "infer:", "  model: " + hdfsModel, "  partitions: 4",
                    "embed:", "  granularities: [\"3:128\", \"6:384\"]", "  partitions: 2",
                    "semantic-dedup:", "  clusters: 4", "  max-iterations: 20",
                    "select:", "  budget: 20", "  max-queries-per-task: 8", "  partitions: 2",
                    "  pool:", "    - gsm8k-train=" + root.resolve("data/demo/select/pool/gsm8k_train.jsonl"),
                    "  tasks:", "    - gsm8k=" + root.resolve("data/demo/eval/gsm8k/test.jsonl"),
                    "    - codex=" + root.resolve("data/demo/eval/humaneval/HumanEval.jsonl.gz"), ""));
            String[] stages = {"run", "--config", inferenceConfig.toString(), "--stages", "infer,embed,semantic-dedup,select",
                "--run-id", RUN_ID, "--no-html-report"};
            Path localWarehouse = withCurated(directory.resolve("local-inference"));
            Path clusterWarehouse = withCurated(directory.resolve("cluster-inference"));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> localArguments = new ArrayList<>(List.of(stages));
            localArguments.addAll(List.of("--warehouse", localWarehouse.toString(), "--master", "local[2]"));
            int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), localArguments.toArray(String[]::new));
            assertThat(code).as(out + "\n" + err).isZero();

            Path events = directory.resolve("inference-events.tsv");
            List<String> clusterArguments = new ArrayList<>(List.of(stages));
            clusterArguments.addAll(List.of("--warehouse", clusterWarehouse.toString()));
            Submission submission = submit("inference", events, clusterArguments.toArray(String[]::new));
            String victim = awaitExecutorRunning(submission, events, "infer", 1);
            cluster.executor(victim).destroyForcibly();
            assertThat(submission.awaitExit()).as(submission.logTail()).isZero();
            assertThat(submission.log()).contains("select").contains("Counts add up for every stage");

            TaskEvents seen = TaskEvents.read(events);
            assertThat(seen.removedExecutors()).as(seen.toString()).contains(victim);
            assertThat(seen.successfulTasksByExecutor()).as("successful tasks per executor").hasSizeGreaterThanOrEqualTo(2);
            // both executors fetched the models into their own caches: the HDFS model and the built-in fp32 from the jar
            for (int worker = 1; worker <= 2; worker++) {
                try (Stream<Path> cached = Files.walk(cluster.cover(worker, 0))) {
                    assertThat(cached.map(file -> file.getFileName().toString()))
                            .as("worker %d's executor model cache", worker).contains("model.onnx", "all-minilm-l6-v2.onnx");
                }
            }
            assertThat(stageCounts(clusterWarehouse)).isEqualTo(stageCounts(localWarehouse));
            assertSameVectors(clusterWarehouse, localWarehouse, "embeddings", "embedding", "doc_id");
            assertSameVectors(clusterWarehouse, localWarehouse, "matryoshka_embeddings", "vector", "doc_id", "layer", "dim");
            assertSameVectors(clusterWarehouse, localWarehouse, "select_embeddings", "vector", "doc_id");
            assertThat(fingerprints(clusterWarehouse, List.of("semantic_duplicates", "selection")))
                    .isEqualTo(fingerprints(localWarehouse, List.of("semantic_duplicates", "selection")));
        } finally {
            hdfs.shutdown();
        }
    }

    /** A new warehouse holding a copy of the local reference's {@code curated} table. */
    private static Path withCurated(Path warehouse) throws IOException {
        Path source = reference.resolve("curated");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = warehouse.resolve("curated").resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return warehouse;
    }

    private static Path local(String uri) {
        return ModelFetcher.fetch(uri, null, new Configuration()).path();
    }

    /** Same keys in both tables, and every vector at cosine >= 1 - 1e-5 to its counterpart. */
    private static void assertSameVectors(Path actual, Path expected, String table, String vectorColumn, String... keys) {
        SparkSession spark = TestSpark.session();
        Map<String, float[]> left = vectors(spark, actual.resolve(table), vectorColumn, keys);
        Map<String, float[]> right = vectors(spark, expected.resolve(table), vectorColumn, keys);
        assertThat(left.keySet()).as(table).isEqualTo(right.keySet());
        double worst = 1;
        for (Map.Entry<String, float[]> entry : left.entrySet()) {
            worst = Math.min(worst, Matryoshka.dot(entry.getValue(), right.get(entry.getKey())));
        }
        assertThat(worst).as("lowest cosine between the cluster's and local mode's %s", table).isGreaterThanOrEqualTo(1 - 1e-5);
    }

    private static Map<String, float[]> vectors(SparkSession spark, Path table, String vectorColumn, String... keys) {
        Map<String, float[]> out = new HashMap<>();
        for (Row row : DeltaTables.read(spark, table.toString(), "the cluster test").collectAsList()) {
            StringBuilder key = new StringBuilder();
            for (String column : keys) {
                key.append(row.get(row.fieldIndex(column))).append('|');
            }
            List<Float> values = row.getList(row.fieldIndex(vectorColumn));
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
            out.put(key.toString(), vector);
        }
        return out;
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
