package io.winnow.jobs;

import static io.winnow.jobs.testing.CliOutcome.winnow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageCounts;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import io.winnow.jobs.testing.CliOutcome;
import io.winnow.jobs.testing.TableContent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad inputs (malformed JSON, invalid UTF-8, null / empty / 20 MB / non-string texts, a
 * missing file) through the whole default pipeline via the command line: no crash, every bad record
 * quarantined with its reason, counts that add up, and a rerun into a fresh warehouse that writes the
 * same tables. One pipeline run per warehouse, shared by the tests of this class.
 */
class BadInputPipelineTest {
    private static final int HUGE_CHARS = 20 * 1024 * 1024;
    static final List<String> PIPELINE_STAGES = List.of("ingest", "exact_dedup", "fuzzy_dedup", "quality", "decontaminate");

    static Path corpus;
    static String firstWarehouse;
    static CliOutcome firstRun;
    private static String secondWarehouse;
    private static CliOutcome secondRun;

    @BeforeAll
    static void runThePipelineTwiceIntoFreshWarehouses() throws IOException {
        corpus = TestSpark.tempDirectory("bad-input").resolve("corpus");
        Files.createDirectories(corpus);
        Path resources = TestSpark.projectRoot().resolve("jobs/src/test/resources/bad-input");
        for (String name : List.of("mixed.jsonl", "invalid-utf8.jsonl")) {
            Files.copy(resources.resolve(name), corpus.resolve(name));
        }
        writeHugeDocument(corpus.resolve("huge.jsonl"));
        firstWarehouse = TestSpark.tempDirectory("bad-input-first").resolve("wh").toString();
        secondWarehouse = TestSpark.tempDirectory("bad-input-second").resolve("wh").toString();
        firstRun = winnow("run", "--input", corpus.toString(), "--warehouse", firstWarehouse, "--run-id", "bad-first");
        secondRun = winnow("run", "--input", corpus.toString(), "--warehouse", secondWarehouse, "--run-id", "bad-second");
    }

    /** One good short document, then one 20 MB document (over ingest.max-text-chars), generated, not committed. */
    private static void writeHugeDocument(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"text\": \"A short document before the huge one, long enough to be a document.\"}\n{\"text\": \""
                    .getBytes(StandardCharsets.UTF_8));
            byte[] words = "lorem ipsum dolor sit amet ".repeat(1024).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < HUGE_CHARS; written += words.length) {
                out.write(words);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void thePipelineFinishesAndQuarantinesEveryBadRecordWithItsReason() {
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        SparkSession spark = TestSpark.session();
        List<Row> quarantined = DeltaTables.read(spark, new Warehouse(firstWarehouse).resolve("quarantine"), "x")
                .select("stage", "source_file", "line_number", "reason").collectAsList();
        assertThat(quarantined).extracting(row -> row.getString(0), row -> fileName(row.getString(1)), row -> row.getLong(2),
                row -> row.getString(3)).containsExactlyInAnyOrder(
                tuple("ingest", "mixed.jsonl", 22L, "malformed_json"),
                tuple("ingest", "mixed.jsonl", 23L, "not_a_json_object"),
                tuple("ingest", "mixed.jsonl", 24L, "missing_text"),
                tuple("ingest", "mixed.jsonl", 25L, "missing_text"),
                tuple("ingest", "mixed.jsonl", 26L, "empty_text"),
                tuple("ingest", "mixed.jsonl", 27L, "text_not_string"),
                tuple("ingest", "mixed.jsonl", 28L, "text_not_string"),
                tuple("ingest", "invalid-utf8.jsonl", 2L, "invalid_utf8"),
                tuple("ingest", "invalid-utf8.jsonl", 4L, "invalid_utf8"),
                tuple("ingest", "huge.jsonl", 2L, "text_too_large"));
        assertThat(DeltaTables.read(spark, new Warehouse(firstWarehouse).resolve("quarantine"), "x")
                .where("reason = 'text_too_large'").first().<String>getAs("raw_record").length())
                .as("the raw record of a huge document is kept only in part").isLessThanOrEqualTo(1_100);
    }

    @Test
    void everyStageCountsAddUpAndEachStageReadsWhatThePreviousOneKept() {
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        List<StageCounts> counts = new RunLog(TestSpark.session(), new Warehouse(firstWarehouse).runLogPath()).all().stream()
                .filter(result -> result.runId().equals("bad-first"))
                .sorted(Comparator.comparing(StageResult::startedAt)).map(StageResult::counts).toList();
        assertThat(counts).extracting(StageCounts::stage).containsExactlyElementsOf(PIPELINE_STAGES);
        assertThat(counts).allSatisfy(c -> assertThat(c.in()).as(c.stage()).isEqualTo(c.kept() + c.dropped() + c.quarantined()));
        assertThat(counts.get(0)).extracting(StageCounts::in, StageCounts::kept, StageCounts::quarantined)
                .as("21 + 10 good lines in mixed.jsonl, 3 in invalid-utf8.jsonl, 1 in huge.jsonl; 10 bad records")
                .containsExactly(45L, 35L, 10L);
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i).in()).as(counts.get(i).stage()).isEqualTo(counts.get(i - 1).kept());
        }
        assertThat(counts.get(1).dropped()).as("the exact repost in mixed.jsonl").isEqualTo(1);
        assertThat(firstRun.out()).contains("Counts add up for every stage");
    }

    @Test
    void aRerunIntoAFreshWarehouseWritesIdenticalTables() {
        assertThat(secondRun.exitCode()).as(secondRun.err()).isZero();
        SparkSession spark = TestSpark.session();
        for (String table : List.of("documents", "quarantine", "exact_deduped", "exact_duplicates", "fuzzy_deduped",
                "fuzzy_duplicates", "quality_filtered", "quality_metrics", "curated", "contamination")) {
            String first = new Warehouse(firstWarehouse).resolve(table);
            String second = new Warehouse(secondWarehouse).resolve(table);
            assertThat(TableContent.hash(spark, second)).as(table).isEqualTo(TableContent.hash(spark, first));
        }
    }

    @Test
    void aMissingFileInTheInputListStopsTheRunWithAnErrorNamingIt() {
        String missing = corpus.resolveSibling("not-there.jsonl").toString();
        CliOutcome outcome = winnow("run", "--input", corpus + "," + missing, "--warehouse",
                TestSpark.tempDirectory("bad-input-missing").resolve("wh").toString());
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.err().strip()).hasLineCount(1)
                .startsWith("winnow: error [INPUT_NOT_FOUND]: Input path '" + missing + "' does not exist.")
                .contains("Fix or remove that entry of ingest.input (or --input)");
        CliOutcome glob = winnow("run", "--input", corpus + "/*.parquet", "--warehouse",
                TestSpark.tempDirectory("bad-input-glob").resolve("wh").toString());
        assertThat(glob.exitCode()).isEqualTo(3);
        assertThat(glob.err()).contains("Input path '" + corpus + "/*.parquet' does not exist", "a glob must match at least one file");
    }

    @Test
    void theRunWritesAnHtmlReportThatNamesEveryStageWithItsCountsAndHasValidPngCharts() throws IOException {
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        Path html = Path.of(firstWarehouse, "_reports", "report.html");
        assertThat(firstRun.out()).contains("HTML report: " + html);
        String page = Files.readString(html);
        List<StageResult> results = new RunLog(TestSpark.session(), new Warehouse(firstWarehouse).runLogPath()).all().stream()
                .filter(result -> result.runId().equals("bad-first")).toList();
        assertThat(results).hasSize(PIPELINE_STAGES.size());
        for (StageResult result : results) {
            StageCounts counts = result.counts();
            assertThat(page).as(result.stage()).contains(String.format("<td>%s</td><td>SUCCEEDED</td><td class=\"n\">%,d</td>"
                    + "<td class=\"n\">%,d</td><td class=\"n\">%,d</td><td class=\"n\">%,d</td>", result.stage(), counts.in(),
                    counts.kept(), counts.dropped(), counts.quarantined()));
        }
        assertThat(page).contains("Counts add up for every stage", "<h2>Quarantined rows by reason</h2>",
                "<td>invalid_utf8</td>", "<h2>Duplicate clusters</h2>", "<h2>Quality metrics</h2>")
                .doesNotContain("<h2>Embeddings</h2>", "<h2>Vocabulary and tokens</h2>");
        List<Path> charts;
        try (var files = Files.list(html.getParent())) {
            charts = files.filter(file -> file.getFileName().toString().endsWith(".png")).toList();
        }
        assertThat(charts).extracting(file -> file.getFileName().toString())
                .contains("report-stages.png", "report-quarantine.png", "report-exact-clusters.png");
        assertThat(charts.size()).as("stage, quarantine, clusters and quality metric charts").isGreaterThan(8);
        for (Path chart : charts) {
            assertThat(page).contains("<img src=\"" + chart.getFileName() + "\"");
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(chart.toFile());
            assertThat(image).as(chart.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(640);
        }

        Path elsewhere = TestSpark.tempDirectory("report").resolve("run.html");
        CliOutcome report = winnow("report", "--warehouse", firstWarehouse, "--html", elsewhere.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("## Winnow run bad-first", "HTML report: " + elsewhere);
        assertThat(elsewhere).exists();
        assertThat(elsewhere.resolveSibling("report-stages.png")).exists();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
