package io.winnow.selection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.Warehouse;
import io.winnow.selection.rds.NamedPath;
import io.winnow.selection.rds.SelectConfig;
import io.winnow.selection.rds.SelectJob;
import io.winnow.selection.rds.SelectionMethod;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code select} stage at scale: a pool of {@code items} (default 100,000) instruction records built from the
 * recall benchmark's pool (GPTeacher Toolformer, Code Alpaca 2k, the T0 sample, GSM8K train: 21,366 records;
 * records beyond those are copies with " [copy n]" appended to the prompt) and four tasks (GSM8K test, HumanEval,
 * BBH, MMLU dev) with {@code queries} queries each. Encoding 100k texts does not fit this 2-core machine's time
 * box, so the pool's vectors are not recomputed: every copy gets its original's vector from the recall run's
 * embeddings table (run bench/select-recall.sh first), and the stage reuses that table. What is measured: reading
 * and parsing the 100k records, encoding the queries, blockwise scoring and top-k, round-robin, every baseline
 * (k-means over 100k vectors included) and the writes. Prints the stage's time per step for each run.
 *
 * <p>Usage: {@code bench/select-scale.sh [items=100000]
 * [budget=10000] [queries-per-task=150] [model=all-minilm-l6-v2-int8] [max-tokens=128] [runs=1]}
 */
public final class RdsScaleBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RdsScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        String model = args.length > 3 ? args[3] : "all-minilm-l6-v2-int8";
        int maxTokens = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        Path shared = Path.of(System.getProperty("winnow.shared", "../shared/data")).toAbsolutePath().normalize();
        Path work = Path.of("bench/out/select-scale").toAbsolutePath();
        Files.createDirectories(work.resolve("pool"));

        // The recall benchmark's pool: its embeddings table (bench/out/select-recall) gives every copy its vector.
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("gpteacher", "instruct/gpteacher/toolformer-dedupe-only-dataset.json");
        sources.put("code-alpaca", "instruct/code_alpaca/code_alpaca_2k.json");
        sources.put("t0", "instruct/self_instruct_t0_sample/t0_train_per_template_first15.jsonl");
        sources.put("gsm8k-train", "eval/gsm8k/train.jsonl");
        Map<String, List<JsonNode>> records = new LinkedHashMap<>();
        long originals = 0;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            records.put(source.getKey(), read(shared.resolve(source.getValue())));
            originals += records.get(source.getKey()).size();
        }
        List<NamedPath> pool = writePool(records, originals, items, work.resolve("pool"));
        List<NamedPath> tasks = List.of(
                new NamedPath("gsm8k", shared.resolve("eval/gsm8k/test.jsonl").toString()),
                new NamedPath("codex", shared.resolve("eval/humaneval/HumanEval.jsonl.gz").toString()),
                new NamedPath("bbh", shared.resolve("eval/bbh").toString()),
                new NamedPath("mmlu", shared.resolve("eval/mmlu/dev").toString()));
        SelectConfig config = SelectConfig.defaults().withInputs(pool, tasks, queries)
                .withBudget(budget, List.of(SelectionMethod.RDS, SelectionMethod.RANDOM, SelectionMethod.BALANCED_RANDOM,
                        SelectionMethod.PROTOTYPE_HARD, SelectionMethod.PROTOTYPE_EASY))
                .withEncoding(model, maxTokens, 8)
                .withPrototypes(100, 10);

        SparkSession spark = RdsRecallBenchmark.session("select-scale-bench");
        RunContext context = new RunContext(RunContext.newRunId(), new Warehouse(work.resolve("warehouse").toString()), true);
        Path recallEmbeddings = Path.of("bench/out/select-recall/warehouse/select_embeddings").toAbsolutePath();
        long copied = copyEmbeddings(spark, recallEmbeddings, sources, records, pool, context.warehouse().resolve(config.embeddings()));
        System.out.printf(Locale.ROOT, "pool vectors copied from %s: %d (each copy gets its original's vector)%n",
                recallEmbeddings, copied);
        System.out.printf(Locale.ROOT, "%n### select at scale: %d items from %d originals, %d tasks, budget %d, %s max %d tokens%n",
                items, originals, tasks.size(), budget, model, maxTokens);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            StageResult result = SelectJob.run(spark, context, config);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %.1f s wall, in %d, selected by rds %d, quarantined %d%n  %s%n", run,
                    seconds, result.counts().in(), result.counts().kept(), result.counts().quarantined(),
                    RdsRecallBenchmark.timings(result.counts().detail()));
        }
        spark.stop();
    }

    /**
     * The scale pool's vectors without re-encoding: item {@code <source>/<source>.jsonl#i} gets the vector of the
     * recall pool's item {@code <source>/<original file>#(i mod n)}.
     */
    private static long copyEmbeddings(SparkSession spark, Path recall, Map<String, String> sources,
            Map<String, List<JsonNode>> records, List<NamedPath> pool, String target) {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> vectors = io.winnow.core.table.DeltaTables.read(spark,
                recall.toString(), "select (bench/select-recall.sh)");
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> all = null;
        for (NamedPath entry : pool) {
            String source = entry.name();
            int originals = records.get(source).size();
            long lines;
            try (java.util.stream.Stream<String> stream = Files.lines(Path.of(entry.path()))) {
                lines = stream.count();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String originalFile = Path.of(sources.get(source)).getFileName().toString();
            long copies = (lines + originals - 1) / originals;
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> part = vectors
                    .where(org.apache.spark.sql.functions.col("doc_id").startsWith(source + "/" + originalFile + "#"))
                    .withColumn("original", org.apache.spark.sql.functions.expr("cast(substring_index(doc_id, '#', -1) as long)"))
                    .withColumn("copy", org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.sequence(
                            org.apache.spark.sql.functions.lit(0L), org.apache.spark.sql.functions.lit(copies - 1))))
                    .withColumn("position", org.apache.spark.sql.functions.expr("original + copy * " + originals))
                    .where(org.apache.spark.sql.functions.col("position").lt(lines))
                    .withColumn("doc_id", org.apache.spark.sql.functions.concat(org.apache.spark.sql.functions.lit(
                            source + "/" + source + ".jsonl#"), org.apache.spark.sql.functions.col("position").cast("string")))
                    .drop("original", "copy", "position");
            all = all == null ? part : all.unionByName(part);
        }
        io.winnow.core.table.DeltaTables.overwrite(all.repartition(8), target);
        return io.winnow.core.table.DeltaTables.read(spark, target, "bench").count();
    }

    private static List<JsonNode> read(Path file) throws Exception {
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        List<JsonNode> out = new ArrayList<>();
        if (content.startsWith("[")) {
            JSON.readTree(content).forEach(out::add);
        } else {
            for (String line : content.split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /** Each source's share of {@code items} in proportion to its size; copies past the originals get a marker. */
    private static List<NamedPath> writePool(Map<String, List<JsonNode>> records, long originals, int items, Path folder)
            throws Exception {
        List<NamedPath> pool = new ArrayList<>();
        long written = 0;
        Iterator<Map.Entry<String, List<JsonNode>>> sources = records.entrySet().iterator();
        while (sources.hasNext()) {
            Map.Entry<String, List<JsonNode>> source = sources.next();
            List<JsonNode> list = source.getValue();
            long share = sources.hasNext() ? Math.round((double) items * list.size() / originals) : items - written;
            Path file = folder.resolve(source.getKey() + ".jsonl");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (long i = 0; i < share; i++) {
                    JsonNode record = list.get((int) (i % list.size())).deepCopy();
                    long copy = i / list.size();
                    if (copy > 0) {
                        mark((ObjectNode) record, " [copy " + copy + "]");
                    }
                    out.write(JSON.writeValueAsString(record));
                    out.write('\n');
                }
            }
            written += share;
            pool.add(new NamedPath(source.getKey(), file.toString()));
        }
        return pool;
    }

    private static void mark(ObjectNode record, String marker) {
        for (String field : List.of("instruction", "prompt", "question")) {
            if (record.hasNonNull(field) && record.get(field).isTextual()) {
                record.put(field, record.get(field).asText() + marker);
                return;
            }
        }
    }
}
