package io.winnow.dedup.decontamination;

import io.winnow.core.text.Murmur3;

/**
 * 64-bit hash of a word n-gram: each word is hashed with Murmur3 once, then the word hashes are
 * chained in order, so sliding a window over a document never re-hashes characters. Task n-grams
 * and document n-grams go through the same function, which is all matching needs.
 */
final class NgramHash {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private NgramHash() {}

    static long word(String word) {
        return Murmur3.hash64(word, 0x5eed);
    }

    /** Hashes of every word of {@code words}, in order. */
    static long[] words(Words words) {
        long[] hashes = new long[words.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = word(words.word(i));
        }
        return hashes;
    }

    /** Hash of the n-gram made of {@code wordHashes[from..to)}. */
    static long ngram(long[] wordHashes, int from, int to) {
        long hash = to - from;
        for (int i = from; i < to; i++) {
            hash = Murmur3.fmix64(hash * MULTIPLIER + wordHashes[i]);
        }
        return hash;
    }
}
