package io.winnow.batchinfer.internal;

/**
 * One padded batch: row-major {@code [size, width]} int64 ids, attention mask and token types,
 * padded on the right to the batch's longest text.
 */
public record TokenBatch(int size, int width, long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int[] lengths) {

    public static TokenBatch of(long[][] ids, long[][] typeIds, int[] batch) {
        int width = 1;
        for (int index : batch) {
            width = Math.max(width, ids[index].length);
        }
        int size = batch.length;
        long[] inputIds = new long[size * width];
        long[] mask = new long[size * width];
        long[] types = new long[size * width];
        int[] lengths = new int[size];
        for (int row = 0; row < size; row++) {
            long[] rowIds = ids[batch[row]];
            long[] rowTypes = typeIds[batch[row]];
            lengths[row] = rowIds.length;
            System.arraycopy(rowIds, 0, inputIds, row * width, rowIds.length);
            System.arraycopy(rowTypes, 0, types, row * width, rowTypes.length);
            java.util.Arrays.fill(mask, row * width, row * width + rowIds.length, 1L);
        }
        return new TokenBatch(size, width, inputIds, mask, types, lengths);
    }
}
