package io.winnow.dedup.exact;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.RunLog;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import io.winnow.core.text.NormalizationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ExactDedupJobTest {
    private final SparkSession spark = TestSpark.session();

    private static Row doc(String id, String text) {
        return doc(id, text, "a.jsonl", 1L);
    }

    private static Row doc(String id, String text, String file, Long line) {
        return RowFactory.create(id, "test", text, null, RowValues.map(Map.of()), file, line);
    }

    private RunContext warehouseWith(List<Row> documents) {
        RunContext context = TestSpark.newRun();
        DeltaTables.overwrite(spark.createDataFrame(documents, Tables.DOCUMENT_SCHEMA), context.warehouse().resolve(Tables.DOCUMENTS));
        return context;
    }

    private List<String> keptIds(RunContext context, ExactDedupConfig config) {
        return DeltaTables.read(spark, context.warehouse().resolve(config.output()), "exact_dedup")
                .orderBy("doc_id").select("doc_id").as(Encoders.STRING()).collectAsList();
    }

    private List<Row> duplicates(RunContext context) {
        return DeltaTables.read(spark, context.warehouse().resolve(Tables.EXACT_DUPLICATES), "exact_dedup")
                .orderBy("doc_id").collectAsList();
    }

    private static final List<Row> VARIANTS = List.of(
            doc("d1", "The cat sat on the mat."),
            doc("d2", "The cat sat on the mat."),
            doc("d3", "  the CAT sat\non the   mat.  "),
            doc("d4", "The cat sat on the mat"),
            doc("d5", "The cat sat on 2 mats."),
            doc("d6", "The cat sat on 3 mats."),
            doc("d7", "Something else entirely."));

    @Test
    void withoutNormalisationOnlyByteIdenticalTextsAreDuplicates() {
        RunContext context = warehouseWith(VARIANTS);
        ExactDedupConfig config = ExactDedupConfig.defaults().withNormalization(NormalizationOptions.NONE);
        StageResult result = ExactDedupJob.run(spark, context, config);

        assertThat(keptIds(context, config)).containsExactly("d1", "d3", "d4", "d5", "d6", "d7");
        assertThat(duplicates(context)).extracting(r -> r.getString(0), r -> r.getString(2), r -> r.getLong(3), r -> r.getString(4))
                .containsExactly(tuple("d2", "d1", 2L, "duplicate_document"));
        assertThat(result.counts().in()).isEqualTo(7);
        assertThat(result.counts().kept()).isEqualTo(6);
        assertThat(result.counts().dropped()).isEqualTo(1);
        assertThat(result.counts().detail()).containsEntry("duplicate_groups", 1L);
    }

    @Test
    void theDefaultNormalisationMatchesCaseAndWhitespaceVariants() {
        RunContext context = warehouseWith(VARIANTS);
        ExactDedupJob.run(spark, context, ExactDedupConfig.defaults());
        assertThat(keptIds(context, ExactDedupConfig.defaults())).containsExactly("d1", "d4", "d5", "d6", "d7");
        assertThat(duplicates(context)).extracting(r -> r.getString(0), r -> r.getString(2), r -> r.getLong(3))
                .containsExactly(tuple("d2", "d1", 3L), tuple("d3", "d1", 3L));
    }

    @Test
    void punctuationAndDigitNormalisationWidenTheGroups() {
        RunContext context = warehouseWith(VARIANTS);
        ExactDedupConfig config = ExactDedupConfig.defaults()
                .withNormalization(new NormalizationOptions(true, true, true, true, true, false));
        ExactDedupJob.run(spark, context, config);
        assertThat(keptIds(context, config)).containsExactly("d1", "d5", "d7");
        assertThat(duplicates(context)).extracting(r -> r.getString(0), r -> r.getString(2))
                .containsExactly(tuple("d2", "d1"), tuple("d3", "d1"), tuple("d4", "d1"), tuple("d6", "d5"));
    }

    @Test
    void firstSeenKeepsTheEarliestBySourceFileAndLine() {
        RunContext context = warehouseWith(List.of(
                doc("z-late", "same text", "b.jsonl", 1L),
                doc("a-later", "same text", "a.jsonl", 9L),
                doc("m-first", "same text", "a.jsonl", 2L)));
        ExactDedupConfig config = ExactDedupConfig.defaults().withKeep(KeepPolicy.FIRST_SEEN);
        ExactDedupJob.run(spark, context, config);
        assertThat(keptIds(context, config)).containsExactly("m-first");
        assertThat(duplicates(context)).extracting(r -> r.getString(2)).containsOnly("m-first");
    }

    @Test
    void theResultIsTheSameWhateverTheInputPartitioning() {
        List<Row> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add(doc(String.format("doc-%03d", i), "text number " + (i % 37), "f" + (i % 5), (long) i));
        }
        List<List<Row>> outcomes = new ArrayList<>();
        for (int partitions : new int[] {1, 3, 8}) {
            RunContext context = TestSpark.newRun();
            DeltaTables.overwrite(spark.createDataFrame(many, Tables.DOCUMENT_SCHEMA).repartition(partitions),
                    context.warehouse().resolve(Tables.DOCUMENTS));
            ExactDedupJob.run(spark, context, ExactDedupConfig.defaults());
            outcomes.add(duplicates(context));
            assertThat(keptIds(context, ExactDedupConfig.defaults())).hasSize(37);
        }
        assertThat(outcomes.get(0)).hasSize(363).isEqualTo(outcomes.get(1)).isEqualTo(outcomes.get(2));
    }

    @Test
    void rowsWithoutIdOrTextAreQuarantinedAndCounted() {
        RunContext context = warehouseWith(List.of(doc("ok", "fine")));
        // A user table that is not from ingest may hold nulls; write one with nullable columns.
        DeltaTables.overwrite(spark.createDataFrame(List.of(doc("ok", "fine"), doc(null, "orphan text"), doc("no-text", null)),
                Tables.DOCUMENT_SCHEMA.asNullable()), context.warehouse().resolve(Tables.DOCUMENTS));
        StageResult result = ExactDedupJob.run(spark, context, ExactDedupConfig.defaults());

        assertThat(result.counts().in()).isEqualTo(3);
        assertThat(result.counts().kept()).isEqualTo(1);
        assertThat(result.counts().quarantined()).isEqualTo(2);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), "x").orderBy("reason").collectAsList())
                .extracting(r -> r.getString(0), r -> r.getString(5))
                .containsExactly(tuple("exact_dedup", "missing_doc_id"), tuple("exact_dedup", "missing_text"));
    }

    @Test
    void lineDedupRemovesLinesSeenInEarlierDocumentsAndKeepsTheRestExactly() {
        String first = "Home | News\nFirst story: the harbour reopened after the storm.\n\nCopyright 2020 Example Media";
        String second = "HOME | NEWS\nSecond story: prices rose 4% in March.\n\nCopyright 2021 Example Media\nShare this";
        String third = "home | news\ncopyright 1999 example media";
        RunContext context = warehouseWith(List.of(doc("a", first), doc("b", second), doc("c", third)));
        ExactDedupConfig config = ExactDedupConfig.defaults().withLineMode(LineDedupMode.LINE, 0);
        StageResult result = ExactDedupJob.run(spark, context, config);

        Map<String, String> texts = new java.util.HashMap<>();
        DeltaTables.read(spark, context.warehouse().resolve(config.output()), "x").collectAsList()
                .forEach(r -> texts.put(r.getString(0), r.getString(2)));
        assertThat(texts).containsOnlyKeys("a", "b");
        assertThat(texts.get("a")).as("the first document keeps every line").isEqualTo(first);
        assertThat(texts.get("b")).as("boilerplate lines go, the blank line stays")
                .isEqualTo("Second story: prices rose 4% in March.\n\nShare this");
        assertThat(duplicates(context)).extracting(r -> r.getString(0), r -> r.getString(4))
                .containsExactly(tuple("c", "empty_after_line_dedup"));
        assertThat(result.counts().detail())
                .containsEntry("lines_total", 11L)
                .containsEntry("lines_removed", 4L)
                .containsEntry("documents_modified_by_line_dedup", 2L)
                .containsEntry("dropped.empty_after_line_dedup", 1L);
        assertThat(result.counts().kept() + result.counts().dropped()).isEqualTo(3);
    }

    @Test
    void documentsLeftShorterThanTheMinimumAfterLineDedupAreDropped() {
        RunContext context = warehouseWith(List.of(
                doc("a", "Shared header line\nA long enough body that stays well above the limit set here."),
                doc("b", "Shared header line\nShort."),
                doc("c", "Short, untouched.")));
        ExactDedupConfig config = ExactDedupConfig.defaults().withLineMode(LineDedupMode.LINE, 20);
        ExactDedupJob.run(spark, context, config);
        assertThat(keptIds(context, config)).as("c is short but lost nothing, so it stays").containsExactly("a", "c");
        assertThat(duplicates(context)).extracting(r -> r.getString(0), r -> r.getString(4))
                .containsExactly(tuple("b", "too_short_after_line_dedup"));
    }

    @Test
    void paragraphModeRemovesRepeatedParagraphs() {
        RunContext context = warehouseWith(List.of(
                doc("a", "Intro paragraph one.\n\nSubscribe to our newsletter!\nIt is free."),
                doc("b", "Another intro.\n\nSubscribe to our newsletter!\nIt is free.")));
        ExactDedupConfig config = ExactDedupConfig.defaults().withLineMode(LineDedupMode.PARAGRAPH, 0);
        ExactDedupJob.run(spark, context, config);
        assertThat(DeltaTables.read(spark, context.warehouse().resolve(config.output()), "x").where(col("doc_id").equalTo("b"))
                .first().<String>getAs("text")).isEqualTo("Another intro.");
    }

    @Test
    void rerunningSkipsUntilTheInputTableChanges() {
        RunContext context = warehouseWith(VARIANTS);
        ExactDedupJob.run(spark, context, ExactDedupConfig.defaults());
        List<String> before = keptIds(context, ExactDedupConfig.defaults());
        StageResult second = ExactDedupJob.run(spark, new RunContext("again", context.warehouse(), false), ExactDedupConfig.defaults());
        assertThat(second.status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(keptIds(context, ExactDedupConfig.defaults())).isEqualTo(before);

        DeltaTables.overwrite(spark.createDataFrame(VARIANTS.subList(0, 3), Tables.DOCUMENT_SCHEMA),
                context.warehouse().resolve(Tables.DOCUMENTS));
        StageResult third = ExactDedupJob.run(spark, new RunContext("changed", context.warehouse(), false), ExactDedupConfig.defaults());
        assertThat(third.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(keptIds(context, ExactDedupConfig.defaults())).containsExactly("d1");
        assertThat(new RunLog(spark, context.warehouse().runLogPath()).all()).extracting(StageResult::status)
                .containsExactly(StageStatus.SUCCEEDED, StageStatus.SKIPPED, StageStatus.SUCCEEDED);
    }

    @Test
    void aMissingInputTableNamesTheStageThatProducesIt() {
        RunContext context = TestSpark.newRun();
        assertThatThrownBy(() -> ExactDedupJob.run(spark, context, ExactDedupConfig.defaults()))
                .isInstanceOfSatisfying(WinnowException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND))
                .hasMessage("No Delta table at '" + context.warehouse().resolve("documents")
                        + "'. Run the stage 'ingest' first, or point the input at an existing Delta table.");
    }

    @Test
    void aTableWithoutATextColumnIsAClearError() {
        RunContext context = TestSpark.newRun();
        Dataset<Row> noText = spark.sql("SELECT 'x' AS doc_id, 'y' AS body");
        DeltaTables.overwrite(noText, context.warehouse().resolve(Tables.DOCUMENTS));
        assertThatThrownBy(() -> ExactDedupJob.run(spark, context, ExactDedupConfig.defaults()))
                .isInstanceOfSatisfying(WinnowException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_SCHEMA_MISMATCH))
                .hasMessageContaining("has no column 'text' of type string (its columns: doc_id, body)");
    }
}
