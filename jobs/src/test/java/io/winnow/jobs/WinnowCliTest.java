package io.winnow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.config.YamlConfigLoader;
import io.winnow.core.ingest.IngestConfig;
import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.testing.TestSpark;
import io.winnow.dedup.exact.ExactDedupConfig;
import io.winnow.dedup.fuzzy.FuzzyDedupConfig;
import io.winnow.jobs.pipeline.PipelineConfig;
import io.winnow.jobs.pipeline.SparkSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinnowCliTest {
    private static final Path ROOT = TestSpark.projectRoot();
    private static final String DEMO = ROOT.resolve("data/demo/corpus").toString();

    private final SparkSession spark = TestSpark.session();

    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome winnow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Outcome help = winnow("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("run ", "ingest ", "exact-dedup ", "fuzzy-dedup ", "quality ", "decontaminate ",
                        "train-quality-classifier ", "train-tokenizers ", "tokenize ", "vocab-analysis ", "infer ", "quantize ",
                        "embed ", "sts-eval ", "semantic-dedup ", "select ", "report ",
                        "show-config ")
                .contains("Start with `winnow run`")
                .contains("Exit codes: 0 ok, 1 stage failed, 2 bad config or options, 3 bad input or missing table.");
        assertThat(winnow("run", "--help").out()).contains("--input=PATH", "--config=FILE", "--warehouse=DIR", "--force");
    }

    @Test
    void theShippedExampleConfigIsValidAndEqualsTheBuiltInDefaults() {
        PipelineConfig shipped = PipelineConfig.fromConfig(YamlConfigLoader.load(ROOT.resolve("conf/winnow.yaml")));
        PipelineConfig builtIn = PipelineConfig.fromConfig(YamlConfigLoader.parse("defaults", ""));
        assertThat(shipped).isEqualTo(builtIn);
        assertThat(builtIn.warehouse()).isEqualTo("./warehouse");
        assertThat(builtIn.spark()).isEqualTo(new SparkSettings("local", null, Map.of()));
        assertThat(builtIn.ingest()).isEqualTo(IngestConfig.defaults("data/demo/corpus"));
        assertThat(builtIn.exactDedup()).isEqualTo(ExactDedupConfig.defaults());
        assertThat(builtIn.fuzzyDedup()).isEqualTo(FuzzyDedupConfig.defaults());
    }

    @Test
    void aBadConfigKeyExitsWithCodeTwoAndAOneLineCauseAndFix(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("bad.yaml");
        Files.writeString(config, "ingest:\n  inptu: x\n");
        Outcome outcome = winnow("run", "--config", config.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip()).hasLineCount(1)
                .startsWith("winnow: error [CONFIG_INVALID]: Unknown key 'ingest.inptu' in " + config
                        + ". Did you mean 'ingest.input'?")
                .endsWith("Fix the spelling or remove the key.");
    }

    @Test
    void anUnknownStageNameListsTheStagesThatExist() {
        Outcome outcome = winnow("show-config", "--stages", "ingest,fuzzy");
        assertThat(outcome.exitCode()).isEqualTo(2).as("picocli rejects the unknown option for show-config");
        Outcome run = winnow("run", "--stages", "ingest,polish", "--warehouse", TestSpark.tempDirectory("w").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Bad value for 'pipeline.stages'", "got 'polish'",
                "Allowed values: ingest, exact-dedup, fuzzy-dedup, quality, decontaminate, tokenize, infer, embed, semantic-dedup, select");
    }

    @Test
    void aMissingInputExitsWithCodeThree(@TempDir Path directory) {
        Outcome outcome = winnow("run", "--input", directory.resolve("nothing-here").toString(), "--warehouse",
                directory.resolve("wh").toString());
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.err()).startsWith("winnow: error [INPUT_NOT_FOUND]: Input path '");
    }

    @Test
    void runOnTheDemoCorpusWritesTablesWhoseCountsAddUpAndRerunsChangeNothing(@TempDir Path directory) {
        String warehouse = directory.resolve("wh").toString();
        Outcome first = winnow("run", "--input", DEMO, "--warehouse", warehouse, "--run-id", "first");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("ingest        SUCCEEDED in=1,403 kept=1,399 dropped=0 quarantined=4")
                .contains("exact_dedup   SUCCEEDED in=1,399 kept=1,334 dropped=65 quarantined=0")
                .contains("fuzzy_dedup   SUCCEEDED in=1,334 kept=1,319 dropped=15 quarantined=0")
                .contains("quality       SUCCEEDED in=1,319 kept=961 dropped=358 quarantined=0")
                .contains("decontaminate SUCCEEDED in=961 kept=961 dropped=0 quarantined=0")
                .contains("Counts add up for every stage")
                .contains("Report saved to " + warehouse + "/_reports/first.md");
        assertThat(Path.of(warehouse, "_reports", "first.md")).exists();

        Warehouse tables = new Warehouse(warehouse);
        List<Row> kept = DeltaTables.read(spark, tables.resolve("exact_deduped"), "x").orderBy("doc_id").collectAsList();
        assertThat(kept).hasSize(1_334);
        assertThat(DeltaTables.read(spark, tables.resolve("quarantine"), "x").count()).isEqualTo(4);
        assertThat(new RunLog(spark, tables.runLogPath()).all()).extracting(StageResult::runId, StageResult::stage)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("first", "ingest"),
                        org.assertj.core.groups.Tuple.tuple("first", "exact_dedup"),
                        org.assertj.core.groups.Tuple.tuple("first", "fuzzy_dedup"),
                        org.assertj.core.groups.Tuple.tuple("first", "quality"),
                        org.assertj.core.groups.Tuple.tuple("first", "decontaminate"));
        assertThat(DeltaTables.read(spark, tables.resolve("contamination"), "x").select("task").distinct().collectAsList())
                .extracting(row -> row.getString(0)).as("questions planted in data/demo/corpus/contaminated.jsonl")
                .containsExactlyInAnyOrder("gsm8k", "mmlu/world_religions");
        assertThat(DeltaTables.read(spark, tables.resolve("fuzzy_duplicates"), "x").select("doc_id").distinct().count())
                .as("the 15 planted near-duplicates of the demo corpus").isEqualTo(15);

        Outcome second = winnow("run", "--input", DEMO, "--warehouse", warehouse, "--run-id", "second");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("ingest        SKIPPED").contains("exact_dedup   SKIPPED")
                .contains("fuzzy_dedup   SKIPPED").contains("quality       SKIPPED").contains("decontaminate SKIPPED");

        // A forced rerun of the first two stages (all five would only cost CI time: the rewrite logic is shared).
        Outcome forced = winnow("run", "--input", DEMO, "--warehouse", warehouse, "--run-id", "third", "--force",
                "--stages", "ingest,exact-dedup");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).contains("ingest        SUCCEEDED").contains("exact_dedup   SUCCEEDED");
        assertThat(DeltaTables.read(spark, tables.resolve("exact_deduped"), "x").orderBy("doc_id").collectAsList())
                .as("a forced rerun rewrites the same contents, no duplicates").isEqualTo(kept);
        assertThat(DeltaTables.read(spark, tables.resolve("quarantine"), "x").count()).isEqualTo(4);
        assertThat(new RunLog(spark, tables.runLogPath()).all()).hasSize(12)
                .filteredOn(r -> r.runId().equals("second")).extracting(StageResult::status).containsOnly(StageStatus.SKIPPED);

        Outcome report = winnow("report", "--warehouse", warehouse);
        assertThat(report.exitCode()).isZero();
        assertThat(report.out()).contains("## Winnow run third").contains("| ingest        | SUCCEEDED |      1,403 |");
    }

    @Test
    void singleStageCommandsChainThroughTables(@TempDir Path directory) {
        String warehouse = directory.resolve("wh").toString();
        Outcome ingest = winnow("ingest", "--input", DEMO + "/reposts.jsonl", "--warehouse", warehouse, "--source", "reposts");
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("ingest        SUCCEEDED in=84 kept=80 dropped=0 quarantined=4");
        Outcome dedup = winnow("exact-dedup", "--warehouse", warehouse, "--line-dedup", "line");
        assertThat(dedup.exitCode()).as(dedup.err()).isZero();
        assertThat(dedup.out()).contains("exact_dedup   SUCCEEDED in=80").contains("lines_removed=");
    }

    @Test
    void qualityScoresEveryDocumentAndTheThresholdPolicyDropsLowScores(@TempDir Path directory) {
        String warehouse = directory.resolve("wh").toString();
        Outcome train = winnow("train-quality-classifier", "--warehouse", warehouse);
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("Held-out ROC AUC: 0.87").contains("Model saved to " + warehouse + "/_quality_classifier");

        assertThat(winnow("ingest", "--input", DEMO + "/c4-en-sample.jsonl", "--warehouse", warehouse).exitCode()).isZero();
        Outcome quality = winnow("quality", "--input", "documents", "--warehouse", warehouse,
                "--classifier-policy", "threshold", "--classifier-threshold", "0.5");
        assertThat(quality.exitCode()).as(quality.err()).isZero();
        assertThat(quality.out()).contains("quality       SUCCEEDED in=1,000").contains("reason.classifier_below_threshold=");

        Dataset<Row> metrics = DeltaTables.read(spark, new Warehouse(warehouse).resolve("quality_metrics"), "x");
        assertThat(metrics.count()).isEqualTo(1_000);
        assertThat(metrics.where("quality_score IS NULL OR quality_score < 0 OR quality_score > 1").count()).isZero();
        assertThat(metrics.where("quality_score < 0.5 AND kept").count()).isZero();
        assertThat(metrics.where("quality_score < 0.5 AND NOT array_contains(reasons, 'classifier_below_threshold')").count())
                .isZero();

        Outcome decontaminate = winnow("decontaminate", "--input", "quality_filtered", "--warehouse", warehouse);
        assertThat(decontaminate.exitCode()).as(decontaminate.err()).isZero();
        assertThat(decontaminate.out()).contains("decontaminate SUCCEEDED").contains("contaminated_documents=0");
    }

    @Test
    void tokenizersAreTrainedAnalysedAndUsedUnderOneWarehouse(@TempDir Path directory) {
        String warehouse = directory.resolve("wh").toString();
        String corpus = DEMO + "/c4-en-sample.jsonl";
        Outcome train = winnow("train-tokenizers", "--input", corpus, "--sizes", "300,600,1200", "--warehouse", warehouse);
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("Trained on 1,000 documents").contains(warehouse + "/_tokenizers/bpe-1200/tokenizer.json");

        Outcome analysis = winnow("vocab-analysis", "--input", corpus, "--warehouse", warehouse, "--non-vocab-params", "7e9");
        assertThat(analysis.exitCode()).as(analysis.err()).isZero();
        assertThat(analysis.out()).contains("fitted: a=").contains("7.00e+09").contains("Plot: " + warehouse + "/_reports/vocab_analysis.png");
        assertThat(Path.of(warehouse, "_reports", "vocab_analysis.png")).isNotEmptyFile();

        assertThat(winnow("ingest", "--input", corpus, "--warehouse", warehouse).exitCode()).isZero();
        Outcome tokenize = winnow("tokenize", "--input", "documents", "--tokenizer", "_tokenizers/bpe-1200", "--warehouse", warehouse);
        assertThat(tokenize.exitCode()).as(tokenize.err()).isZero();
        assertThat(tokenize.out()).contains("tokenize      SUCCEEDED in=1,000 kept=1,000 dropped=0 quarantined=0");
        assertThat(DeltaTables.read(spark, new Warehouse(warehouse).resolve("token_counts"), "x")
                .where("tokens <= 0 OR tokens >= characters").count()).isZero();
    }

    @Test
    void inferWritesOneNormalisedEmbeddingPerDocumentWithTheBuiltInInt8Model(@TempDir Path directory) {
        String warehouse = directory.resolve("wh").toString();
        assertThat(winnow("ingest", "--input", DEMO + "/reposts.jsonl", "--warehouse", warehouse).exitCode()).isZero();
        Outcome infer = winnow("infer", "--input", "documents", "--model", "all-minilm-l6-v2-int8", "--warehouse", warehouse);
        assertThat(infer.exitCode()).as(infer.err()).isZero();
        assertThat(infer.out()).contains("infer         SUCCEEDED in=80 kept=80 dropped=0 quarantined=0");
        List<Row> rows = DeltaTables.read(spark, new Warehouse(warehouse).resolve("embeddings"), "x")
                .selectExpr("dim", "precision", "aggregate(embedding, 0D, (acc, x) -> acc + x * x) AS norm2").collectAsList();
        assertThat(rows).hasSize(80).allSatisfy(row -> {
            assertThat(row.getInt(0)).isEqualTo(384);
            assertThat(row.getString(1)).isEqualTo("int8");
            assertThat(row.getDouble(2)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        });
        Outcome missing = winnow("infer", "--input", "documents", "--model", directory.resolve("no-model").toString(),
                "--warehouse", warehouse);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no-model");
    }

    @Test
    void quantizeWritesAnInt8ModelAQuarterTheSizeAndReportsItsQualityCost(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("minilm-int8.onnx");
        Outcome quantize = winnow("quantize", "--output", output.toString(), "--sts-pairs", "100");
        assertThat(quantize.exitCode()).as(quantize.err()).isZero();
        assertThat(quantize.out()).contains("int8: ").contains("36 MatMul").contains("cosine to fp32").contains("STS-B dev Spearman");
        long original = 90_387_606L; // all-minilm-l6-v2.onnx, the built-in fp32 model
        assertThat(java.nio.file.Files.size(output)).isLessThan(original / 3);
        assertThat(directory.resolve("minilm-int8-tokenizer.json")).isNotEmptyFile();
        Outcome bad = winnow("quantize", "--model", ROOT.resolve("README.md").toString(), "--output", output.toString());
        assertThat(bad.exitCode()).isEqualTo(3);
    }

    @Test
    void stsEvalNamesTheFileItEvaluatedAndEnforcesItsPairLimit(@TempDir Path directory) throws Exception {
        Path csv = java.nio.file.Files.writeString(directory.resolve("my-sts.csv"), String.join("\n",
                "A man is playing a guitar.,A man plays the guitar.,4.8",
                "A woman is slicing an onion.,A woman cuts an onion.,4.6",
                "Two dogs run in the snow.,A cat sleeps on a sofa.,0.4",
                "The stock market fell today.,Shares dropped sharply today.,3.9",
                "A child is reading a book.,A man is driving a truck.,0.2",
                "Kids play football in the park.,Children are playing soccer outside.,4.2", ""));
        Outcome evaluated = winnow("sts-eval", "--model", "all-minilm-l6-v2-int8", "--layers", "6", "--dims", "64,384",
                "--pairs", "6", "--sts", csv.toString(), "--heatmap", directory.resolve("h.png").toString());
        assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("my-sts.csv Spearman(cosine), all-minilm-l6-v2-int8, mean pooling, 6 pairs")
                .doesNotContain("STS-B dev");
        Outcome tooMany = winnow("sts-eval", "--pairs", "1501", "--sts", csv.toString());
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--pairs is 1501, but it must be a whole number from 1 to 1500");
    }

    @Test
    void lshParamsPicksBandsAndRowsAndPrintsTheSCurve() {
        Outcome outcome = winnow("lsh-params", "--threshold", "0.7", "--hashes", "250");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("bands x rows = 25 x 10 (250 hashes)").contains("| 0.95 |")
                .contains("fuzzy-dedup.lsh.bands: 25, fuzzy-dedup.lsh.rows: 10");
        assertThat(winnow("lsh-params", "--bands", "20", "--rows", "13").out()).contains("| 0.80 | 0.6")
                .contains("threshold ~ 0.794");
    }
}
