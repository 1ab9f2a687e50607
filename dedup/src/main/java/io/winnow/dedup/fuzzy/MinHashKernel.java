package io.winnow.dedup.fuzzy;

/**
 * The inner loop of MinHash: permute every shingle hash by {@code a_j * x + b_j (mod 2^64)} and keep
 * the signed minimum per permutation j. Implementations must give bit-identical signatures, so that
 * signature tables written by one can be matched against another's (incremental runs, mixed clusters).
 */
interface MinHashKernel {
    /** Folds {@code hashes[0..count)} into {@code signature} (same length as {@code multipliers}). */
    void permuteAndMin(long[] multipliers, long[] increments, long[] hashes, int count, long[] signature);

    /** Permutations computed side by side: 1 for the scalar loop, the vector width otherwise. */
    int lanes();
}
