package io.winnow.dedup.fuzzy;

import io.winnow.core.text.Murmur3;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures of text, the hot path of fuzzy dedup. Each shingle is hashed once to 64 bits
 * (a polynomial rolling hash over UTF-16 code units, finished with Murmur3's fmix64), then permuted
 * by {@code a_i * x + b_i (mod 2^64)} with odd {@code a_i}, a bijection on 64-bit values, and the
 * minimum kept per permutation ({@link MinHashKernels}: the Vector API where enabled, else a scalar
 * loop; both give the same bits). No allocation per shingle; one signature array per call.
 *
 * <p>Not thread-safe: keep one instance per task (they are cheap to build from the seed).
 */
public final class MinHasher implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long ROLLING_BASE = 0x100000001B3L; // FNV prime: odd, well spread
    private static final long WORD_BASE = 0x9E3779B97F4A7C15L; // golden ratio: odd

    private final ShingleType type;
    private final int shingleSize;
    private final long[] multipliers;
    private final long[] increments;
    private transient long[] shingleBuffer;

    public MinHasher(ShingleType type, int shingleSize, int numHashes, long seed) {
        if (shingleSize < 1) {
            throw new IllegalArgumentException("shingleSize must be >= 1, got " + shingleSize);
        }
        if (numHashes < 1) {
            throw new IllegalArgumentException("numHashes must be >= 1, got " + numHashes);
        }
        this.type = type;
        this.shingleSize = shingleSize;
        this.multipliers = new long[numHashes];
        this.increments = new long[numHashes];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < numHashes; i++) {
            multipliers[i] = random.nextLong() | 1L;
            increments[i] = random.nextLong();
        }
    }

    /** The shingle hashes of already-normalised text, into a reused buffer; returns how many. */
    int shingleHashes(String text) {
        return type == ShingleType.CHAR ? charShingles(text) : wordShingles(text);
    }

    /** The buffer {@link #shingleHashes} filled (valid until the next call). */
    long[] shingleHashBuffer() {
        return shingleBuffer;
    }

    long[] multipliers() {
        return multipliers;
    }

    long[] increments() {
        return increments;
    }

    /** The kernel this JVM computes signatures with, in words (for run logs and benchmarks). */
    public static String kernel() {
        return MinHashKernels.fastest().toString();
    }

    public int numHashes() {
        return multipliers.length;
    }

    /**
     * The signature of already-normalised text, or null when the text yields no shingle (empty).
     * Text shorter than one shingle is treated as a single shingle.
     */
    public long[] signature(String text) {
        int shingles = shingleHashes(text);
        if (shingles == 0) {
            return null;
        }
        long[] signature = new long[multipliers.length];
        Arrays.fill(signature, Long.MAX_VALUE);
        MinHashKernels.fastest().permuteAndMin(multipliers, increments, shingleBuffer, shingles, signature);
        return signature;
    }

    private long[] buffer(int needed) {
        if (shingleBuffer == null || shingleBuffer.length < needed) {
            shingleBuffer = new long[Math.max(needed, 1024)];
        }
        return shingleBuffer;
    }

    private int charShingles(String text) {
        int length = text.length();
        if (length == 0) {
            return 0;
        }
        int n = Math.min(shingleSize, length);
        long power = 1; // ROLLING_BASE^(n-1)
        for (int i = 1; i < n; i++) {
            power *= ROLLING_BASE;
        }
        long[] hashes = buffer(length - n + 1);
        long rolling = 0;
        for (int i = 0; i < n; i++) {
            rolling = rolling * ROLLING_BASE + text.charAt(i);
        }
        hashes[0] = Murmur3.fmix64(rolling);
        int count = 1;
        for (int i = n; i < length; i++) {
            rolling = (rolling - text.charAt(i - n) * power) * ROLLING_BASE + text.charAt(i);
            hashes[count++] = Murmur3.fmix64(rolling);
        }
        return count;
    }

    private int wordShingles(String text) {
        // Word hashes of the whole text first (no String per word), then a window over them.
        long[] words = new long[16];
        int wordCount = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            long hash = 0;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                hash = hash * ROLLING_BASE + text.charAt(i);
                i++;
            }
            if (wordCount == words.length) {
                words = Arrays.copyOf(words, wordCount * 2);
            }
            words[wordCount++] = Murmur3.fmix64(hash);
        }
        if (wordCount == 0) {
            return 0;
        }
        int n = Math.min(shingleSize, wordCount);
        long[] hashes = buffer(wordCount - n + 1);
        int count = 0;
        for (int start = 0; start + n <= wordCount; start++) {
            long hash = 0;
            for (int w = start; w < start + n; w++) {
                hash = hash * WORD_BASE + words[w];
            }
            hashes[count++] = Murmur3.fmix64(hash);
        }
        return count;
    }

    /** The sorted, distinct 64-bit shingle hashes of already-normalised text (for exact Jaccard). */
    public long[] shingleSet(String text) {
        int count = shingleHashes(text);
        long[] set = Arrays.copyOf(shingleBuffer == null ? new long[0] : shingleBuffer, count);
        Arrays.sort(set);
        int distinct = 0;
        for (int i = 0; i < set.length; i++) {
            if (i == 0 || set[i] != set[i - 1]) {
                set[distinct++] = set[i];
            }
        }
        return Arrays.copyOf(set, distinct);
    }

    /** Exact Jaccard similarity of two sorted, distinct sets; 0 when both are empty. */
    public static double jaccard(long[] left, long[] right) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < left.length && j < right.length) {
            if (left[i] == right[j]) {
                common++;
                i++;
                j++;
            } else if (left[i] < right[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = left.length + right.length - common;
        return union == 0 ? 0.0 : (double) common / union;
    }

    /** Fraction of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
    public static double estimatedJaccard(long[] left, long[] right) {
        int equal = 0;
        for (int i = 0; i < left.length; i++) {
            if (left[i] == right[i]) {
                equal++;
            }
        }
        return (double) equal / left.length;
    }
}
