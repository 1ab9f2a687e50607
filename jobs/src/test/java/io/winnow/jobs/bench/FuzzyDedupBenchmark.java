package io.winnow.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.udf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.ingest.IngestConfig;
import io.winnow.core.ingest.IngestJob;
import io.winnow.core.ingest.InputFormat;
import io.winnow.core.run.RunContext;
import io.winnow.core.run.StageResult;
import io.winnow.core.table.DeltaTables;
import io.winnow.core.table.Warehouse;
import io.winnow.core.text.NormalizationOptions;
import io.winnow.core.text.TextNormalizer;
import io.winnow.dedup.fuzzy.FuzzyDedupConfig;
import io.winnow.dedup.fuzzy.FuzzyDedupJob;
import io.winnow.dedup.fuzzy.MinHasher;
import io.winnow.dedup.fuzzy.ShingleType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Fuzzy dedup: Winnow against Spark MLlib MinHashLSH.approxSimilarityJoin, same JVM, same corpus.
 * Usage: bench/fuzzy-dedup.sh [documents=200000] [mllib-documents=all] [mllib-full-limit-seconds=0].
 * Prints a Markdown table. With a limit, MLlib also runs on the whole corpus and is cancelled when the
 * limit passes; the table then gives its time and speed ratio as bounds ("> limit").
 */
public final class FuzzyDedupBenchmark {
    private static final NormalizationOptions NORMALIZATION = NormalizationOptions.DOCUMENT_DEFAULT;
    private static final double THRESHOLD = 0.8;

    /** A planted variant: its original and the exact char-24 Jaccard between them. */
    private record Planted(String original, String kind, double jaccard) {}

    private record Outcome(String name, long documents, long bytes, double seconds, Set<String> dropped) {}

    public static void main(String[] args) throws IOException {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int mllibDocuments = args.length > 1 ? Integer.parseInt(args[1]) : target;
        int mllibFullLimitSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path shared = Path.of(System.getProperty("winnow.shared.data", "../shared/data"));
        Path work = Path.of("bench/out/fuzzy-dedup");
        BenchmarkFiles.deleteTree(work);
        Files.createDirectories(work.resolve("corpus"));
        Map<String, Planted> planted = new HashMap<>();
        long bytes = buildCorpus(shared, work.resolve("corpus"), target, planted);
        int cores = Runtime.getRuntime().availableProcessors();

        SparkSession spark = BenchmarkFiles.localSpark("fuzzy-dedup-bench", 8);
        Warehouse warehouse = new Warehouse(work.resolve("warehouse").toAbsolutePath().toString());
        RunContext context = new RunContext(RunContext.newRunId(), warehouse, true);
        IngestConfig defaults = IngestConfig.defaults(work.resolve("corpus").toAbsolutePath().toString());
        IngestJob.run(spark, context, new IngestConfig(defaults.input(), InputFormat.JSONL, "text", "id", "url", "bench",
                defaults.maxTextChars(), defaults.rawRecordMaxChars(), defaults.output(), defaults.quarantine()));
        String documents = warehouse.resolve("documents");
        DeltaTables.read(spark, documents, "ingest").where(col("text").startsWith("zzz")).count();

        // Warm-up on a 2,000-document cut, for both systems, so neither timed run pays for class loading, JIT
        // and Spark's code generation in a fresh JVM (Winnow runs first and used to pay for both).
        String warmUpDocuments = warehouse.resolve("documents_warm_up");
        DeltaTables.overwrite(DeltaTables.read(spark, documents, "ingest").orderBy("doc_id").limit(2_000), warmUpDocuments);
        FuzzyDedupJob.run(spark, context, FuzzyDedupConfig.defaults()
                .withTables("documents_warm_up", "warm_up_kept", "warm_up_duplicates", null, null));
        mllib(spark, DeltaTables.read(spark, warmUpDocuments, "warm-up"), warehouse.resolve("mllib_warm_up_pairs"),
                Integer.parseInt(System.getProperty("mllib.tables", "2")));

        // (a) Winnow, NeMo defaults: char 24-grams, 20 x 13, exact Jaccard check at 0.8.
        FuzzyDedupConfig config = FuzzyDedupConfig.defaults().withTables("documents", "fuzzy_kept", "fuzzy_duplicates", null, null);
        // Rounds (-Dwinnow.rounds, default 3): this machine's timings vary by 10-20% from run to run, so the
        // table uses the median round, and every round is printed.
        int rounds = Integer.getInteger("winnow.rounds", 3);
        List<Double> roundSeconds = new ArrayList<>();
        StageResult winnow = null;
        for (int round = 0; round < rounds; round++) {
            long roundStart = System.nanoTime();
            long cpuStart = processCpuNanos();
            winnow = FuzzyDedupJob.run(spark, context, config);
            roundSeconds.add((System.nanoTime() - roundStart) / 1e9);
            // CPU seconds of the whole JVM: steady while wall time varies means the machine was contended.
            System.out.printf(Locale.ROOT, "winnow round %d: %.1f s wall, %.1f s CPU, %s%n", round + 1, roundSeconds.get(round),
                    (processCpuNanos() - cpuStart) / 1e9, winnow.counts().detail());
        }
        double winnowSeconds = roundSeconds.stream().sorted().toList().get(rounds / 2);
        String roundsLine = String.format(Locale.ROOT, "Winnow rounds (s): %s; median %.1f.", roundSeconds.stream()
                .map(seconds -> String.format(Locale.ROOT, "%.1f", seconds)).toList(), winnowSeconds);
        Set<String> winnowDropped = new HashSet<>(DeltaTables.read(spark, warehouse.resolve("fuzzy_duplicates"), "x")
                .select("doc_id").as(Encoders.STRING()).collectAsList());
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(new Outcome("winnow fuzzy_dedup (char-24, 20x13, exact check 0.8, components)", target, bytes, winnowSeconds,
                winnowDropped));

        // (b) MLlib: same normalisation and shingles, HashingTF, then MinHashLSH. Its hash tables are single
        // MinHashes (OR-amplification only): P(candidate) = 1 - (1 - J)^tables. Two tables give 0.96 at
        // J = 0.8 and 0.99 at 0.9, a recall comparable to 20 x 13 with verification.
        int tables = Integer.parseInt(System.getProperty("mllib.tables", "2"));
        if (mllibDocuments == 0) {
            System.out.printf(Locale.ROOT, "winnow: %.1f s (median of %d rounds), %s%n%s%n", winnowSeconds, rounds,
                    winnow.counts().detail(), roundsLine);
            spark.stop();
            return;
        }
        // A subset keeps whole families: the first originals (by number) together with their variants.
        long originalsInScope = Math.round(mllibDocuments * (double) (target - planted.size()) / target);
        Dataset<Row> mllibInput = DeltaTables.read(spark, documents, "ingest")
                .where(expr("cast(substring(doc_id, 3, 7) as int) < " + originalsInScope));
        mllibDocuments = (int) mllibInput.count();
        long mllibBytes = mllibInput.select(expr("sum(length(text))")).head().getLong(0);
        long start = System.nanoTime();
        Set<String> mllibDropped = mllib(spark, mllibInput, warehouse.resolve("mllib_pairs"), tables);
        double mllibSeconds = (System.nanoTime() - start) / 1e9;
        outcomes.add(new Outcome("spark mllib MinHashLSH(" + tables + " tables).approxSimilarityJoin(0.2) (char-24)", mllibDocuments,
                (long) (mllibBytes * (bytes / (double) totalTextChars(spark, documents))), mllibSeconds, mllibDropped));

        // (c) Optionally MLlib on the whole corpus, time-boxed: on this corpus its single-MinHash buckets grow
        // with the corpus (shared sentences collide), so it may not finish; a cancelled run still bounds the ratio.
        String fullRun = null;
        if (mllibFullLimitSeconds > 0 && mllibDocuments < target) {
            fullRun = mllibTimeBoxed(spark, DeltaTables.read(spark, documents, "ingest"), warehouse.resolve("mllib_full_pairs"),
                    tables, mllibFullLimitSeconds, target, bytes, cores, winnowSeconds, planted);
        }

        Set<String> inScope = mllibDocuments == target ? null
                : new HashSet<>(mllibInput.select("doc_id").as(Encoders.STRING()).collectAsList());
        System.out.printf(Locale.ROOT, "%n### Fuzzy dedup benchmark: %,d documents, %.1f MB of JSONL, %d cores%n%n", target,
                bytes / 1e6, cores);
        long trueCount = planted.values().stream().filter(p -> p.jaccard() >= THRESHOLD).count();
        System.out.printf(Locale.ROOT, "Planted variants: %,d, of which %,d at exact Jaccard >= %.1f (the true duplicates).%n",
                planted.size(), trueCount, THRESHOLD);
        System.out.printf(Locale.ROOT, "Winnow detail (last round): %s%n%s%n%n", winnow.counts().detail(), roundsLine);
        System.out.println("| system | documents | seconds | docs/s | MB/s per core | recall | precision | time per doc vs winnow |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        double winnowPerDoc = winnowSeconds / target;
        for (Outcome outcome : outcomes) {
            double[] quality = quality(outcome.dropped(), planted, outcome == outcomes.get(0) ? null : inScope);
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.2f | %.4f | %.4f | %.1fx |%n", outcome.name(),
                    outcome.documents(), outcome.seconds(), outcome.documents() / outcome.seconds(),
                    outcome.bytes() / 1e6 / outcome.seconds() / cores, quality[0], quality[1],
                    (outcome.seconds() / outcome.documents()) / winnowPerDoc);
        }
        if (fullRun != null) {
            System.out.println(fullRun);
        }
        System.out.println();
        System.out.println("Recall: planted variants at exact Jaccard >= 0.8 that were removed. Precision: removed documents"
                + " that are such variants. MB/s per core counts the JSONL bytes of the documents processed.");
        spark.stop();
    }

    /** MLlib on {@code input} in its own job group, cancelled after {@code limitSeconds}; returns a table row. */
    private static String mllibTimeBoxed(SparkSession spark, Dataset<Row> input, String pairsPath, int tables, int limitSeconds,
            int documents, long bytes, int cores, double winnowSeconds, Map<String, Planted> planted) {
        String group = "mllib-full-corpus";
        ExecutorService runner = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        Future<Set<String>> run = runner.submit(() -> {
            spark.sparkContext().setJobGroup(group, "MLlib on the whole corpus, time-boxed", true);
            return mllib(spark, input, pairsPath, tables);
        });
        String name = "spark mllib MinHashLSH(" + tables + " tables).approxSimilarityJoin(0.2) (char-24), whole corpus";
        try {
            Set<String> dropped = run.get(limitSeconds, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] quality = quality(dropped, planted, null);
            return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.2f | %.4f | %.4f | %.1fx |", name, documents, seconds,
                    documents / seconds, bytes / 1e6 / seconds / cores, quality[0], quality[1], seconds / winnowSeconds);
        } catch (TimeoutException e) {
            spark.sparkContext().cancelJobGroup(group);
            double seconds = (System.nanoTime() - start) / 1e9;
            try {
                run.get(); // cancellation fails its jobs; wait so its cache is released before the JVM moves on
            } catch (InterruptedException | ExecutionException expected) {
                // the cancelled run ends with a SparkException
            }
            return String.format(Locale.ROOT, "| %s, cancelled at the %d s limit | %,d | > %.0f | < %,.0f | < %.2f | not finished | | > %.1fx |",
                    name, limitSeconds, documents, seconds, documents / seconds, bytes / 1e6 / seconds / cores, seconds / winnowSeconds);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("MLlib on the whole corpus failed: " + e, e);
        } finally {
            runner.shutdownNow();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long totalTextChars(SparkSession spark, String documents) {
        return DeltaTables.read(spark, documents, "ingest").select(expr("sum(length(text))")).head().getLong(0);
    }

    /** MLlib's documented path: feature vectors, MinHashLSH, approxSimilarityJoin; drop the larger id of each pair. */
    private static Set<String> mllib(SparkSession spark, Dataset<Row> input, String pairsPath, int tables) {
        TextNormalizer normalizer = new TextNormalizer(NORMALIZATION);
        org.apache.spark.sql.expressions.UserDefinedFunction shingles = udf((UDF1<String, String[]>) text -> {
            String normalized = normalizer.normalize(text);
            int n = Math.min(24, normalized.length());
            String[] out = new String[Math.max(0, normalized.length() - n + 1)];
            for (int i = 0; i < out.length; i++) {
                out[i] = normalized.substring(i, i + n);
            }
            return out;
        }, DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> shingled = input.select(col("doc_id"), shingles.apply(col("text")).as("shingles"));
        Dataset<Row> features = new HashingTF().setInputCol("shingles").setOutputCol("features").setNumFeatures(1 << 26)
                .setBinary(true).transform(shingled);
        org.apache.spark.sql.expressions.UserDefinedFunction nonEmpty = udf(
                (UDF1<Vector, Boolean>) v -> ((SparseVector) v).numNonzeros() > 0, DataTypes.BooleanType);
        features = features.where(nonEmpty.apply(col("features"))).select("doc_id", "features").cache();
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(tables).setSeed(42).setInputCol("features").setOutputCol("hashes")
                .fit(features);
        Dataset<Row> pairs = model.approxSimilarityJoin(features, features, 1.0 - THRESHOLD, "distance")
                .select(col("datasetA.doc_id").as("a"), col("datasetB.doc_id").as("b"), col("distance"))
                .where(col("a").lt(col("b")));
        try {
            DeltaTables.overwrite(pairs, pairsPath);
            return new HashSet<>(DeltaTables.read(spark, pairsPath, "x").select("b").distinct()
                    .as(Encoders.STRING()).collectAsList());
        } finally {
            features.unpersist();
        }
    }

    /** {recall, precision} against the planted variants with Jaccard >= threshold. */
    private static double[] quality(Set<String> dropped, Map<String, Planted> planted, Set<String> scope) {
        long truePositives = 0;
        long trueTotal = 0;
        for (Map.Entry<String, Planted> entry : planted.entrySet()) {
            boolean inScope = scope == null || (scope.contains(entry.getKey()) && scope.contains(entry.getValue().original()));
            if (entry.getValue().jaccard() >= THRESHOLD && inScope) {
                trueTotal++;
                if (dropped.contains(entry.getKey())) {
                    truePositives++;
                }
            }
        }
        long droppedTrue = dropped.stream().filter(id -> planted.containsKey(id) && planted.get(id).jaccard() >= THRESHOLD).count();
        double recall = trueTotal == 0 ? 1.0 : (double) truePositives / trueTotal;
        double precision = dropped.isEmpty() ? 1.0 : (double) droppedTrue / dropped.size();
        return new double[] {recall, precision};
    }

    /**
     * Distinct "mosaic" documents made of real sentences (Reuters-21578, C4, DCLM) drawn at random,
     * plus planted variants of 15% of them: 1% and 3% word edits, an inserted sentence, site
     * boilerplate (near-duplicates) and 25% rewrites (not duplicates). Ids sort originals first.
     */
    private static long buildCorpus(Path shared, Path out, int target, Map<String, Planted> planted) throws IOException {
        List<String> sentences = sentences(shared);
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(7);
        MinHasher shingler = new MinHasher(ShingleType.CHAR, 24, 1, 42);
        TextNormalizer normalizer = new TextNormalizer(NORMALIZATION);
        int files = 8;
        List<BufferedWriter> writers = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            writers.add(Files.newBufferedWriter(out.resolve("part-" + f + ".jsonl")));
        }
        long bytes = 0;
        int written = 0;
        int original = 0;
        String[] kinds = {"edit1", "edit3", "insert", "boilerplate", "rewrite25"};
        while (written < target) {
            StringBuilder text = new StringBuilder();
            int count = 4 + random.nextInt(9);
            for (int s = 0; s < count; s++) {
                text.append(s == 0 ? "" : (random.nextInt(4) == 0 ? "\n" : " ")).append(sentences.get(random.nextInt(sentences.size())));
            }
            String originalId = String.format("o-%07d", original++);
            String originalText = text.toString();
            bytes += write(json, writers.get(written % files), originalId, originalText);
            written++;
            if (random.nextDouble() < 0.15 && written < target) {
                String kind = kinds[random.nextInt(kinds.length)];
                String variant = switch (kind) {
                    case "edit1" -> replaceWords(originalText, 0.01, random);
                    case "edit3" -> replaceWords(originalText, 0.03, random);
                    case "insert" -> originalText + " " + sentences.get(random.nextInt(sentences.size()));
                    case "boilerplate" -> "Home | News | Contact\n" + originalText + "\nAll rights reserved.";
                    default -> replaceWords(originalText, 0.25, random);
                };
                String variantId = "v-" + originalId.substring(2) + "-" + kind;
                double jaccard = MinHasher.jaccard(shingler.shingleSet(normalizer.normalize(originalText)),
                        shingler.shingleSet(normalizer.normalize(variant)));
                planted.put(variantId, new Planted(originalId, kind, jaccard));
                bytes += write(json, writers.get(written % files), variantId, variant);
                written++;
            }
        }
        for (BufferedWriter writer : writers) {
            writer.close();
        }
        return bytes;
    }

    private static long write(ObjectMapper json, BufferedWriter writer, String id, String text) throws IOException {
        ObjectNode record = json.createObjectNode();
        record.put("id", id);
        record.put("text", text);
        String line = json.writeValueAsString(record);
        writer.write(line);
        writer.newLine();
        return line.length() + 1L;
    }

    private static String replaceWords(String text, double fraction, Random random) {
        String[] words = text.split(" ");
        int changes = Math.max(1, (int) Math.round(words.length * fraction));
        for (int i = 0; i < changes; i++) {
            words[random.nextInt(words.length)] = "w" + Integer.toString(random.nextInt(1 << 30), 36);
        }
        return String.join(" ", words);
    }

    private static List<String> sentences(Path shared) throws IOException {
        List<String> sentences = new ArrayList<>();
        for (String text : BenchmarkFiles.sharedTexts(shared, List.of("web_text/reuters21578/reuters21578.jsonl",
                "web_text/c4_sample_1000/c4_sample.jsonl", "web_text/llamafactory_c4_demo/c4_demo.jsonl",
                "web_text/dclm_labeled/majority_data.jsonl"))) {
            for (String sentence : text.split("(?<=[.!?])\\s+")) {
                String clean = sentence.replaceAll("\\s+", " ").strip();
                if (clean.length() >= 40) {
                    sentences.add(clean);
                }
            }
        }
        return sentences;
    }
}
