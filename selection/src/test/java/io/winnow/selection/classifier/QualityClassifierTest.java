package io.winnow.selection.classifier;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QualityClassifierTest {
    /**
     * Measured held-out ROC AUC with the default config: 0.872 (seed 42, 109 held-out documents);
     * other split seeds gave 0.856 and 0.920. 0.80 leaves room for that spread yet fails for a
     * broken pipeline (a constant or random score gives 0.5).
     */
    private static final double MINIMUM_AUC = 0.80;

    private static SparkSession spark;
    private static String labelled;
    private static QualityClassifierConfig config;
    private static QualityClassifierTrainingResult trained;

    @BeforeAll
    static void trainOnTheBundledDclmLabels() {
        spark = TestSpark.session();
        labelled = TestSpark.projectRoot().resolve("data/demo/quality/dclm-majority.jsonl").toString();
        config = QualityClassifierConfig.defaults().withInput(labelled)
                .withModel(TestSpark.tempDirectory("quality-model").resolve("model").toString());
        trained = QualityClassifierTrainer.train(spark, config);
        System.out.printf("DCLM majority labels: held-out ROC AUC %.4f (%d train, %d held out, %d positive)%n",
                trained.heldOutAuc(), trained.trainRows(), trained.heldOutRows(), trained.positives());
    }

    @Test
    void trainingOnTheDclmHumanLabelsRanksHeldOutDocumentsWellAboveChance() {
        assertThat(trained.trainRows() + trained.heldOutRows()).isEqualTo(499);
        assertThat(trained.positives()).isEqualTo(272);
        assertThat(trained.heldOutRows()).isBetween(70L, 130L);
        assertThat(trained.heldOutAuc()).isGreaterThan(MINIMUM_AUC);
        assertThat(trained.modelPath()).isEqualTo(config.model());
    }

    @Test
    void theSplitIsDeterministicSoRetrainingGivesTheSameAuc() {
        QualityClassifierConfig again = config.withModel(TestSpark.tempDirectory("quality-again").resolve("m").toString());
        QualityClassifierTrainingResult second = QualityClassifierTrainer.train(spark, again);
        assertThat(second.trainRows()).isEqualTo(trained.trainRows());
        assertThat(second.heldOutRows()).isEqualTo(trained.heldOutRows());
        assertThat(second.heldOutAuc()).isEqualTo(trained.heldOutAuc());
    }

    @Test
    void theSavedModelCarriesMetadataAndScoresExactlyAsTheModelInMemory() {
        QualityClassifierMetadata metadata = QualityClassifier.metadata(config.model());
        assertThat(metadata.trainingInput()).isEqualTo(labelled);
        assertThat(metadata.rows()).isEqualTo(499);
        assertThat(metadata.heldOutAuc()).isEqualTo(trained.heldOutAuc());
        assertThat(metadata.weighting()).isEqualTo("counts");
        assertThat(metadata.createdAt()).isNotBlank();

        QualityClassifier loaded = QualityClassifier.load(config.model());
        assertThat(QualityClassifier.load(config.model())).as("cached per JVM").isSameAs(loaded);
        Dataset<Row> documents = spark.read().json(labelled);
        List<Double> inMemory = scores(trained.classifier().score(documents, "text", "quality"));
        List<Double> fromDisk = scores(loaded.score(documents, "text", "quality"));
        assertThat(fromDisk).hasSize(499);
        for (int i = 0; i < inMemory.size(); i++) {
            assertThat(fromDisk.get(i)).isCloseTo(inMemory.get(i), within(1e-12));
        }
    }

    private static List<Double> scores(Dataset<Row> scored) {
        return scored.select("quality").collectAsList().stream().map(row -> row.getDouble(0)).toList();
    }

    @Test
    void everyDocumentOfTheDemoCorpusGetsAProbabilityAndKeepsItsColumns() {
        Dataset<Row> corpus = spark.read().json(TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl").toString());
        Dataset<Row> scored = trained.classifier().score(corpus, "text", "quality_score");
        assertThat(scored.columns()).containsExactly("text", "timestamp", "url", "quality_score");
        Row summary = scored.selectExpr("count(*)", "count(quality_score)", "min(quality_score)", "max(quality_score)",
                "avg(quality_score)").first();
        System.out.printf("C4 sample scores: %d rows, min %.4f, max %.4f, mean %.4f%n", summary.getLong(0),
                summary.getDouble(2), summary.getDouble(3), summary.getDouble(4));
        assertThat(summary.getLong(0)).isEqualTo(1000);
        assertThat(summary.getLong(1)).isEqualTo(1000);
        assertThat(summary.getDouble(2)).isGreaterThanOrEqualTo(0.0);
        assertThat(summary.getDouble(3)).isLessThanOrEqualTo(1.0);
        assertThat(summary.getDouble(3)).isGreaterThan(summary.getDouble(2));
    }

    @Test
    void aPositiveAndANegativeCorpusTrainTheSameModelAsTheirLabelledUnion() {
        Path directory = TestSpark.tempDirectory("two-corpora");
        Dataset<Row> rows = spark.read().json(labelled);
        String positive = directory.resolve("reference").toString();
        String negative = directory.resolve("crawl").toString();
        rows.filter(col("label").equalTo(1)).select("text").write().mode(SaveMode.Overwrite).json(positive);
        rows.filter(col("label").equalTo(0)).select("text").write().mode(SaveMode.Overwrite).json(negative);

        QualityClassifierTrainingResult result = QualityClassifierTrainer.train(spark,
                config.withTwoCorpora(positive, negative).withModel(directory.resolve("model").toString()));
        assertThat(result.positives()).isEqualTo(272);
        assertThat(result.heldOutRows()).as("the split hashes the text, not the row order").isEqualTo(trained.heldOutRows());
        assertThat(result.heldOutAuc()).isCloseTo(trained.heldOutAuc(), within(0.01));
        assertThat(QualityClassifier.metadata(result.modelPath()).trainingInput())
                .isEqualTo("positive: " + positive + ", negative: " + negative);
    }

    @Test
    void aMissingLabelFieldIsNamedWithTheFileAndItsFields() throws IOException {
        Path file = jsonl("no-label", "{\"text\": \"a good document\", \"quality\": 1}");
        assertThatThrownBy(() -> QualityClassifierTrainer.train(spark, config.withInput(file.toString())))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("Training input '" + file + "' has no field 'label' (its fields: quality, text)")
                .hasMessageContaining("quality-classifier.label-field")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.TABLE_SCHEMA_MISMATCH);
    }

    @Test
    void anInputWithOnlyOneClassCannotTrainAndSaysWhichLabelToCheck() throws IOException {
        Path file = jsonl("one-class", "{\"text\": \"first\", \"label\": 1}", "{\"text\": \"second\", \"label\": 1}",
                "{\"text\": \"third\", \"label\": 1}");
        assertThatThrownBy(() -> QualityClassifierTrainer.train(spark, config.withInput(file.toString())))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("All 3 labelled rows of training input '" + file + "' are positive (high quality)")
                .hasMessageContaining("quality-classifier.positive-label (now '1')")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_INVALID);
    }

    @Test
    void aPositiveLabelThatNeverOccursIsReportedAsAllNegative() throws IOException {
        Path file = jsonl("strings", "{\"text\": \"first\", \"label\": \"hq\"}", "{\"text\": \"second\", \"label\": \"lq\"}");
        assertThatThrownBy(() -> QualityClassifierTrainer.train(spark,
                config.withInput(file.toString()).withFields("text", "label", "good")))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("are negative (low quality)")
                .hasMessageContaining("(now 'good')");
    }

    @Test
    void aTrainingInputThatDoesNotExistIsNamed() {
        String missing = TestSpark.tempDirectory("missing").resolve("nothing.jsonl").toString();
        assertThatThrownBy(() -> QualityClassifierTrainer.train(spark, config.withInput(missing)))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Training input '" + missing + "' (quality-classifier.input) does not exist.")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND);
    }

    @Test
    void aMissingModelSaysHowToTrainOne() {
        String missing = TestSpark.tempDirectory("no-model").resolve("model").toString();
        assertThatThrownBy(() -> QualityClassifier.load(missing))
                .isInstanceOf(WinnowException.class)
                .hasMessage("No quality classifier model at '" + missing + "'. Train one with"
                        + " `winnow train-quality-classifier --input <labelled.jsonl> --model " + missing + "`.")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND);
    }

    @Test
    void aDirectoryThatIsNotAModelIsReportedAsCorrupt() throws IOException {
        Path directory = TestSpark.tempDirectory("corrupt-model");
        Files.writeString(directory.resolve("notes.txt"), "not a model");
        assertThatThrownBy(() -> QualityClassifier.load(directory.toString()))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("cannot be loaded")
                .hasMessageContaining("winnow train-quality-classifier")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_INVALID);
    }

    @Test
    void scoringATableWithoutTheTextColumnNamesTheColumnsItHas() {
        Dataset<Row> table = spark.range(3).toDF("doc_id");
        assertThatThrownBy(() -> trained.classifier().score(table, "text", "quality"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("has no column 'text' of type string (its columns: doc_id)");
    }

    private static Path jsonl(String name, String... lines) throws IOException {
        Path file = TestSpark.tempDirectory(name).resolve(name + ".jsonl");
        Files.write(file, List.of(lines));
        return file;
    }
}
