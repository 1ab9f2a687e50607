package io.winnow.batchinfer.quantize;

import io.winnow.batchinfer.EncoderOptions;
import io.winnow.batchinfer.Matryoshka;
import io.winnow.batchinfer.ModelSpec;
import io.winnow.batchinfer.Pooling;
import io.winnow.batchinfer.Precision;
import io.winnow.batchinfer.TextEncoder;
import io.winnow.batchinfer.model.ModelFetcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality and speed cost of a compressed model against its fp32 source on real text.
 *
 * @param texts sentences embedded by both models
 * @param meanCosine mean cosine between the fp32 and the variant's sentence vector of the same text
 * @param minCosine the worst such cosine
 * @param stsPairs STS-B pairs scored (0: no STS file, the Spearman fields are NaN)
 * @param spearmanFp32 Spearman correlation of the fp32 pair cosines with the gold scores
 * @param spearmanVariant the same for the variant
 * @param fp32TextsPerSecond fp32 throughput (same threads, batches and texts as the variant)
 * @param variantTextsPerSecond the variant's throughput
 */
public record QuantizationReport(
        int texts,
        double meanCosine,
        double minCosine,
        int stsPairs,
        double spearmanFp32,
        double spearmanVariant,
        double fp32TextsPerSecond,
        double variantTextsPerSecond) {

    static final int THREADS = 2;
    static final int MAX_TOKENS = 256;
    /** Texts per turn when the two models take turns (a multiple of the batch size). */
    static final int CHUNK = 256;
    static final int BATCH = 32;

    /** Real sentences for the cosine check when no STS file is available. */
    static final List<String> FALLBACK_SENTENCES = List.of(
            "A man is playing a guitar on the street.",
            "The stock market fell sharply after the announcement.",
            "Children are playing football in the park.",
            "The recipe calls for two cups of flour and one egg.",
            "Scientists discovered a new species of frog in the rainforest.",
            "Please restart the server before applying the update.",
            "A woman is slicing tomatoes in the kitchen.",
            "The train to Berlin was delayed by forty minutes.",
            "He forgot his umbrella and got soaked on the way home.",
            "Quantized models trade a little accuracy for speed and size.",
            "The committee will publish its final report next spring.",
            "Two dogs are running across a snowy field.");

    /** Spearman points lost (x100), positive when the variant is worse. */
    public double spearmanDropPoints() {
        return 100 * (spearmanFp32 - spearmanVariant);
    }

    public double speedup() {
        return variantTextsPerSecond / fp32TextsPerSecond;
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "cosine to fp32 over %d texts: mean %.4f, min %.4f; STS-B dev Spearman (%d pairs): fp32 %.4f, variant %.4f "
                        + "(drop %.2f points); texts/s: fp32 %.1f, variant %.1f (x%.2f)",
                texts, meanCosine, minCosine, stsPairs, spearmanFp32, spearmanVariant, spearmanDropPoints(),
                fp32TextsPerSecond, variantTextsPerSecond, speedup());
    }

    /**
     * Embeds the STS-B dev sentences (or {@link #FALLBACK_SENTENCES}) with both models and compares.
     *
     * @param maxStsPairs at most this many pairs from {@code stsCsv}; 0 or a missing file: no STS
     */
    public static QuantizationReport measure(Path fp32Model, Path variantModel, Path tokenizerJson, Pooling pooling,
            Path stsCsv, int maxStsPairs) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw QuantizeErrors.tokenizerNotFound(tokenizerJson);
        }
        StsPairs sts = maxStsPairs > 0 ? StsPairs.read(stsCsv, maxStsPairs) : null;
        List<String> texts = sts == null ? FALLBACK_SENTENCES : unique(sts);
        Timed[] timed = embedBoth(fp32Model, variantModel, tokenizerJson, pooling, texts);
        Timed fp32 = timed[0];
        Timed variant = timed[1];

        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < texts.size(); i++) {
            double cosine = Matryoshka.dot(fp32.vectors()[i], variant.vectors()[i]);
            sum += cosine;
            min = Math.min(min, cosine);
        }
        double spearmanFp32 = Double.NaN;
        double spearmanVariant = Double.NaN;
        if (sts != null && sts.size() > 1) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                index.put(texts.get(i), i);
            }
            spearmanFp32 = Spearman.correlation(pairCosines(sts, index, fp32.vectors()), sts.scores());
            spearmanVariant = Spearman.correlation(pairCosines(sts, index, variant.vectors()), sts.scores());
        }
        return new QuantizationReport(texts.size(), sum / texts.size(), min, sts == null ? 0 : sts.size(),
                spearmanFp32, spearmanVariant, fp32.textsPerSecond(), variant.textsPerSecond());
    }

    private record Timed(float[][] vectors, double textsPerSecond) {}

    /**
     * Embeds with both models chunk by chunk through the one {@link TextEncoder}, alternating which goes first, so
     * both see the same load on a shared machine; each model's time counts only its own runs.
     */
    private static Timed[] embedBoth(Path fp32Model, Path variantModel, Path tokenizerJson, Pooling pooling,
            List<String> texts) {
        // Batches of 32 texts cut from one sort by token length over all texts: dynamic int8 quantization takes one
        // activation scale per batch, so the batching is part of what is measured and stays fixed.
        EncoderOptions options = EncoderOptions.defaults(THREADS).withBatching(EncoderOptions.DEFAULT_TOKEN_BUDGET, BATCH, true);
        try (TextEncoder fp32 = TextEncoder.open(spec(fp32Model, tokenizerJson, pooling), options);
                TextEncoder variant = TextEncoder.open(spec(variantModel, tokenizerJson, pooling), options)) {
            int[] lengths = fp32.tokenLengths(texts);
            Integer[] order = new Integer[texts.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> lengths[i]));
            List<String> sorted = new ArrayList<>(texts.size());
            for (int index : order) {
                sorted.add(texts.get(index));
            }
            List<String> warmUp = sorted.subList(0, Math.min(sorted.size(), CHUNK));
            fp32.encode(warmUp);
            variant.encode(warmUp);
            float[][] fp32Vectors = new float[texts.size()][];
            float[][] variantVectors = new float[texts.size()][];
            long fp32Nanos = 0;
            long variantNanos = 0;
            for (int from = 0, chunk = 0; from < sorted.size(); from += CHUNK, chunk++) {
                List<String> part = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
                for (int turn = 0; turn < 2; turn++) {
                    boolean fp32Turn = (chunk + turn) % 2 == 0;
                    long start = System.nanoTime();
                    float[][] vectors = (fp32Turn ? fp32 : variant).encode(part);
                    long nanos = System.nanoTime() - start;
                    float[][] target = fp32Turn ? fp32Vectors : variantVectors;
                    for (int i = 0; i < vectors.length; i++) {
                        target[order[from + i]] = vectors[i];
                    }
                    if (fp32Turn) {
                        fp32Nanos += nanos;
                    } else {
                        variantNanos += nanos;
                    }
                }
            }
            return new Timed[] {
                new Timed(fp32Vectors, texts.size() / (fp32Nanos / 1e9)),
                new Timed(variantVectors, texts.size() / (variantNanos / 1e9))
            };
        }
    }

    private static ModelSpec spec(Path model, Path tokenizerJson, Pooling pooling) {
        String fileName = model.getFileName().toString();
        return new ModelSpec(fileName.replaceFirst("\\.onnx$", ""), ModelFetcher.qualify(model.toString()),
                ModelFetcher.qualify(tokenizerJson.toString()), null, null, Precision.FP32, MAX_TOKENS, pooling, true);
    }

    private static List<String> unique(StsPairs sts) {
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        for (int i = 0; i < sts.size(); i++) {
            texts.add(sts.first().get(i));
            texts.add(sts.second().get(i));
        }
        return new ArrayList<>(texts);
    }

    private static double[] pairCosines(StsPairs sts, Map<String, Integer> index, float[][] vectors) {
        double[] cosines = new double[sts.size()];
        for (int i = 0; i < sts.size(); i++) {
            cosines[i] = Matryoshka.dot(vectors[index.get(sts.first().get(i))],
                    vectors[index.get(sts.second().get(i))]);
        }
        return cosines;
    }
}
