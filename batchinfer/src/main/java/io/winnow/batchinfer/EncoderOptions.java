package io.winnow.batchinfer;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;

/**
 * How a {@link TextEncoder} batches and where it runs.
 *
 * @param tokenBudget a batch holds at most this many token positions (longest text x texts), padding included
 * @param maxBatchSize a batch holds at most this many texts; 1 is per-row inference
 * @param sortByLength sort texts by token length before batching (token-budget batching); false gives the
 *     naive baseline: fixed-size batches of {@code maxBatchSize} texts in input order
 * @param intraOpThreads ONNX Runtime intra-op threads (keep tasks x threads = cores)
 * @param interOpThreads ONNX Runtime inter-op threads
 * @param device the DJL device; a GPU device makes ONNX Runtime use its CUDA provider (needs the
 *     onnxruntime_gpu native library, which this build does not ship)
 */
public record EncoderOptions(int tokenBudget, int maxBatchSize, boolean sortByLength, int intraOpThreads,
        int interOpThreads, Device device) {
    public static final int DEFAULT_TOKEN_BUDGET = 8192;
    public static final int DEFAULT_MAX_BATCH_SIZE = 64;

    public EncoderOptions {
        requireNonNull(device, "device is null");
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("tokenBudget must be >= 1, got " + tokenBudget);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("interOpThreads must be >= 1, got " + interOpThreads);
        }
    }

    /** Token budget 8192, at most 64 texts a batch, sorted by length, CPU, the given intra-op threads. */
    public static EncoderOptions defaults(int intraOpThreads) {
        return new EncoderOptions(DEFAULT_TOKEN_BUDGET, DEFAULT_MAX_BATCH_SIZE, true, intraOpThreads, 1, Device.cpu());
    }

    public EncoderOptions withBatching(int newTokenBudget, int newMaxBatchSize, boolean newSortByLength) {
        return new EncoderOptions(newTokenBudget, newMaxBatchSize, newSortByLength, intraOpThreads, interOpThreads, device);
    }

    public EncoderOptions withThreads(int newIntraOpThreads) {
        return new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, newIntraOpThreads, interOpThreads, device);
    }

    public EncoderOptions withDevice(Device newDevice) {
        return new EncoderOptions(tokenBudget, maxBatchSize, sortByLength, intraOpThreads, interOpThreads, newDevice);
    }
}
