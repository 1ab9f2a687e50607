package io.winnow.dedup.decontamination;

import io.winnow.core.text.Murmur3;

/**
 * 64-bit hash of a word n-gram, O(1) per window: each word is hashed once with Murmur3, the word
 * hashes are combined as a polynomial (mod 2^64) through prefix sums, and the result is finalised
 * with Murmur3's fmix64 and the n-gram length. Word hashes are pseudo-random, so the known weakness
 * of mod-2^64 polynomial hashes (crafted inputs over a tiny alphabet) does not apply. Task n-grams
 * and document n-grams go through the same functions, which is all matching needs. Never 0, so 0
 * can mark an empty slot in {@link TaskNgrams}.
 */
final class NgramHash {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final long[] prefixes;
    private final long[] powers;

    private NgramHash(long[] prefixes, long[] powers) {
        this.prefixes = prefixes;
        this.powers = powers;
    }

    /** Prepares O(1) hashing of every window of {@code words} up to {@code maxLength} words. */
    static NgramHash of(Words words, int maxLength) {
        int count = words.size();
        long[] prefixes = new long[count + 1];
        for (int i = 0; i < count; i++) {
            prefixes[i + 1] = prefixes[i] * MULTIPLIER + Murmur3.hash64(words.word(i), 0x5eed);
        }
        long[] powers = new long[Math.min(count, maxLength) + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * MULTIPLIER;
        }
        return new NgramHash(prefixes, powers);
    }

    /** Hash of words {@code from} (inclusive) to {@code to} (exclusive); {@code to - from} at most maxLength. */
    long ngram(int from, int to) {
        int length = to - from;
        long polynomial = prefixes[to] - prefixes[from] * powers[length];
        long hash = Murmur3.fmix64(polynomial ^ (length * 0xC2B2AE3D27D4EB4FL));
        return hash == 0 ? 1 : hash;
    }
}
