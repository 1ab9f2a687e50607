package io.winnow.tokenization.bench;

import io.winnow.core.testing.TestSpark;
import io.winnow.tokenization.BpeTrainingJob;
import io.winnow.tokenization.TrainTokenizersConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * BPE training throughput of Winnow (Spark pre-token counting + driver-side incremental merges) on
 * the bundled corpus at 1x, 2x, 4x input (the corpus repeated, so the distinct pre-token table and
 * the merge work stay the same while the counting work scales), trained to 8,000 tokens with sizes
 * 500..8000 written. No HuggingFace comparison: its Python trainer is not installable here.
 *   bench/bpe-training.sh [repeats=2] [maxSize=8000]
 */
public final class BpeTrainingBenchmark {
    private BpeTrainingBenchmark() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int maxSize = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        List<Integer> sizes = List.of(500, 1000, 2000, 4000, maxSize).stream().filter(s -> s <= maxSize).distinct().toList();
        SparkSession spark = TestSpark.session();
        Path corpus = TestSpark.projectRoot().resolve("data/demo/corpus/c4-en-sample.jsonl");
        Dataset<String> base = spark.read().json(corpus.toString()).select("text").as(Encoders.STRING()).cache();
        base.count();
        Path out = TestSpark.tempDirectory("bpe-bench");
        TrainTokenizersConfig config = TrainTokenizersConfig.defaults().withInput(corpus.toString(), out.toString())
                .withVocabSizes(sizes);
        System.out.println("warm-up run ...");
        BpeTrainingJob.train(spark, base.repartition(2), config);
        System.out.printf("%-6s %10s %10s %12s %10s %10s %10s %10s%n", "input", "docs", "MB", "distinct", "count s",
                "merge s", "total s", "MB/s");
        for (int factor : new int[] {1, 2, 4}) {
            Dataset<String> input = base;
            for (int i = 1; i < factor; i++) {
                input = input.union(base);
            }
            input = input.repartition(2).cache();
            input.count();
            BpeTrainingJob.Result best = null;
            for (int r = 0; r < repeats; r++) {
                BpeTrainingJob.Result result = BpeTrainingJob.train(spark, input, config);
                if (best == null || result.totalSeconds() < best.totalSeconds()) {
                    best = result;
                }
            }
            System.out.printf("%-6s %10d %10.2f %12d %10.2f %10.2f %10.2f %10.2f%n", factor + "x", best.documents(),
                    best.bytes() / 1e6, best.distinctPreTokens(), best.countSeconds(), best.mergeSeconds(),
                    best.totalSeconds(), best.megabytesPerSecond());
            input.unpersist();
        }
        spark.stop();
    }
}
