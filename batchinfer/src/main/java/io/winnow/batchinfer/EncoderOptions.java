package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * How a {@link TextEncoder} batches, where it runs and what it returns.
 *
 * @param tokenBudget a batch holds at most this many token positions (longest text x texts), padding included
 * @param maxBatchSize a batch holds at most this many texts; 1 is per-row inference
 * @param sortByLength sort texts by token length before batching (token-budget batching); false gives the naive
 *     baseline: fixed-size batches of {@code maxBatchSize} texts in input order
 * @param intraOpThreads ONNX Runtime intra-op threads (keep tasks x threads = cores)
 * @param device auto, cpu or gpu
 * @param gpu the CUDA device the task was given, -1 for none ({@link DevicePlacement})
 * @param granularities the (layer, dim) pairs to return; empty = the model's output ({@code last_hidden_state}) at
 *     full width, pooled and normalised as the spec says (what {@code infer} writes)
 */
public record EncoderOptions(int tokenBudget, int maxBatchSize, boolean sortByLength, int intraOpThreads,
        DeviceMode device, int gpu, List<Granularity> granularities) implements Serializable {
    public static final int DEFAULT_TOKEN_BUDGET = 8192;
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;

    public EncoderOptions {
        requireNonNull(device, "device is null");
        granularities = List.copyOf(requireNonNull(granularities, "granularities is null"));
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("tokenBudget must be >= 1, got " + tokenBudget);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        if (gpu < -1) {
            throw new IllegalArgumentException("gpu must be >= -1, got " + gpu);
        }
    }

    /** Token budget 8192, at most 64 texts a batch, sorted by length, CPU, the given intra-op threads, model output. */
    public static EncoderOptions defaults(int intraOpThreads) {
        return new EncoderOptions(DEFAULT_TOKEN_BUDGET, DEFAULT_MAX_BATCH_SIZE, true, intraOpThreads, DeviceMode.CPU, -1,
                List.of());
    }

    public EncoderOptions withBatching(int newTokenBudget, int newMaxBatchSize, boolean newSortByLength) {
        return new EncoderOptions(newTokenBudget, newMaxBatchSize, newSortByLength, intraOpThreads, device, gpu,
                granularities);
    }

    public EncoderOptions withThreads(int newIntraOpThreads) {
        return new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, newIntraOpThreads, device, gpu, granularities);
    }

    public EncoderOptions withDevice(DeviceMode newDevice, int newGpu) {
        return new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, intraOpThreads, newDevice, newGpu, granularities);
    }

    public EncoderOptions withGranularities(List<Granularity> newGranularities) {
        return new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, intraOpThreads, device, gpu, newGranularities);
    }
}
