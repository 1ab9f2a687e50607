package io.winnow.jobs;

import static io.winnow.jobs.testing.CliOutcome.winnow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import io.winnow.jobs.testing.CliOutcome;
import io.winnow.jobs.testing.LocalS3Server;
import io.winnow.jobs.testing.LogCapture;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default pipeline with its warehouse on S3 (s3a:// through hadoop-aws against a real S3 server on
 * loopback, S3Proxy), on the smallest demo file: the same counts as a local run, a rerun skips every
 * stage, and the secret key given on the command line shows up nowhere.
 */
class S3WarehouseTest {
    private static final String INPUT = TestSpark.projectRoot().resolve("data/demo/corpus/reposts.jsonl").toString();
    private static final String SECRET = "s3-secret-" + UUID.randomUUID();
    private static LocalS3Server server;

    @BeforeAll
    static void startS3() throws Exception {
        assumeTrue(Files.isRegularFile(LocalS3Server.serverJar()), "S3Proxy is copied by `mvn process-test-resources -pl jobs`");
        server = LocalS3Server.start(LocalS3Server.ACCESS_KEY, SECRET);
        server.createBucket("winnow");
    }

    @AfterAll
    static void stopS3() {
        if (server != null) {
            server.close();
        }
    }

    private static CliOutcome onS3(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--spark-profile", "local,s3",
                "--conf", "spark.hadoop.fs.s3a.endpoint=" + server.endpoint(),
                "--conf", "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
                "--conf", "spark.hadoop.fs.s3a.access.key=" + LocalS3Server.ACCESS_KEY,
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET));
        return winnow(all.toArray(String[]::new));
    }

    /** Each stage's counts and per-reason details, without the timings ({@code millis.*}) that differ run to run. */
    private static Map<String, String> countsOfRun(SparkSession spark, String warehouse, String runId) {
        return new RunLog(spark, new Warehouse(warehouse).runLogPath()).all().stream()
                .filter(result -> result.runId().equals(runId))
                .collect(Collectors.toMap(StageResult::stage, result -> withoutTimings(result.counts())));
    }

    private static String withoutTimings(StageCounts counts) {
        Map<String, Long> detail = new TreeMap<>(counts.detail());
        detail.keySet().removeIf(key -> key.startsWith("millis."));
        return "in=" + counts.in() + " kept=" + counts.kept() + " dropped=" + counts.dropped() + " quarantined="
                + counts.quarantined() + " " + detail;
    }

    @Test
    void theDefaultPipelineOnS3GivesTheCountsOfALocalRunSkipsEverythingOnRerunAndNeverShowsTheSecret() throws Exception {
        SparkSession spark = TestSpark.session();
        String local = TestSpark.tempDirectory("s3-baseline").resolve("wh").toString();
        CliOutcome localRun = winnow("run", "--input", INPUT, "--warehouse", local, "--run-id", "local");
        assertThat(localRun.exitCode()).as(localRun.err()).isZero();

        String warehouse = "s3a://winnow/warehouse";
        CliOutcome first;
        CliOutcome second;
        CliOutcome shown;
        String logged;
        try (LogCapture log = new LogCapture()) {
            first = onS3("run", "--input", INPUT, "--warehouse", warehouse, "--run-id", "s3-first");
            second = onS3("run", "--input", INPUT, "--warehouse", warehouse, "--run-id", "s3-second");
            shown = onS3("show-config", "--warehouse", warehouse);
            logged = log.text();
        }
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("ingest        SUCCEEDED in=84 kept=80 dropped=0 quarantined=4")
                .contains("Counts add up for every stage");
        assertThat(countsOfRun(spark, warehouse, "s3-first")).hasSize(5)
                .isEqualTo(countsOfRun(spark, local, "local"));
        assertThat(DeltaTables.read(spark, warehouse + "/curated", "x").count())
                .isEqualTo(DeltaTables.read(spark, local + "/curated", "x").count());
        assertThat(server.dataDirectory().resolve("winnow/warehouse/curated/_delta_log")).isDirectory();
        assertThat(server.dataDirectory().resolve("winnow/warehouse/_runs/_delta_log")).isDirectory();
        assertThat(first.out()).contains("HTML report: " + warehouse + "/_reports/report.html");
        assertThat(server.dataDirectory().resolve("winnow/warehouse/_reports/report.html")).isRegularFile();
        assertThat(server.dataDirectory().resolve("winnow/warehouse/_reports/report-stages.png")).isRegularFile();

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(new RunLog(spark, new Warehouse(warehouse).runLogPath()).all())
                .filteredOn(result -> result.runId().equals("s3-second"))
                .hasSize(5).extracting(StageResult::status).containsOnly(StageStatus.SKIPPED);

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)")
                .contains("spark.hadoop.fs.s3a.endpoint=" + server.endpoint());
        String runLog = String.join("\n", DeltaTables.read(spark, new Warehouse(warehouse).runLogPath(), "x").toJSON().collectAsList());
        assertThat(List.of(first.out(), first.err(), second.out(), second.err(), shown.out(), shown.err(), logged, runLog))
                .as("the secret key in stdout, stderr, the log and the run log").noneMatch(text -> text.contains(SECRET));
        assertThat(logged).as("the capture saw the run").contains("Stage");
    }
}
