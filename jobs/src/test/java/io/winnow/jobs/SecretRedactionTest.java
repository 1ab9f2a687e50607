package io.winnow.jobs;

import static io.winnow.jobs.testing.CliOutcome.winnow;
import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import io.winnow.jobs.testing.CliOutcome;
import io.winnow.jobs.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Secrets given in the config file or with --conf never reach stdout, stderr, the log, the run log or show-config. */
class SecretRedactionTest {
    private static final String INPUT = TestSpark.projectRoot().resolve("jobs/src/test/resources/bad-input/invalid-utf8.jsonl").toString();

    @Test
    void secretsInTheConfigFileAndOnTheCommandLineAppearNowhereAfterAStageRuns() throws Exception {
        String inFile = "file-secret-" + UUID.randomUUID();
        String onCommandLine = "cli-secret-" + UUID.randomUUID();
        Path directory = TestSpark.tempDirectory("secrets");
        Path config = directory.resolve("winnow.yaml");
        Files.writeString(config, "spark:\n  conf:\n    spark.hadoop.winnow.test.password: " + inFile
                + "\n    spark.hadoop.winnow.test.endpoint: http://127.0.0.1:1\n");
        String warehouse = directory.resolve("wh").toString();
        String[] secretOptions = {"--config", config.toString(), "--warehouse", warehouse,
            "--conf", "spark.hadoop.winnow.test.secret.key=" + onCommandLine};

        CliOutcome ingest;
        CliOutcome shown;
        String logged;
        try (LogCapture log = new LogCapture()) {
            ingest = winnow(concat(new String[] {"ingest", "--input", INPUT, "--run-id", "secrets"}, secretOptions));
            shown = winnow(concat(new String[] {"show-config"}, secretOptions));
            logged = log.text();
        }
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("ingest        SUCCEEDED in=5 kept=3 dropped=0 quarantined=2");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out())
                .contains("spark.hadoop.winnow.test.password=*********(redacted)")
                .contains("spark.hadoop.winnow.test.secret.key=*********(redacted)")
                .as("settings that are not secrets are shown").contains("spark.hadoop.winnow.test.endpoint=http://127.0.0.1:1");
        String runLog = String.join("\n",
                DeltaTables.read(TestSpark.session(), new Warehouse(warehouse).runLogPath(), "x").toJSON().collectAsList());
        assertThat(runLog).contains("\"stage\":\"ingest\"");
        for (String secret : List.of(inFile, onCommandLine)) {
            assertThat(List.of(ingest.out(), ingest.err(), shown.out(), shown.err(), logged, runLog))
                    .as("stdout, stderr, log, show-config and run log").noneMatch(text -> text.contains(secret));
        }
        assertThat(TestSpark.session().sparkContext().hadoopConfiguration().get("winnow.test.secret.key"))
                .as("the secret still reaches Hadoop, where it is needed").isEqualTo(onCommandLine);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
