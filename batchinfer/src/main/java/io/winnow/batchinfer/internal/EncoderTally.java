package io.winnow.batchinfer.internal;

import io.winnow.batchinfer.EncoderStats;
import java.util.List;

/** Running totals of one encoder: what {@link EncoderStats} reports. Not thread-safe, like the encoders. */
public final class EncoderTally {
    private final boolean onGpu;
    private final long gpuFallbacks;
    private long texts;
    private long tokens;
    private long paddedTokens;
    private long batches;
    private long truncated;

    public EncoderTally(boolean onGpu, boolean fellBackToCpu) {
        this.onGpu = onGpu;
        this.gpuFallbacks = fellBackToCpu ? 1 : 0;
    }

    /** Counts one encoder call that ran every batch of {@code plan} over {@code tokenized}. */
    public void add(TokenizedTexts tokenized, List<int[]> plan) {
        for (int length : tokenized.lengths()) {
            tokens += length;
        }
        texts += tokenized.size();
        truncated += tokenized.truncated();
        batches += plan.size();
        paddedTokens += BatchPlanner.paddedTokens(tokenized.lengths(), plan);
    }

    public EncoderStats stats() {
        return new EncoderStats(texts, tokens, paddedTokens, batches, truncated, onGpu ? batches : 0, gpuFallbacks);
    }
}
