package io.winnow.batchinfer;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
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

class InferJobTest {
    private final SparkSession spark = TestSpark.session();

    static List<String> texts(int count) {
        List<String> texts = new ArrayList<>(StsSentences.directory()
                .map(directory -> StsSentences.sentences(directory, count))
                .orElse(List.of()));
        for (int i = 0; texts.size() < count; i++) {
            texts.add(TextEncoderTest.SENTENCES.get(i % TextEncoderTest.SENTENCES.size()) + " (" + i + ")");
        }
        return texts;
    }

    private RunContext warehouseWith(String table, List<Row> documents) {
        RunContext context = TestSpark.newRun();
        // Nullable columns: a table that did not come from ingest may hold null ids and texts.
        DeltaTables.overwrite(spark.createDataFrame(documents, Tables.DOCUMENT_SCHEMA.asNullable()),
                context.warehouse().resolve(table));
        return context;
    }

    private static Row doc(String id, String text) {
        return RowFactory.create(id, "test", text, null, RowValues.map(Map.of()), "a.jsonl", 1L);
    }

    private static List<Row> documents(List<String> texts) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(doc(String.format("d%04d", i), texts.get(i)));
        }
        return rows;
    }

    private Map<String, float[]> embeddings(RunContext context, String table) {
        Map<String, float[]> out = new HashMap<>();
        for (Row row : DeltaTables.read(spark, context.warehouse().resolve(table), InferJob.STAGE).collectAsList()) {
            List<Float> values = row.getList(row.fieldIndex("embedding"));
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
            out.put(row.getString(0), vector);
        }
        return out;
    }

    @Test
    void miniLmOnExecutorsMatchesTheSingleProcessEncoderAndInt8StaysClose() {
        List<String> texts = texts(300);
        RunContext context = warehouseWith("curated", documents(texts));
        InferConfig fp32 = InferConfig.defaults();
        StageResult result = InferJob.run(spark, context, fp32);

        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(300);
        assertThat(result.counts().kept()).isEqualTo(300);
        assertThat(result.counts().detail()).containsKeys("tokens", "padded_tokens", "batches", "truncated", "padding_ppm");
        assertThat(result.counts().detail().get("tokens")).isPositive();
        // ~150 texts a partition in batches of 64: sorted batches still span a few lengths (12.5% measured);
        // BatchPlannerTest compares against unsorted batches.
        assertThat(result.counts().detail().get("padding_ppm")).isLessThan(200_000L);

        Row first = DeltaTables.read(spark, context.warehouse().resolve("embeddings"), InferJob.STAGE)
                .orderBy("doc_id").first();
        assertThat(first.schema()).isEqualTo(InferJob.OUTPUT_SCHEMA.asNullable()); // Delta reads every column back as nullable
        assertThat(first.getInt(2)).isEqualTo(384);
        assertThat(first.getString(3)).isEqualTo("all-minilm-l6-v2");
        assertThat(first.getString(4)).isEqualTo("fp32");
        assertThat(first.getString(5)).isEqualTo(context.runId());

        Map<String, float[]> onExecutors = embeddings(context, "embeddings");
        float[][] expected;
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2"), EncoderOptions.defaults(2))) {
            expected = encoder.encode(texts);
        }
        double worst = 1.0;
        for (int i = 0; i < texts.size(); i++) {
            worst = Math.min(worst, Vectors.cosine(expected[i], onExecutors.get(String.format("d%04d", i))));
        }
        assertThat(worst).isGreaterThanOrEqualTo(0.9999);

        InferJob.run(spark, context, fp32.withModel("all-minilm-l6-v2-int8", null, null).withTables("curated", "embeddings_int8"));
        Map<String, float[]> int8 = embeddings(context, "embeddings_int8");
        double sum = 0;
        double lowest = 1.0;
        for (Map.Entry<String, float[]> entry : onExecutors.entrySet()) {
            double cosine = Vectors.cosine(entry.getValue(), int8.get(entry.getKey()));
            sum += cosine;
            lowest = Math.min(lowest, cosine);
        }
        System.out.printf("int8 vs fp32 cosine over %d texts: mean %.4f, min %.4f%n", int8.size(), sum / int8.size(), lowest);
        // Measured on 300 STS-B sentences: mean 0.9922, min 0.9880 (dynamic int8 MatMulInteger quantisation).
        // Bounds leave ~0.01 of margin for other sentences (the bundled fallback) and ORT kernel differences.
        assertThat(sum / int8.size()).isGreaterThanOrEqualTo(0.985);
        assertThat(lowest).isGreaterThanOrEqualTo(0.975);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve("embeddings_int8"), InferJob.STAGE)
                .select("precision").distinct().collectAsList()).extracting(row -> row.getString(0)).containsExactly("int8");
    }

    @Test
    void nullTextsAreQuarantinedCountsAddUpAndARerunIsSkipped() {
        List<Row> rows = new ArrayList<>(documents(texts(10)));
        rows.add(doc("no-text", null));
        rows.add(doc(null, "a text without an id"));
        RunContext context = warehouseWith("curated", rows);

        StageResult result = InferJob.run(spark, context, InferConfig.defaults());
        assertThat(result.counts().in()).isEqualTo(12);
        assertThat(result.counts().kept()).isEqualTo(10);
        assertThat(result.counts().dropped()).isZero();
        assertThat(result.counts().quarantined()).isEqualTo(2);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), InferJob.STAGE)
                .where(col("stage").equalTo(InferJob.STAGE)).select("reason").orderBy("reason").collectAsList())
                .extracting(row -> row.getString(0)).containsExactly("missing_doc_id", "missing_text");

        StageResult rerun = InferJob.run(spark, context, InferConfig.defaults());
        assertThat(rerun.status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(rerun.counts()).isEqualTo(result.counts());
    }

    @Test
    void configuredIdAndTextColumnsAreRead() {
        RunContext context = TestSpark.newRun();
        spark.createDataFrame(List.of(RowFactory.create("k1", "A dog catches a frisbee."),
                        RowFactory.create("k2", "Cats sleep.")),
                new org.apache.spark.sql.types.StructType().add("key", "string").add("body", "string"))
                .write().format("delta").save(context.warehouse().resolve("notes"));
        InferConfig config = InferConfig.defaults().withTables("notes", "note_vectors").withColumns("key", "body")
                .withModel("bge-small-en-v1.5", null, null);
        StageResult result = InferJob.run(spark, context, config);
        assertThat(result.counts().kept()).isEqualTo(2);
        Map<String, float[]> vectors = embeddings(context, "note_vectors");
        assertThat(vectors).containsOnlyKeys("k1", "k2");
        assertThat(Vectors.norm(vectors.get("k1"))).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void aMissingTextColumnNamesTheColumnsThereAre() {
        RunContext context = warehouseWith("curated", documents(texts(2)));
        InferConfig config = InferConfig.defaults().withColumns("doc_id", "content");
        assertThatThrownBy(() -> InferJob.run(spark, context, config))
                .isInstanceOf(WinnowException.class)
                .hasMessage("Table '" + context.warehouse().resolve("curated") + "' has no column 'content' of type string"
                        + " (its columns: doc_id, source, text, url, meta, source_file, source_line). Point the stage at a"
                        + " table with that column or configure the column name.")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.TABLE_SCHEMA_MISMATCH);
    }

    @Test
    void aMissingModelFailsBeforeAnyWorkWithTheFix() {
        RunContext context = warehouseWith("curated", documents(texts(2)));
        InferConfig config = InferConfig.defaults().withModel("/no/such/model", null, null);
        assertThatThrownBy(() -> InferJob.run(spark, context, config))
                .isInstanceOf(WinnowException.class)
                .hasMessageStartingWith("Model '/no/such/model' is neither a built-in model (all-minilm-l6-v2,"
                        + " all-minilm-l6-v2-int8, bge-small-en-v1.5, bge-small-en-v1.5-int8) nor an existing file or folder.")
                .hasMessageContaining("a model URI (a local path, file:, hdfs:// or s3a://)")
                .extracting(e -> ((WinnowException) e).errorCode()).isEqualTo(ErrorCode.INPUT_NOT_FOUND);
    }
}
