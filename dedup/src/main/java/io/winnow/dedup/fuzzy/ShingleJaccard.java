package io.winnow.dedup.fuzzy;

import java.util.Arrays;

/**
 * Exact Jaccard similarity of the shingle sets of two texts, with one reusable open-addressing table
 * instead of two sorted copies: each distinct shingle is marked as seen on the left, the right or
 * both. Same result as {@link MinHasher#jaccard} of the two {@link MinHasher#shingleSet}s, about
 * three times faster on document-sized texts. Not thread-safe: one instance per task.
 */
final class ShingleJaccard {
    private static final byte LEFT = 1;
    private static final byte RIGHT = 2;

    private final MinHasher hasher;
    private long[] leftHashes = new long[0];
    private long[] keys = new long[0];
    private byte[] marks = new byte[0];

    ShingleJaccard(MinHasher hasher) {
        this.hasher = hasher;
    }

    /** Jaccard of the shingle sets of two already-normalised texts; 0 when both have no shingle. */
    double similarity(String left, String right) {
        int leftCount = hasher.shingleHashes(left);
        if (leftHashes.length < leftCount) {
            leftHashes = new long[Math.max(leftCount, 2 * leftHashes.length)];
        }
        System.arraycopy(hasher.shingleHashBuffer(), 0, leftHashes, 0, leftCount);
        int rightCount = hasher.shingleHashes(right);
        long[] rightHashes = hasher.shingleHashBuffer();

        int capacity = Integer.highestOneBit(Math.max(2 * (leftCount + rightCount), 16) - 1) << 1;
        if (keys.length < capacity) {
            keys = new long[capacity];
            marks = new byte[capacity];
        } else {
            Arrays.fill(marks, 0, capacity, (byte) 0);
        }
        int mask = capacity - 1;
        int leftDistinct = 0;
        for (int i = 0; i < leftCount; i++) {
            int slot = find(leftHashes[i], mask);
            if (marks[slot] == 0) {
                keys[slot] = leftHashes[i];
                marks[slot] = LEFT;
                leftDistinct++;
            }
        }
        int rightDistinct = 0;
        int common = 0;
        for (int i = 0; i < rightCount; i++) {
            int slot = find(rightHashes[i], mask);
            if ((marks[slot] & RIGHT) == 0) {
                keys[slot] = rightHashes[i];
                rightDistinct++;
                if (marks[slot] == LEFT) {
                    common++;
                }
                marks[slot] |= RIGHT;
            }
        }
        int union = leftDistinct + rightDistinct - common;
        return union == 0 ? 0.0 : (double) common / union;
    }

    /** The slot of {@code key}, or the empty slot where it belongs. Shingle hashes are fmix64 output. */
    private int find(long key, int mask) {
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (marks[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
