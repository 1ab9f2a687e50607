package io.winnow.batchinfer.partition;

import io.winnow.batchinfer.EncoderStats;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Accumulators an encoding stage's tasks report to, for the stage's detail counts. They are statistics:
 * a retried task counts twice; row counts come from the written table.
 */
public record EncodingCounters(LongAccumulator tokens, LongAccumulator paddedTokens, LongAccumulator batches,
        LongAccumulator truncated, LongAccumulator gpuBatches, LongAccumulator gpuFallbacks) implements Serializable {

    public static EncodingCounters register(SparkSession spark, String stage) {
        return new EncodingCounters(accumulator(spark, stage, "tokens"), accumulator(spark, stage, "padded_tokens"),
                accumulator(spark, stage, "batches"), accumulator(spark, stage, "truncated"),
                accumulator(spark, stage, "gpu_batches"), accumulator(spark, stage, "gpu_fallbacks"));
    }

    /** Adds what an encoder did between two of its stats snapshots. */
    public void addDifference(EncoderStats before, EncoderStats now) {
        tokens.add(now.tokens() - before.tokens());
        paddedTokens.add(now.paddedTokens() - before.paddedTokens());
        batches.add(now.batches() - before.batches());
        truncated.add(now.truncated() - before.truncated());
        gpuBatches.add(now.gpuBatches() - before.gpuBatches());
        gpuFallbacks.add(now.gpuFallbacks() - before.gpuFallbacks());
    }

    /** tokens, padded_tokens, padding_ppm, batches, truncated, gpu_batches and gpu_fallbacks into a stage's detail counts. */
    public void putDetail(Map<String, Long> detail) {
        long realTokens = tokens.value();
        long padded = paddedTokens.value();
        detail.put("tokens", realTokens);
        detail.put("padded_tokens", padded);
        detail.put("padding_ppm", realTokens + padded == 0 ? 0L : padded * 1_000_000L / (realTokens + padded));
        detail.put("batches", batches.value());
        detail.put("truncated", truncated.value());
        detail.put("gpu_batches", gpuBatches.value());
        detail.put("gpu_fallbacks", gpuFallbacks.value());
    }

    private static LongAccumulator accumulator(SparkSession spark, String stage, String name) {
        return spark.sparkContext().longAccumulator(stage + "." + name);
    }
}
