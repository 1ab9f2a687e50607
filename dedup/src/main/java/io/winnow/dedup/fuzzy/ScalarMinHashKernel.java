package io.winnow.dedup.fuzzy;

/** The portable kernel: a tight primitive loop, used where the Vector API is not enabled. */
final class ScalarMinHashKernel implements MinHashKernel {
    static final ScalarMinHashKernel INSTANCE = new ScalarMinHashKernel();

    private ScalarMinHashKernel() {}

    /**
     * Four shingles per pass over the permutation arrays, so each a_j, b_j and signature_j is loaded
     * once for four independent multiply-adds. The compares are branches on purpose: once a signature
     * settles, a new minimum is rare, so they predict almost perfectly (measured: Math.min, which C2 on
     * JDK 17 compiles to mispredicting branches, was 5x slower).
     */
    @Override
    public void permuteAndMin(long[] a, long[] b, long[] hashes, int count, long[] signature) {
        int k = signature.length;
        int i = 0;
        for (; i + 3 < count; i += 4) {
            long x0 = hashes[i];
            long x1 = hashes[i + 1];
            long x2 = hashes[i + 2];
            long x3 = hashes[i + 3];
            for (int j = 0; j < k; j++) {
                long aj = a[j];
                long bj = b[j];
                long current = signature[j];
                long p0 = aj * x0 + bj;
                long p1 = aj * x1 + bj;
                long p2 = aj * x2 + bj;
                long p3 = aj * x3 + bj;
                if (p0 < current) {
                    current = p0;
                }
                if (p1 < current) {
                    current = p1;
                }
                if (p2 < current) {
                    current = p2;
                }
                if (p3 < current) {
                    current = p3;
                }
                signature[j] = current;
            }
        }
        for (; i < count; i++) {
            foldOne(a, b, hashes[i], 0, signature);
        }
    }

    /** One shingle into permutations {@code from..k}: the remainder loops of both kernels. */
    static void foldOne(long[] a, long[] b, long x, int from, long[] signature) {
        for (int j = from; j < signature.length; j++) {
            long permuted = a[j] * x + b[j];
            if (permuted < signature[j]) {
                signature[j] = permuted;
            }
        }
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public String toString() {
        return "scalar";
    }
}
