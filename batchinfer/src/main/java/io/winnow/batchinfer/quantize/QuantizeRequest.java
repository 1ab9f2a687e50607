package io.winnow.batchinfer.quantize;

import io.winnow.batchinfer.Pooling;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What {@link OnnxQuantizer#quantize(QuantizeRequest)} should do.
 *
 * @param model the fp32 ONNX model to compress
 * @param tokenizer the model's HuggingFace {@code tokenizer.json}; needed only when {@code evaluate} is set
 * @param output where the compressed model is written (parent directories are created)
 * @param variant int8 (default), int4 or fp16
 * @param pooling how the evaluation turns token vectors into sentence vectors
 * @param evaluate measure the quality and speed cost against the fp32 model after writing
 * @param maxStsPairs at most this many STS-B dev pairs are used by the evaluation (the dev split has 1,500)
 * @param stsDevCsv the STS-B dev CSV (sentence1, sentence2, score); null or absent: the evaluation uses
 *     built-in sentences for the cosine check and reports no Spearman correlation
 */
public record QuantizeRequest(
        Path model,
        Path tokenizer,
        Path output,
        QuantizationVariant variant,
        Pooling pooling,
        boolean evaluate,
        int maxStsPairs,
        Path stsDevCsv) {

    /** The STS-B dev split in the shared data folder beside the project ({@code ../shared/data}), which may be absent. */
    public static final Path DEFAULT_STS_DEV = projectRoot().resolve("../shared/data/sts/stsb_multi_mt/stsb-en-dev.csv").normalize();

    public QuantizeRequest {
        requireNonNull(model, "model is null");
        requireNonNull(output, "output is null");
        requireNonNull(variant, "variant is null");
        requireNonNull(pooling, "pooling is null");
        if (evaluate) {
            requireNonNull(tokenizer, "tokenizer is null (needed to evaluate)");
        }
        if (maxStsPairs < 0) {
            throw new IllegalArgumentException("maxStsPairs must be >= 0, got " + maxStsPairs);
        }
    }

    /** int8, mean pooling, no evaluation. */
    public static QuantizeRequest int8(Path model, Path output) {
        return new QuantizeRequest(model, null, output, QuantizationVariant.INT8, Pooling.MEAN, false, 0, null);
    }

    public QuantizeRequest withEvaluation(Path tokenizerJson, Pooling poolingMode, int pairs, Path stsCsv) {
        return new QuantizeRequest(model, tokenizerJson, output, variant, poolingMode, true, pairs, stsCsv);
    }

    private static Path projectRoot() {
        String home = System.getenv("WINNOW_HOME");
        return Path.of(home != null ? home : System.getProperty("winnow.project.root", ".")).toAbsolutePath();
    }

    public QuantizeRequest withVariant(QuantizationVariant compressed) {
        return new QuantizeRequest(model, tokenizer, output, compressed, pooling, evaluate, maxStsPairs, stsDevCsv);
    }
}
