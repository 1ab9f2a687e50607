package io.winnow.core.vector;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force cosine nearest neighbours over an in-memory corpus, exact or with Matryoshka adaptive retrieval
 * (Kusupati et al. 2022, {@code RAIVNLab/MRL retrieval/reranking.ipynb}): shortlist the top {@code k'} rows by
 * cosine on the first {@code lowDim} dimensions (each prefix L2-normalised again), then rerank only the
 * shortlist on {@code highDim} (default: all) dimensions and return the top {@code k}. {@link #funnel} runs the
 * general cascade (e.g. dims 8, 16, 32, ... with shortlists 200, 100, 50, ...).
 *
 * <p>The corpus is copied and each row L2-normalised once; the normalised prefix matrices for the dims used
 * are built on first use and cached (memory: rows x dim floats per distinct dim). Results are in descending
 * score order; equal scores are ordered by row index, so every search is deterministic. Thread-safe.
 */
public final class AdaptiveRetrieval {
    /** Row indices into the corpus and their cosine scores (at the last stage's dims), best first. */
    public record Neighbors(int[] ids, float[] scores) {
        public Neighbors {
            requireNonNull(ids, "ids is null");
            requireNonNull(scores, "scores is null");
            if (ids.length != scores.length) {
                throw new IllegalArgumentException("ids and scores differ in length");
            }
        }

        public int size() {
            return ids.length;
        }
    }

    private final int rows;
    private final int dim;
    private final Map<Integer, float[]> prefixes = new ConcurrentHashMap<>();

    private AdaptiveRetrieval(float[] normalized, int dim) {
        this.dim = dim;
        this.rows = normalized.length / dim;
        prefixes.put(dim, normalized);
    }

    /** A corpus of equally long rows (need not be normalised; zero or non-finite rows are rejected). */
    public static AdaptiveRetrieval of(float[][] corpus) {
        requireNonNull(corpus, "corpus is null");
        if (corpus.length == 0) {
            throw new IllegalArgumentException("corpus is empty");
        }
        return of(VectorMath.flatten(corpus), corpus[0].length);
    }

    /** A row-major flat corpus of {@code matrix.length / dim} rows. */
    public static AdaptiveRetrieval of(float[] matrix, int dim) {
        requireNonNull(matrix, "matrix is null");
        if (dim < 1 || matrix.length == 0 || matrix.length % dim != 0) {
            throw new IllegalArgumentException("need a non-empty matrix whose length (" + matrix.length
                    + ") is a multiple of dim (" + dim + ")");
        }
        return new AdaptiveRetrieval(VectorMath.prefixRows(matrix, dim, dim), dim);
    }

    public int size() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** Exact top-k by cosine on all dimensions. */
    public Neighbors exact(float[] query, int k) {
        return funnel(query, new int[] {dim}, new int[] {k});
    }

    /** Adaptive retrieval: shortlist {@code shortlist} rows at {@code lowDim}, rerank them at full dim, keep {@code k}. */
    public Neighbors search(float[] query, int k, int lowDim, int shortlist) {
        return search(query, k, lowDim, shortlist, dim);
    }

    /** Adaptive retrieval with the rerank on the first {@code highDim} dimensions. */
    public Neighbors search(float[] query, int k, int lowDim, int shortlist, int highDim) {
        return search(query, k, lowDim, shortlist, highDim, rows);
    }

    /** Adaptive retrieval among the first {@code rowLimit} rows only (e.g. the items ranked before a query item). */
    public Neighbors search(float[] query, int k, int lowDim, int shortlist, int highDim, int rowLimit) {
        if (shortlist < k) {
            throw new IllegalArgumentException("shortlist (" + shortlist + ") must be >= k (" + k + ")");
        }
        return funnel(query, new int[] {lowDim, highDim}, new int[] {shortlist, k}, rowLimit);
    }

    /**
     * Funnel retrieval: stage 0 scores every row at {@code dims[0]} and keeps the best {@code keeps[0]}; each
     * later stage rescores the survivors at {@code dims[s]} and keeps {@code keeps[s]}. Dims must not decrease,
     * keeps must not increase; the last keep is k.
     */
    public Neighbors funnel(float[] query, int[] dims, int[] keeps) {
        return funnel(query, dims, keeps, rows);
    }

    /** {@link #funnel(float[], int[], int[])} among the first {@code rowLimit} rows only; none when it is 0. */
    public Neighbors funnel(float[] query, int[] dims, int[] keeps, int rowLimit) {
        requireNonNull(query, "query is null");
        if (rowLimit < 0 || rowLimit > rows) {
            throw new IllegalArgumentException("rowLimit must be in [0, " + rows + "], got " + rowLimit);
        }
        requireNonNull(dims, "dims is null");
        requireNonNull(keeps, "keeps is null");
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dims, corpus has " + dim);
        }
        if (dims.length == 0 || dims.length != keeps.length) {
            throw new IllegalArgumentException("dims and keeps must be non-empty and equally long");
        }
        for (int s = 0; s < dims.length; s++) {
            if (dims[s] < 1 || dims[s] > dim || (s > 0 && dims[s] < dims[s - 1])) {
                throw new IllegalArgumentException("dims must be non-decreasing in [1, " + dim + "]: " + Arrays.toString(dims));
            }
            if (keeps[s] < 1 || (s > 0 && keeps[s] > keeps[s - 1])) {
                throw new IllegalArgumentException("keeps must be positive and non-increasing: " + Arrays.toString(keeps));
            }
        }
        int[] candidates = null;
        float[] scores = null;
        for (int s = 0; s < dims.length; s++) {
            int d = dims[s];
            float[] q = d == dim ? VectorMath.prefix(query, d) : shortPrefix(query, 0, d);
            float[] matrix = prefixMatrix(d);
            int n = candidates == null ? rowLimit : candidates.length;
            TopK top = new TopK(Math.min(keeps[s], n));
            for (int c = 0; c < n; c++) {
                int row = candidates == null ? c : candidates[c];
                top.offer(row, (float) VectorMath.dot(q, 0, matrix, row * d, d));
            }
            candidates = top.ids();
            scores = top.scores();
            top.sortDescending(candidates, scores);
        }
        return new Neighbors(candidates, scores);
    }

    /** Fraction of {@code truth}'s first k ids found among {@code found}'s first k ids. */
    public static double recallAtK(Neighbors truth, Neighbors found, int k) {
        int kt = Math.min(k, truth.size());
        if (kt == 0) {
            return 1.0;
        }
        int kf = Math.min(k, found.size());
        int hits = 0;
        for (int i = 0; i < kt; i++) {
            for (int j = 0; j < kf; j++) {
                if (truth.ids()[i] == found.ids()[j]) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / kt;
    }

    /** Floating-point multiply-adds per query for a funnel (stage 0 over all rows, later stages over survivors). */
    public long flopsPerQuery(int[] dims, int[] keeps) {
        long total = (long) rows * dims[0];
        for (int s = 1; s < dims.length; s++) {
            total += (long) Math.min(keeps[s - 1], rows) * dims[s];
        }
        return total;
    }

    private float[] prefixMatrix(int d) {
        return prefixes.computeIfAbsent(d, key -> {
            float[] full = prefixes.get(dim);
            float[] out = new float[rows * key];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(shortPrefix(full, r * dim, key), 0, out, r * key, key);
            }
            return out;
        });
    }

    /**
     * The first {@code d} values from {@code offset}, L2-normalised; all zeros when they are all zero (a short
     * prefix may be, though the whole row is not), so such a row scores 0 against everything at that stage.
     */
    private static float[] shortPrefix(float[] values, int offset, int d) {
        double norm = Math.sqrt(VectorMath.dot(values, offset, values, offset, d));
        float[] out = new float[d];
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < d; i++) {
                out[i] = (float) (values[offset + i] / norm);
            }
        }
        return out;
    }

    /** Bounded min-heap of (score, id): keeps the k best, higher score first, lower id on ties. */
    private static final class TopK {
        private final int[] ids;
        private final float[] scores;
        private int size;

        TopK(int capacity) {
            ids = new int[capacity];
            scores = new float[capacity];
        }

        /** a is worse than b. */
        private static boolean worse(float scoreA, int idA, float scoreB, int idB) {
            return scoreA < scoreB || (scoreA == scoreB && idA > idB);
        }

        void offer(int id, float score) {
            if (ids.length == 0) {
                return;
            }
            if (size < ids.length) {
                int i = size++;
                ids[i] = id;
                scores[i] = score;
                siftUp(i);
            } else if (worse(scores[0], ids[0], score, id)) {
                ids[0] = id;
                scores[0] = score;
                siftDown(0);
            }
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (worse(scores[i], ids[i], scores[parent], ids[parent])) {
                    swap(i, parent);
                    i = parent;
                } else {
                    return;
                }
            }
        }

        private void siftDown(int i) {
            while (true) {
                int left = 2 * i + 1;
                int right = left + 1;
                int worst = i;
                if (left < size && worse(scores[left], ids[left], scores[worst], ids[worst])) {
                    worst = left;
                }
                if (right < size && worse(scores[right], ids[right], scores[worst], ids[worst])) {
                    worst = right;
                }
                if (worst == i) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void swap(int a, int b) {
            int id = ids[a];
            ids[a] = ids[b];
            ids[b] = id;
            float score = scores[a];
            scores[a] = scores[b];
            scores[b] = score;
        }

        int[] ids() {
            return Arrays.copyOf(ids, size);
        }

        float[] scores() {
            return Arrays.copyOf(scores, size);
        }

        /** Sorts parallel arrays best first. */
        void sortDescending(int[] outIds, float[] outScores) {
            Integer[] order = new Integer[outIds.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> worse(outScores[a], outIds[a], outScores[b], outIds[b]) ? 1
                    : worse(outScores[b], outIds[b], outScores[a], outIds[a]) ? -1 : 0);
            int[] sortedIds = new int[order.length];
            float[] sortedScores = new float[order.length];
            for (int i = 0; i < order.length; i++) {
                sortedIds[i] = outIds[order[i]];
                sortedScores[i] = outScores[order[i]];
            }
            System.arraycopy(sortedIds, 0, outIds, 0, order.length);
            System.arraycopy(sortedScores, 0, outScores, 0, order.length);
        }
    }
}
