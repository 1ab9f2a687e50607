package io.winnow.tokenization;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VocabularyAnalysisTest {
    static final List<Integer> SIZES = List.of(500, 1000, 2000, 4000, 8000);
    static Path corpus;
    static Path tokenizersDir;

    @BeforeAll
    static void trainTheTokenizers() {
        corpus = TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl");
        tokenizersDir = TestSpark.tempDirectory("vocab-tokenizers");
        TokenizationJobs.trainTokenizers(TestSpark.session(), TestSpark.newRun(), TrainTokenizersConfig.defaults()
                .withInput(corpus.toString(), tokenizersDir.toString()).withVocabSizes(SIZES));
    }

    @Test
    void measuredTokensPerCharacterAtFiveSizesIsFittedAndPredictionsAreMadeWithBothCurves() throws Exception {
        RunContext run = TestSpark.newRun();
        Path plot = TestSpark.tempDirectory("vocab-plot").resolve("f_of_v.png");
        Path udhr = TestSpark.sharedData().resolve("multilingual/udhr2/udhr2.jsonl");
        VocabularyAnalysisConfig config = VocabularyAnalysisConfig.defaults()
                .withPaths(corpus.toString(), tokenizersDir.toString(), plot.toString(), udhr.toString());
        VocabularyAnalysis.Result result = TokenizationJobs.vocabAnalysis(TestSpark.session(), run, config);
        System.out.println(VocabularyAnalysis.report(result));

        assertThat(result.measurements()).extracting(VocabularyAnalysis.Measurement::vocabSize).isEqualTo(SIZES);
        double previous = Double.MAX_VALUE;
        for (VocabularyAnalysis.Measurement m : result.measurements()) {
            assertThat(m.tokensPerChar()).isLessThan(previous).isBetween(0.1, 1.0);
            assertThat(Math.abs(m.fitted() - m.tokensPerChar()) / m.tokensPerChar()).isLessThan(0.02);
            previous = m.tokensPerChar();
        }
        assertThat(result.predictions()).hasSize(3 * 2 * 3);
        // Approaches 1 and 3 (FLOPs budget) do not use f(V): same V with either curve.
        for (int i = 0; i < result.predictions().size(); i += 6) {
            assertThat(result.predictions().get(i + 3).vocabSize()).isEqualTo(result.predictions().get(i).vocabSize());
            assertThat(result.predictions().get(i + 5).vocabSize()).isEqualTo(result.predictions().get(i + 2).vocabSize());
        }
        Dataset<Row> table = DeltaTables.read(TestSpark.session(), result.outputPath(), "vocab-analysis");
        assertThat(table.where(col("kind").equalTo("measured")).count()).isEqualTo(5);
        assertThat(table.where(col("kind").equalTo("prediction")).count()).isEqualTo(18);
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        if (Files.isRegularFile(udhr)) {
            assertThat(result.multilingual()).extracting(VocabularyAnalysis.LanguageMeasurement::language)
                    .contains("eng", "deu", "cmn_hans", "hin");
            double english = result.multilingual().stream().filter(m -> m.language().equals("eng") && m.vocabSize() == 8000)
                    .findFirst().orElseThrow().tokensPerChar();
            double hindi = result.multilingual().stream().filter(m -> m.language().equals("hin") && m.vocabSize() == 8000)
                    .findFirst().orElseThrow().tokensPerChar();
            assertThat(hindi).isGreaterThan(english);
        } else {
            assertThat(result.multilingual()).isEmpty();
        }
    }

    @Test
    void theMultilingualComparisonIsSkippedCleanlyWhenTheDataIsAbsent() {
        VocabularyAnalysisConfig config = VocabularyAnalysisConfig.defaults()
                .withPaths(corpus.toString(), tokenizersDir.toString(), "unused.png", "/nonexistent/udhr2.jsonl");
        assertThat(VocabularyAnalysis.multilingual(config, VocabularyAnalysis.findTokenizers(tokenizersDir))).isEmpty();
    }

    @Test
    void theTokenizeStageWritesPerDocumentCountsAndCorpusTotalsAndQuarantinesNullText() {
        SparkSession spark = TestSpark.session();
        RunContext run = TestSpark.newRun();
        Dataset<Row> docs = spark.read().json(corpus.toString()).limit(100)
                .withColumn("doc_id", concat(lit("d"), monotonically_increasing_id().cast("string")))
                .withColumn("source", lit("c4"));
        docs = docs.withColumn("text", when(col("doc_id").equalTo("d7"), lit(null).cast("string")).otherwise(col("text")));
        DeltaTables.overwrite(DeltaTables.conform(DeltaTables.withMissingColumns(docs, io.winnow.core.table.Tables.DOCUMENT_SCHEMA),
                io.winnow.core.table.Tables.DOCUMENT_SCHEMA), run.warehouse().resolve("curated"));
        Path tokenizer = tokenizersDir.resolve("bpe-4000/tokenizer.json");
        StageResult result = TokenizationJobs.tokenize(spark, run, TokenizeConfig.defaults(tokenizer.toString()).withWriteIds(true));

        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(100);
        assertThat(result.counts().kept()).isEqualTo(99);
        assertThat(result.counts().quarantined()).isEqualTo(1);
        assertThat(result.counts().detail()).containsKeys("documents", "characters", "tokens", "tokens_per_million_characters");
        System.out.println("tokenize detail: " + result.counts().detail());
        Row first = DeltaTables.read(spark, run.warehouse().resolve("token_counts"), TokenizeJob.STAGE)
                .where(col("doc_id").equalTo("d0")).head();
        String text = docs.where(col("doc_id").equalTo("d0")).head().getAs("text");
        List<Integer> ids = first.getList(first.fieldIndex("token_ids"));
        assertThat(first.<Long>getAs("tokens")).isEqualTo((long) ids.size());
        HuggingFaceTokenizer djl = TokenizerCache.load(tokenizer);
        assertThat(djl.decode(ids.stream().mapToLong(Integer::longValue).toArray(), false)).isEqualTo(text);

        StageResult again = TokenizationJobs.tokenize(spark, run, TokenizeConfig.defaults(tokenizer.toString()).withWriteIds(true));
        assertThat(again.status()).isEqualTo(StageStatus.SKIPPED);
    }
}
