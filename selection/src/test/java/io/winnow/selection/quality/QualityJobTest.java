package io.winnow.selection.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.ingest.IngestConfig;
import io.winnow.core.ingest.IngestJob;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QualityJobTest {
    private final SparkSession spark = TestSpark.session();

    private static QualityConfig heuristicsOnly() {
        return QualityConfig.defaults().withTables(Tables.DOCUMENTS, QualityConfig.QUALITY_FILTERED, QualityConfig.QUALITY_METRICS)
                .withClassifier(ClassifierSettings.defaults().disabled());
    }

    @Test
    void theFilterChainOnTheBundledC4SampleRecordsEveryReasonAndItsCountsAddUp() {
        RunContext context = TestSpark.newRun();
        String sample = TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl").toString();
        IngestJob.run(spark, context, IngestConfig.defaults(sample));
        QualityConfig config = heuristicsOnly();

        StageResult result = QualityJob.run(spark, context, config);

        // The same chain in plain Java over the same texts gives the expected counts.
        List<Row> documents = DeltaTables.read(spark, context.warehouse().resolve(Tables.DOCUMENTS), "ingest")
                .select("doc_id", "text").collectAsList();
        QualityFilterChain chain = new QualityFilterChain(config.rules());
        Map<String, Long> expectedReasons = new HashMap<>();
        Map<String, String> expectedKeptText = new HashMap<>();
        for (Row document : documents) {
            QualityAssessment assessment = chain.assess(document.getString(1));
            assessment.reasons().forEach(reason -> expectedReasons.merge("reason." + reason, 1L, Long::sum));
            if (assessment.passed()) {
                expectedKeptText.put(document.getString(0), assessment.text());
            }
        }
        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(1000);
        assertThat(result.counts().kept()).isEqualTo(expectedKeptText.size()).isBetween(600L, 900L);
        assertThat(result.counts().dropped()).isEqualTo(1000 - expectedKeptText.size());
        assertThat(result.counts().quarantined()).isZero();
        Map<String, Long> reasons = new HashMap<>();
        result.counts().detail().forEach((key, value) -> {
            if (key.startsWith("reason.")) {
                reasons.put(key, value);
            }
        });
        assertThat(reasons).isEqualTo(expectedReasons).containsKeys("reason." + GopherQualityFilter.TOO_FEW_WORDS,
                "reason." + C4QualityFilter.TOO_FEW_SENTENCES, "reason." + GopherRepetitionFilter.topNgramReason(4));

        Map<String, String> keptText = new HashMap<>();
        DeltaTables.read(spark, context.warehouse().resolve(config.output()), "quality").select("doc_id", "text")
                .collectAsList().forEach(row -> keptText.put(row.getString(0), row.getString(1)));
        assertThat(keptText).isEqualTo(expectedKeptText);

        Dataset<Row> metrics = DeltaTables.read(spark, context.warehouse().resolve(config.metrics()), "quality");
        assertThat(metrics.count()).isEqualTo(1000);
        assertThat(metrics.where(col("kept").equalTo(false).and(size(col("reasons")).equalTo(0))).count()).isZero();
        assertThat(metrics.where(col("metrics").getItem("mean_word_length").isNull()).count()).isZero();

        // The run log row holds the same per-reason counts, and an unchanged rerun is skipped.
        Row logged = spark.read().format("delta").load(context.warehouse().runLogPath())
                .where(col("stage").equalTo("quality")).head();
        Map<String, Long> loggedCounts = logged.getJavaMap(logged.fieldIndex("counts"));
        assertThat(loggedCounts).containsAllEntriesOf(reasons);
        assertThat(QualityJob.run(spark, context, config).status()).isEqualTo(StageStatus.SKIPPED);
    }

    @Test
    void documentsWithoutTextAreQuarantinedAndCounted() {
        RunContext context = TestSpark.newRun();
        String text = "This is a document that does not matter much for this test because it has no text problems.";
        List<Row> rows = List.of(
                RowFactory.create("a", "test", text, null, RowValues.map(Map.of()), "f.jsonl", 1L),
                RowFactory.create("b", "test", null, null, RowValues.map(Map.of()), "f.jsonl", 2L));
        StructType nullable = DataTypes.createStructType(Arrays.stream(Tables.DOCUMENT_SCHEMA.fields())
                .map(field -> DataTypes.createStructField(field.name(), field.dataType(), true)).toList());
        DeltaTables.overwrite(spark.createDataFrame(rows, nullable), context.warehouse().resolve(Tables.DOCUMENTS));

        StageResult result = QualityJob.run(spark, context, heuristicsOnly());

        assertThat(result.counts().in()).isEqualTo(2);
        assertThat(result.counts().quarantined()).isEqualTo(1);
        assertThat(result.counts().dropped()).isEqualTo(1);
        Row quarantined = DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), "quality")
                .where(col("stage").equalTo("quality")).head();
        assertThat(quarantined.getAs("reason").toString()).isEqualTo("missing_text");
        assertThat(quarantined.getAs("doc_id").toString()).isEqualTo("b");
    }
}
