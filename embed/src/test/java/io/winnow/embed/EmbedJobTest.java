package io.winnow.embed;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Granularity;
import io.winnow.batchinfer.Matryoshka;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.TextEncoder;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.batchinfer.ModelSpec;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class EmbedJobTest {
    private static final List<Granularity> SIZES = List.of(new Granularity(2, 64), new Granularity(4, 128),
            new Granularity(6, 384));
    private static final List<String> SENTENCES = List.of(
            "A man is playing a guitar on the street.",
            "Two dogs run across a snowy field.",
            "The stock market fell sharply after the announcement.",
            "She is slicing tomatoes for a salad.");
    private final SparkSession spark = TestSpark.session();

    private static List<String> texts(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(SENTENCES.get(i % SENTENCES.size()) + " Variant number " + i + ".");
        }
        return texts;
    }

    private static Row doc(String id, String text) {
        return RowFactory.create(id, "test", text, null, RowValues.map(Map.of()), "a.jsonl", 1L);
    }

    private RunContext warehouseWith(List<Row> documents) {
        RunContext context = TestSpark.newRun();
        DeltaTables.overwrite(spark.createDataFrame(documents, Tables.DOCUMENT_SCHEMA.asNullable()),
                context.warehouse().resolve("curated"));
        return context;
    }

    @Test
    void onExecutorsEveryDocumentGetsOneRowPerGranularityMatchingTheSingleProcessEncoder() {
        List<String> texts = texts(40);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(doc(String.format("d%03d", i), texts.get(i)));
        }
        RunContext context = warehouseWith(rows);
        EmbedConfig config = EmbedConfig.defaults().withGranularities(SIZES);
        StageResult result = EmbedJob.run(spark, context, config);

        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(40);
        assertThat(result.counts().kept()).isEqualTo(40);
        assertThat(result.counts().detail()).containsEntry("vectors", 120L).containsEntry("granularities", 3L);
        List<Row> written = DeltaTables.read(spark, context.warehouse().resolve("matryoshka_embeddings"), EmbedJob.STAGE)
                .collectAsList();
        assertThat(written).hasSize(120);
        assertThat(written.get(0).schema()).isEqualTo(EmbedJob.OUTPUT_SCHEMA.asNullable());
        assertThat(DeltaTables.read(spark, context.warehouse().resolve("matryoshka_embeddings"), EmbedJob.STAGE)
                .groupBy("doc_id", "layer", "dim").count().where(col("count").notEqual(1)).count()).isZero();

        Map<Granularity, float[][]> expected;
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2"),
                EncoderOptions.defaults(2).withGranularities(SIZES))) {
            expected = encoder.encodeGranularities(texts);
        }
        Map<String, Row> byKey = new HashMap<>();
        for (Row row : written) {
            byKey.put(row.getString(0) + "@" + row.getInt(2) + ":" + row.getInt(3), row);
        }
        double worst = 1.0;
        for (Granularity size : SIZES) {
            for (int i = 0; i < texts.size(); i++) {
                Row row = byKey.get(String.format("d%03d", i) + "@" + size);
                assertThat(row.getString(1)).isEqualTo("all-minilm-l6-v2");
                assertThat(row.getString(4)).isEqualTo("mean");
                assertThat(row.getString(6)).isEqualTo(context.runId());
                List<Float> values = row.getList(5);
                assertThat(values).hasSize(size.dim());
                float[] vector = new float[values.size()];
                for (int k = 0; k < vector.length; k++) {
                    vector[k] = values.get(k);
                }
                worst = Math.min(worst, Matryoshka.dot(vector, expected.get(size)[i]));
            }
        }
        assertThat(worst).isGreaterThanOrEqualTo(0.9999);
    }

    @Test
    void nullTextsAreQuarantinedCountsAddUpAndARerunIsSkipped() {
        List<Row> rows = new ArrayList<>();
        List<String> texts = texts(6);
        for (int i = 0; i < texts.size(); i++) {
            rows.add(doc("d" + i, texts.get(i)));
        }
        rows.add(doc("no-text", null));
        rows.add(doc(null, "a text without an id"));
        RunContext context = warehouseWith(rows);
        EmbedConfig config = EmbedConfig.defaults().withModel("all-minilm-l6-v2-int8", Pooling.WEIGHTED_MEAN)
                .withPreset(Preset.STARBUCKS);

        StageResult result = EmbedJob.run(spark, context, config);
        assertThat(result.counts().in()).isEqualTo(8);
        assertThat(result.counts().kept()).isEqualTo(6);
        assertThat(result.counts().dropped()).isZero();
        assertThat(result.counts().quarantined()).isEqualTo(2);
        assertThat(result.counts().in()).isEqualTo(result.counts().kept() + result.counts().dropped()
                + result.counts().quarantined());
        assertThat(result.counts().detail()).containsEntry("vectors", 36L);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), EmbedJob.STAGE)
                .where(col("stage").equalTo(EmbedJob.STAGE)).select("reason").orderBy("reason").collectAsList())
                .extracting(row -> row.getString(0)).containsExactly("missing_doc_id", "missing_text");
        assertThat(DeltaTables.read(spark, context.warehouse().resolve("matryoshka_embeddings"), EmbedJob.STAGE)
                .select("layer", "dim", "pooling").distinct().orderBy("layer").collectAsList())
                .extracting(Row::toString)
                .containsExactly("[1,16,weighted-mean]", "[2,32,weighted-mean]", "[3,64,weighted-mean]",
                        "[4,128,weighted-mean]", "[5,256,weighted-mean]", "[6,384,weighted-mean]");

        StageResult rerun = EmbedJob.run(spark, context, config);
        assertThat(rerun.status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(rerun.counts()).isEqualTo(result.counts());
    }
}
