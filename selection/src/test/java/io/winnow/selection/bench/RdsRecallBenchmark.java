package io.winnow.selection.bench;

import static org.apache.spark.sql.functions.col;

import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.spark.SparkSessions;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.selection.rds.NamedPath;
import io.winnow.selection.rds.SelectConfig;
import io.winnow.selection.rds.SelectJob;
import io.winnow.selection.rds.SelectionMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * In-domain recall of RDS+ against random and balanced random: a mixed pool (GPTeacher Toolformer, Code Alpaca 2k,
 * the T0 sample, GSM8K train) and three targets (GSM8K test, HumanEval prompts, BBH). For every budget, the share
 * of selected items that come from the target's matching source. One {@code select} run at the largest budget
 * gives every smaller budget: single-task RDS+ at budget b is the task's top b, round-robin and the random orders
 * are prefixes of the selection order.
 *
 * <p>Usage: {@code bench/select-recall.sh [budgets=100,500,1000,2000] [model=all-minilm-l6-v2-int8] [max-tokens=128]
 * [queries-per-task=81]}
 */
public final class RdsRecallBenchmark {
    /** Target task to its matching pool source (BBH has no in-domain source: T0's templated NLP tasks are the proxy). */
    private static final Map<String, String> MATCHING = new LinkedHashMap<>();

    static {
        MATCHING.put("gsm8k", "gsm8k-train");
        MATCHING.put("codex", "code-alpaca");
        MATCHING.put("bbh", "t0");
    }

    private RdsRecallBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> budgets = Arrays.stream((args.length > 0 ? args[0] : "100,500,1000,2000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        String model = args.length > 1 ? args[1] : "all-minilm-l6-v2-int8";
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 81;
        Path shared = Path.of(System.getProperty("winnow.shared", "../shared/data")).toAbsolutePath().normalize();
        int budget = budgets.stream().mapToInt(Integer::intValue).max().orElseThrow();

        List<NamedPath> pool = List.of(
                new NamedPath("gpteacher", shared.resolve("instruct/gpteacher/toolformer-dedupe-only-dataset.json").toString()),
                new NamedPath("code-alpaca", shared.resolve("instruct/code_alpaca/code_alpaca_2k.json").toString()),
                new NamedPath("t0", shared.resolve("instruct/self_instruct_t0_sample/t0_train_per_template_first15.jsonl").toString()),
                new NamedPath("gsm8k-train", shared.resolve("eval/gsm8k/train.jsonl").toString()));
        List<NamedPath> tasks = List.of(
                new NamedPath("gsm8k", shared.resolve("eval/gsm8k/test.jsonl").toString()),
                new NamedPath("codex", shared.resolve("eval/humaneval/HumanEval.jsonl.gz").toString()),
                new NamedPath("bbh", shared.resolve("eval/bbh").toString()));
        SelectConfig config = SelectConfig.defaults().withInputs(pool, tasks, queries)
                .withBudget(budget, List.of(SelectionMethod.RDS, SelectionMethod.RANDOM, SelectionMethod.BALANCED_RANDOM))
                .withEncoding(model, maxTokens, 4);

        Path work = Path.of("bench/out/select-recall").toAbsolutePath();
        Files.createDirectories(work);
        SparkSession spark = session("select-recall-bench");
        RunContext context = new RunContext(RunContext.newRunId(), new Warehouse(work.resolve("warehouse").toString()), true);
        long started = System.nanoTime();
        StageResult result = SelectJob.run(spark, context, config);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Row> rows = DeltaTables.read(spark, context.warehouse().resolve(config.output()), SelectJob.STAGE)
                .select("item_id", "source", "task", "rank", "selected", "selection_order", "method").collectAsList();
        Map<String, Long> poolSizes = new LinkedHashMap<>();
        result.counts().detail().forEach((key, value) -> {
            if (key.startsWith("pool.")) {
                poolSizes.put(key.substring(5), value);
            }
        });
        long poolTotal = poolSizes.values().stream().mapToLong(Long::longValue).sum();

        System.out.printf(Locale.ROOT, "%n### RDS+ in-domain recall (%s, max %d tokens, %d queries per task)%n%n", model,
                maxTokens, queries);
        System.out.printf(Locale.ROOT, "Pool: %d items (%s); quarantined %d. Stage wall time %.1f s; detail %s%n%n",
                poolTotal, poolSizes, result.counts().quarantined(), seconds, timings(result.counts().detail()));
        System.out.println("Share of the selected items that come from the target's matching source"
                + " (gsm8k -> gsm8k-train, codex -> code-alpaca, bbh -> t0 as the nearest proxy).");
        System.out.println();
        System.out.println("| budget | method | gsm8k -> gsm8k-train | codex -> code-alpaca | bbh -> t0 |");
        System.out.println("|---|---|---|---|---|");
        for (int b : budgets) {
            print(b, "rds single-task (top b of the task)", task -> share(rows, r -> "rds".equals(r.getString(6))
                    && task.equals(r.getString(2)) && r.getInt(3) <= b, MATCHING.get(task)));
            print(b, "rds round-robin (b items, 3 tasks; share of each task's picks)", task -> share(rows,
                    r -> "rds".equals(r.getString(6)) && task.equals(r.getString(2)) && r.getBoolean(4) && r.getInt(5) <= b,
                    MATCHING.get(task)));
            print(b, "random", task -> share(rows, r -> "random".equals(r.getString(6)) && r.getInt(5) <= b, MATCHING.get(task)));
            print(b, "balanced random", task -> share(rows, r -> "balanced_random".equals(r.getString(6)) && r.getInt(5) <= b,
                    MATCHING.get(task)));
        }
        System.out.printf(Locale.ROOT, "%nPool share of each matching source: %s%n", shares(poolSizes, poolTotal));
        spark.stop();
    }

    private interface Share {
        String of(String task);
    }

    private static void print(int budget, String method, Share share) {
        List<String> cells = new ArrayList<>();
        for (String task : MATCHING.keySet()) {
            cells.add(share.of(task));
        }
        System.out.printf(Locale.ROOT, "| %d | %s | %s |%n", budget, method, String.join(" | ", cells));
    }

    private static String share(List<Row> rows, java.util.function.Predicate<Row> filter, String source) {
        long total = 0;
        long matching = 0;
        for (Row row : rows) {
            if (filter.test(row)) {
                total++;
                if (source.equals(row.getString(1))) {
                    matching++;
                }
            }
        }
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * matching / total, matching, total);
    }

    private static String shares(Map<String, Long> poolSizes, long total) {
        StringBuilder out = new StringBuilder();
        MATCHING.values().forEach(source -> out.append(source).append(' ').append(String.format(Locale.ROOT, "%.1f%%; ",
                100.0 * poolSizes.getOrDefault(source, 0L) / total)));
        return out.toString();
    }

    static Map<String, Long> timings(Map<String, Long> detail) {
        Map<String, Long> out = new LinkedHashMap<>();
        detail.forEach((key, value) -> {
            if (key.startsWith("time_ms.") || key.startsWith("queries.") || key.equals("embeddings_reused")) {
                out.put(key, value);
            }
        });
        return out;
    }

    static SparkSession session(String name) {
        return SparkSessions.builder()
                .appName(name)
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.memory", "6g")
                .getOrCreate();
    }
}
