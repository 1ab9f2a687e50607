package io.winnow.batchinfer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {
    private static int[] shuffledLengths(int count, long seed) {
        Random random = new Random(seed);
        // Sentence-like lengths: mostly short, a long tail.
        return IntStream.range(0, count).map(i -> 5 + (int) Math.min(250, Math.abs(random.nextGaussian()) * 40)).toArray();
    }

    @Test
    void everyIndexAppearsExactlyOnceSoResultsCanBePutBackInInputOrder() {
        int[] lengths = shuffledLengths(1000, 1);
        List<int[]> plan = BatchPlanner.plan(lengths, 2048, 64);
        int[] seen = plan.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(seen).isEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void batchesRespectTheTokenBudgetAndTheMaxBatchSize() {
        int[] lengths = shuffledLengths(1000, 2);
        for (int[] batch : BatchPlanner.plan(lengths, 1024, 48)) {
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertThat((long) longest * batch.length).isLessThanOrEqualTo(1024);
            assertThat(batch.length).isLessThanOrEqualTo(48);
        }
    }

    @Test
    void aTextLongerThanTheBudgetGoesAlone() {
        List<int[]> plan = BatchPlanner.plan(new int[] {3, 500, 4}, 100, 8);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(1)).containsExactly(1);
    }

    @Test
    void sortedTokenBudgetBatchesPadFarLessThanFixedSizeBatchesOfUnsortedInput() {
        int[] lengths = shuffledLengths(5000, 3);
        long real = Arrays.stream(lengths).asLongStream().sum();
        long sortedPadding = BatchPlanner.paddedTokens(lengths, BatchPlanner.plan(lengths, 8192, 64));
        long naivePadding = BatchPlanner.paddedTokens(lengths, BatchPlanner.fixedSize(lengths.length, 64));
        double sortedFraction = (double) sortedPadding / (real + sortedPadding);
        double naiveFraction = (double) naivePadding / (real + naivePadding);
        assertThat(sortedFraction).isLessThan(0.05).isLessThan(naiveFraction / 10);
        assertThat(naiveFraction).isGreaterThan(0.5);
    }

    @Test
    void paddedTokensCountTheGapToEachBatchsLongestText() {
        int[] lengths = {2, 5, 3, 5};
        assertThat(BatchPlanner.paddedTokens(lengths, List.of(new int[] {0, 1}, new int[] {2, 3}))).isEqualTo(3 + 2);
        assertThat(BatchPlanner.fixedSize(5, 2)).containsExactly(new int[] {0, 1}, new int[] {2, 3}, new int[] {4});
    }

    @Test
    void nonPositiveLimitsAreRejected() {
        assertThatThrownBy(() -> BatchPlanner.plan(new int[] {1}, 0, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tokenBudget must be > 0, got 0");
        assertThatThrownBy(() -> BatchPlanner.plan(new int[] {1}, 8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBatchSize must be > 0, got 0");
    }
}
