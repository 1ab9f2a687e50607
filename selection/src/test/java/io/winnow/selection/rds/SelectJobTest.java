package io.winnow.selection.rds;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.run.StageStatus;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Tables;
import io.winnow.core.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The whole stage on 12 real instruction records (+1 unreadable) and two tasks, with the real MiniLM model. */
class SelectJobTest {
    private static final Path DATA = TestSpark.projectRoot().resolve("selection/src/test/resources/select");
    private static final List<SelectionMethod> ALL_METHODS = List.of(SelectionMethod.values());

    private final SparkSession spark = TestSpark.session();

    private static SelectConfig config(int budget) {
        List<NamedPath> pool = List.of(new NamedPath("tool", DATA.resolve("pool/tool.json").toString()),
                new NamedPath("code", DATA.resolve("pool/code.json").toString()),
                new NamedPath("math", DATA.resolve("pool/math.jsonl").toString()));
        List<NamedPath> tasks = List.of(new NamedPath("gsm8k", DATA.resolve("tasks/gsm8k.jsonl").toString()),
                new NamedPath("codex", DATA.resolve("tasks/humaneval.jsonl").toString()));
        return SelectConfig.defaults().withInputs(pool, tasks, 0).withBudget(budget, ALL_METHODS).withPrototypes(2, 10)
                .withEncoding("all-minilm-l6-v2", 128, 2);
    }

    @Test
    void everyMethodSelectsTheBudgetRdsRanksEachTasksOwnSourceFirstAndTheExportHoldsTheRawRecordsInOrder() throws IOException {
        RunContext context = TestSpark.newRun();
        SelectConfig config = config(4);

        StageResult result = SelectJob.run(spark, context, config);

        assertThat(result.status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.counts().in()).isEqualTo(13);
        assertThat(result.counts().quarantined()).isEqualTo(1);
        assertThat(result.counts().kept()).isEqualTo(4);
        assertThat(result.counts().dropped()).isEqualTo(8);
        assertThat(result.counts().detail()).containsEntry("queries.gsm8k", 2L).containsEntry("queries.codex", 2L)
                .containsEntry("selected.prototype_easy", 4L).containsEntry("embeddings_reused", 0L);

        Dataset<Row> selection = DeltaTables.read(spark, context.warehouse().resolve(config.output()), SelectJob.STAGE);
        assertThat(selection.columns()).containsExactly(SelectTables.SELECTION_SCHEMA.fieldNames());
        for (SelectionMethod method : ALL_METHODS) {
            assertThat(selection.where(col("method").equalTo(method.tableName()).and(col("selected"))).count())
                    .as(method.tableName()).isEqualTo(4);
        }
        // RDS+: each task's list holds the budget; its best item comes from the task's own source (GSM8K queries:
        // the GSM8K train items; HumanEval queries: the code items); the selection is the round-robin over the lists.
        Map<String, List<RankedItem>> lists = new java.util.LinkedHashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (String task : List.of("gsm8k", "codex")) {
            List<Row> list = selection.where(col("method").equalTo("rds").and(col("task").equalTo(task)))
                    .orderBy("rank").collectAsList();
            assertThat(list).hasSize(4);
            lists.put(task, list.stream().map(row -> new RankedItem(row.getAs("item_id"), row.<Double>getAs("score"))).toList());
            list.forEach(row -> sources.put(row.getAs("item_id"), row.getAs("source")));
        }
        assertThat(sources.get(lists.get("gsm8k").get(0).itemId())).isEqualTo("math");
        assertThat(sources.get(lists.get("codex").get(0).itemId())).isEqualTo("code");
        List<Row> rds = selection.where(col("method").equalTo("rds").and(col("selected")))
                .orderBy("selection_order").collectAsList();
        assertThat(rds).extracting(row -> row.<String>getAs("item_id")).containsExactlyElementsOf(
                RoundRobinSelector.select(lists, 4).stream().map(RoundRobinSelector.Pick::itemId).toList());
        assertThat(rds).extracting(row -> row.<String>getAs("task")).startsWith("gsm8k", "codex");
        // Balanced random: three sources take turns, so the budget of 4 is 2 + 1 + 1.
        Map<String, Long> balanced = new HashMap<>();
        selection.where(col("method").equalTo("balanced_random")).groupBy("source").count().collectAsList()
                .forEach(row -> balanced.put(row.getString(0), row.getLong(1)));
        assertThat(balanced.values()).containsExactlyInAnyOrder(2L, 1L, 1L);
        // Prototype pruning: the hard items are all at least as far from their centroid as every easy item.
        double nearestHard = selection.where(col("method").equalTo("prototype_hard")).agg(org.apache.spark.sql.functions.min("score"))
                .head().getDouble(0);
        double farthestEasy = selection.where(col("method").equalTo("prototype_easy")).agg(org.apache.spark.sql.functions.max("score"))
                .head().getDouble(0);
        assertThat(nearestHard).isGreaterThanOrEqualTo(farthestEasy);

        Map<String, String> records = new HashMap<>();
        DeltaTables.read(spark, context.warehouse().resolve(config.poolTable()), SelectJob.STAGE).collectAsList()
                .forEach(row -> records.put(row.getAs("item_id"), row.getAs("record")));
        List<String> expected = rds.stream().map(row -> records.get(row.<String>getAs("item_id"))).toList();
        assertThat(exportLines(context, config, "rds")).containsExactlyElementsOf(expected);

        Dataset<Row> quarantine = DeltaTables.read(spark, context.warehouse().resolve(Tables.QUARANTINE), SelectJob.STAGE)
                .where(col("stage").equalTo(SelectJob.STAGE));
        assertThat(quarantine.collectAsList()).singleElement().satisfies(row -> {
            assertThat(row.<String>getAs("reason")).isEqualTo(InstructionRecords.UNRECOGNISED);
            assertThat(row.<String>getAs("doc_id")).isEqualTo("math/math.jsonl#2");
        });

        // A second run with another budget keeps the pool's vectors.
        StageResult again = SelectJob.run(spark, context, config(3).withBudget(3, List.of(SelectionMethod.RDS)));
        assertThat(again.counts().detail()).containsEntry("embeddings_reused", 1L).containsEntry("selected.rds", 3L);
    }

    private static List<String> exportLines(RunContext context, SelectConfig config, String method) throws IOException {
        String location = context.warehouse().resolve(config.export()) + "/" + method;
        Path folder = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
