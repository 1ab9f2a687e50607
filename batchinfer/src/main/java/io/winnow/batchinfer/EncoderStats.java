package io.winnow.batchinfer;

/**
 * What an encoder has done so far.
 *
 * @param texts texts encoded
 * @param tokens real tokens fed to the model (after truncation, special tokens included)
 * @param paddedTokens padding positions the model also computed
 * @param batches model calls
 * @param truncated texts cut to the model's max tokens
 * @param gpuBatches model calls that ran on a GPU
 * @param gpuFallbacks encoders that were placed on a GPU but run on the CPU because ONNX Runtime's CUDA provider
 *     could not start (reported in the stage's counts, never silent)
 */
public record EncoderStats(long texts, long tokens, long paddedTokens, long batches, long truncated, long gpuBatches,
        long gpuFallbacks) {
    public static final EncoderStats EMPTY = new EncoderStats(0, 0, 0, 0, 0, 0, 0);

    /** Share of computed positions that were padding, 0 when nothing ran. */
    public double paddingFraction() {
        long positions = tokens + paddedTokens;
        return positions == 0 ? 0.0 : (double) paddedTokens / positions;
    }

    public EncoderStats plus(EncoderStats other) {
        return new EncoderStats(texts + other.texts, tokens + other.tokens, paddedTokens + other.paddedTokens,
                batches + other.batches, truncated + other.truncated, gpuBatches + other.gpuBatches,
                gpuFallbacks + other.gpuFallbacks);
    }
}
