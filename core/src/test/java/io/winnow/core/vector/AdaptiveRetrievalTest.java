package io.winnow.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AdaptiveRetrievalTest {
    /** Gaussian rows whose variance decays with the dimension index, like a Matryoshka embedding's. */
    static float[][] decayingCorpus(int rows, int dim, long seed) {
        Random random = new Random(seed);
        float[][] corpus = new float[rows][dim];
        for (float[] row : corpus) {
            for (int i = 0; i < dim; i++) {
                row[i] = (float) (random.nextGaussian() / Math.sqrt(1 + i / 4.0));
            }
        }
        return corpus;
    }

    static int[] bruteForce(float[][] corpus, float[] query, int k) {
        float[] q = VectorMath.normalize(query);
        double[] scores = Arrays.stream(corpus).mapToDouble(row -> VectorMath.dot(q, VectorMath.normalize(row))).toArray();
        return IntStream.range(0, corpus.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void exactSearchMatchesASortedBruteForceScan() {
        float[][] corpus = decayingCorpus(500, 48, 1);
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        float[][] queries = decayingCorpus(20, 48, 2);
        for (float[] query : queries) {
            AdaptiveRetrieval.Neighbors found = index.exact(query, 10);
            assertThat(found.ids()).containsExactly(bruteForce(corpus, query, 10));
            for (int i = 1; i < found.size(); i++) {
                assertThat(found.scores()[i]).isLessThanOrEqualTo(found.scores()[i - 1]);
            }
        }
    }

    @Test
    void shortlistingAtTheFullDimensionEqualsExactSearch() {
        float[][] corpus = decayingCorpus(400, 32, 3);
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        for (float[] query : decayingCorpus(25, 32, 4)) {
            AdaptiveRetrieval.Neighbors exact = index.exact(query, 10);
            AdaptiveRetrieval.Neighbors adaptive = index.search(query, 10, 32, 10);
            assertThat(adaptive.ids()).containsExactly(exact.ids());
            assertThat(adaptive.scores()).containsExactly(exact.scores());
        }
    }

    @Test
    void aRowLimitSearchesOnlyThatPrefixOfTheCorpus() {
        float[][] corpus = decayingCorpus(300, 32, 5);
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        float[][] prefix = Arrays.copyOf(corpus, 120);
        for (float[] query : decayingCorpus(10, 32, 6)) {
            AdaptiveRetrieval.Neighbors limited = index.search(query, 3, 32, 3, 32, 120);
            assertThat(limited.ids()).containsExactly(bruteForce(prefix, query, 3));
        }
        assertThat(index.search(corpus[0], 1, 8, 4, 32, 0).size()).as("no rows allowed, no neighbours").isZero();
        assertThatThrownBy(() -> index.search(corpus[0], 1, 8, 4, 32, 301)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rowLimit");
    }

    @Test
    void lowDimensionalShortlistsRecallMostTrueNeighboursAndImproveWithTheirLength() {
        int dim = 64;
        float[][] corpus = decayingCorpus(3000, dim, 5);
        // Queries are noisy copies of corpus rows, so each has a clear neighbourhood.
        Random random = new Random(6);
        float[][] queries = new float[100][];
        for (int q = 0; q < queries.length; q++) {
            float[] base = corpus[random.nextInt(corpus.length)];
            queries[q] = new float[dim];
            for (int i = 0; i < dim; i++) {
                queries[q][i] = base[i] + (float) (0.3 * random.nextGaussian() / Math.sqrt(1 + i / 4.0));
            }
        }
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        double shortRecall = 0;
        double longRecall = 0;
        for (float[] query : queries) {
            AdaptiveRetrieval.Neighbors truth = index.exact(query, 10);
            shortRecall += AdaptiveRetrieval.recallAtK(truth, index.search(query, 10, 16, 20), 10);
            longRecall += AdaptiveRetrieval.recallAtK(truth, index.search(query, 10, 16, 400), 10);
            assertThat(index.search(query, 1, 16, 200).ids()[0]).isEqualTo(truth.ids()[0]);
        }
        assertThat(longRecall / queries.length).isGreaterThan(0.9).isGreaterThan(shortRecall / queries.length);
    }

    @Test
    void funnelCascadeReturnsKResultsAndCountsItsWork() {
        float[][] corpus = decayingCorpus(1000, 64, 7);
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        int[] dims = {8, 16, 32, 64};
        int[] keeps = {200, 100, 50, 10};
        AdaptiveRetrieval.Neighbors found = index.funnel(corpus[17], dims, keeps);
        assertThat(found.size()).isEqualTo(10);
        assertThat(found.ids()[0]).isEqualTo(17);
        assertThat(index.flopsPerQuery(dims, keeps)).isEqualTo(1000L * 8 + 200 * 16 + 100 * 32 + 50 * 64);
        assertThatThrownBy(() -> index.funnel(corpus[0], new int[] {32, 16}, new int[] {100, 10}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(corpus[0], 10, 16, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalScoresAreOrderedByRowIndex() {
        float[][] corpus = {{1, 0}, {0, 1}, {1, 0}, {1, 0}};
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        assertThat(index.exact(new float[] {1, 0}, 2).ids()).containsExactly(0, 2);
        assertThat(index.exact(new float[] {1, 0}, 10).ids()).containsExactly(0, 2, 3, 1);
    }
}
