package io.winnow.batchinfer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Token-budget batching: texts sorted by token length (over everything it is given, not small
 * chunks), then cut so that {@code longest in batch x batch size <= tokenBudget} and
 * {@code batch size <= maxBatchSize}. Each batch is padded only to its own longest text. A text
 * longer than the budget goes alone. Batches hold indexes into the input, so results can be put back
 * in input order.
 */
public final class BatchPlanner {
    private BatchPlanner() {}

    public static List<int[]> plan(int[] lengths, int tokenBudget, int maxBatchSize) {
        checkPositive(tokenBudget, "tokenBudget");
        checkPositive(maxBatchSize, "maxBatchSize");
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(index -> lengths[index])); // stable: equal lengths keep input order
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && end - start < maxBatchSize
                    && (long) lengths[order[end]] * (end - start + 1) <= tokenBudget) {
                end++;
            }
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
            start = end;
        }
        return batches;
    }

    /** Fixed-size batches in input order (the naive baseline; size 1 is per-row inference). */
    public static List<int[]> fixedSize(int count, int batchSize) {
        checkPositive(batchSize, "batchSize");
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < count; start += batchSize) {
            batches.add(IntStream.range(start, Math.min(count, start + batchSize)).toArray());
        }
        return batches;
    }

    /** Padding positions the batches compute: sum over batches of (longest x size - real tokens). */
    public static long paddedTokens(int[] lengths, List<int[]> batches) {
        long padded = 0;
        for (int[] batch : batches) {
            int longest = 0;
            long real = 0;
            for (int index : batch) {
                longest = Math.max(longest, lengths[index]);
                real += lengths[index];
            }
            padded += (long) longest * batch.length - real;
        }
        return padded;
    }

    private static void checkPositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
