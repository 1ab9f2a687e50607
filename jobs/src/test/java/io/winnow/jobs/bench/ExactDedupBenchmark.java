package io.winnow.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.ingest.IngestConfig;
import io.winnow.core.ingest.IngestJob;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.dedup.exact.ExactDedupConfig;
import io.winnow.dedup.exact.ExactDedupJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Exact dedup throughput, Winnow against two baselines in the same JVM on the same corpus.
 * Usage: bench/exact-dedup.sh [documents] (default 200000). Prints a Markdown table.
 */
public final class ExactDedupBenchmark {
    private record Measurement(String name, double seconds, long rowsOut) {}

    public static void main(String[] args) throws IOException {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path shared = Path.of(args.length > 1 ? args[1] : "../shared/data");
        Path work = Path.of("bench/out/exact-dedup");
        BenchmarkFiles.deleteTree(work);
        Files.createDirectories(work.resolve("corpus"));
        long bytes = buildCorpus(shared, work.resolve("corpus"), target);
        int cores = Runtime.getRuntime().availableProcessors();

        SparkSession spark = BenchmarkFiles.localSpark("exact-dedup-bench", 4);
        Warehouse warehouse = new Warehouse(work.resolve("warehouse").toAbsolutePath().toString());
        RunContext context = new RunContext(RunContext.newRunId(), warehouse, true);

        IngestConfig ingestConfig = IngestConfig.defaults(work.resolve("corpus").toAbsolutePath().toString());
        long start = System.nanoTime();
        StageResult ingest = IngestJob.run(spark, context, ingestConfig);
        double ingestSeconds = seconds(start);
        String documents = warehouse.resolve("documents");
        // Warm-up so the first measured job does not pay for JIT and Delta log loading.
        DeltaTables.read(spark, documents, "ingest").where(col("text").startsWith("zzz")).count();

        List<Measurement> measurements = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            measurements.add(time("spark dropDuplicates(text) -> Delta [NeMo raw exact]", () -> {
                Dataset<Row> out = DeltaTables.read(spark, documents, "ingest").dropDuplicates("text");
                DeltaTables.overwrite(out, warehouse.resolve("baseline_raw"));
                return DeltaTables.read(spark, warehouse.resolve("baseline_raw"), "x").count();
            }));
            measurements.add(time("spark SQL normalised md5 + min(doc_id) -> Delta", () -> {
                Dataset<Row> docs = DeltaTables.read(spark, documents, "ingest")
                        .withColumn("h", expr("md5(trim(regexp_replace(lower(text), '\\\\s+', ' ')))"));
                Dataset<Row> keep = docs.groupBy("h").agg(min("doc_id").as("doc_id"));
                Dataset<Row> out = docs.join(keep, "doc_id").drop("h");
                DeltaTables.overwrite(out, warehouse.resolve("baseline_sql"));
                return DeltaTables.read(spark, warehouse.resolve("baseline_sql"), "x").count();
            }));
            measurements.add(time("winnow exact_dedup (NFKC+lower+ws, murmur3-128, dup table, run log)", () -> {
                StageResult result = ExactDedupJob.run(spark, context, ExactDedupConfig.defaults());
                return result.counts().kept();
            }));
        }

        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "%n### Exact dedup benchmark: %,d documents, %.1f MB of JSONL, %d cores%n%n",
                ingest.counts().in(), mb, cores);
        System.out.printf(Locale.ROOT, "ingest: %.1f s, %,.0f docs/s, %.2f MB/s per core%n%n", ingestSeconds,
                ingest.counts().in() / ingestSeconds, mb / ingestSeconds / cores);
        System.out.println("| job (second round) | seconds | docs/s | MB/s per core | rows kept | time vs winnow |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        List<Measurement> last = measurements.subList(3, 6);
        double winnow = last.get(2).seconds();
        for (Measurement m : last) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %.2f | %,d | %.2fx |%n", m.name(), m.seconds(),
                    ingest.counts().kept() / m.seconds(), mb / m.seconds() / cores, m.rowsOut(), m.seconds() / winnow);
        }
        System.out.println();
        System.out.println("First round (cold): " + measurements.subList(0, 3).stream()
                .map(m -> String.format(Locale.ROOT, "%.1f s", m.seconds())).toList());
        spark.stop();
    }

    private interface Job {
        long run();
    }

    private static Measurement time(String name, Job job) {
        long start = System.nanoTime();
        long rows = job.run();
        return new Measurement(name, seconds(start), rows);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Real documents (Reuters bodies, C4 pages) replicated with planted exact and case/whitespace reposts. */
    private static long buildCorpus(Path shared, Path out, int target) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = BenchmarkFiles.sharedTexts(shared, List.of("web_text/reuters21578/reuters21578.jsonl",
                "web_text/c4_sample_1000/c4_sample.jsonl", "web_text/llamafactory_c4_demo/c4_demo.jsonl"));
        Random random = new Random(42);
        long bytes = 0;
        int files = 8;
        List<BufferedWriter> writers = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            writers.add(Files.newBufferedWriter(out.resolve("part-" + f + ".jsonl")));
        }
        for (int i = 0; i < target; i++) {
            String base = texts.get(random.nextInt(texts.size()));
            // ~30% exact reposts, ~10% case/whitespace variants, the rest made unique by a document number.
            double roll = random.nextDouble();
            String text = roll < 0.3 ? base
                    : roll < 0.4 ? "  " + base.toUpperCase(Locale.ROOT).replace("\n", "\n\n") + " "
                    : base + "\n[document " + i + "]";
            ObjectNode record = json.createObjectNode();
            record.put("text", text);
            record.put("url", "https://bench.example/" + i);
            String line = json.writeValueAsString(record);
            bytes += line.length() + 1;
            BufferedWriter writer = writers.get(i % files);
            writer.write(line);
            writer.newLine();
        }
        for (BufferedWriter writer : writers) {
            writer.close();
        }
        return bytes;
    }


}
