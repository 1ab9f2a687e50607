package io.winnow.dedup.decontamination;

import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.RowValues;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class DecontaminateJobTest {
    private final SparkSession spark = TestSpark.session();

    private static Row doc(String id, String text) {
        return RowFactory.create(id, "c4", text, null, RowValues.map(Map.of("lang", "en")), "c4.jsonl", 1L);
    }

    @Test
    void plantedEvalQuestionsAreCutOutUnrelatedDocumentsStayByteIdenticalAndARerunIsSkipped() {
        List<String> c4 = RealText.c4(20, 1_500);
        List<String> questions = RealText.gsm8kQuestions();
        List<Row> documents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            documents.add(doc("unrelated-" + i, c4.get(i)));
        }
        for (int i = 0; i < 3; i++) {
            documents.add(doc("contaminated-" + i, RealText.plant(c4.get(5 + i), questions.get(20 + i), 700)));
        }
        for (int i = 0; i < 10; i++) {
            documents.add(doc("common-" + i, RealText.plant(c4.get(8 + i), questions.get(30), 700)));
        }
        documents.add(doc("short", RealText.plant(c4.get(18).substring(0, 400), questions.get(40), 200)));
        documents.add(doc(null, "a row without an id"));
        RunContext context = TestSpark.newRun();
        DecontaminationConfig config = DecontaminationConfig.defaults()
                .withTasks(RealText.bundledEval().toString());
        DeltaTables.overwrite(spark.createDataFrame(documents, Tables.DOCUMENT_SCHEMA.asNullable()).repartition(3),
                context.warehouse().resolve(config.input()));

        StageResult result = DecontaminateJob.run(spark, context, config);

        Map<String, Row> output = DeltaTables.read(spark, context.warehouse().resolve("curated"), "test").collectAsList()
                .stream().collect(Collectors.toMap(row -> row.getString(0), Function.identity()));
        assertThat(output).hasSize(5 + 3 * 2 + 10);
        for (int i = 0; i < 5; i++) {
            assertThat(output.get("unrelated-" + i).getString(2)).isEqualTo(c4.get(i));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(output.get("common-" + i).getString(2)).contains(questions.get(30));
        }
        for (int i = 0; i < 3; i++) {
            Row first = output.get("contaminated-" + i + "#0");
            Row second = output.get("contaminated-" + i + "#1");
            assertThat(c4.get(5 + i)).contains(first.getString(2), second.getString(2));
            assertThat(first.getString(2) + second.getString(2)).doesNotContain(questions.get(20 + i));
            assertThat(first.<String, String>getJavaMap(4)).containsEntry("decontaminated_from", "contaminated-" + i)
                    .containsEntry("decontaminated_piece", "0").containsEntry("lang", "en");
        }
        assertThat(output).doesNotContainKeys("short", "contaminated-0");

        List<Row> contamination = DeltaTables.read(spark, context.warehouse().resolve("contamination"), "test")
                .orderBy("doc_id").collectAsList();
        assertThat(contamination).extracting(row -> row.getString(0) + " " + row.getString(1) + " " + row.getString(8))
                .containsExactly(
                        "contaminated-0 gsm8k removed_span",
                        "contaminated-1 gsm8k removed_span",
                        "contaminated-2 gsm8k removed_span",
                        "short gsm8k document_dropped_no_piece_long_enough");

        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(20);
        assertThat(result.counts().kept()).isEqualTo(18);
        assertThat(result.counts().dropped()).isEqualTo(1);
        assertThat(result.counts().quarantined()).isEqualTo(1);
        assertThat(result.counts().detail())
                .containsEntry("contaminated_documents", 4L)
                .containsEntry("pieces_written", 6L)
                .containsEntry("dropped.no_piece_long_enough", 1L)
                .containsEntry("dropped.too_many_splits", 0L)
                .containsEntry("task.gsm8k", 4L);
        assertThat(result.counts().detail().get("common_ngrams_ignored")).isPositive();

        StageResult rerun = DecontaminateJob.run(spark, context, config);
        assertThat(rerun.status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(rerun.counts()).isEqualTo(result.counts());
    }
}
