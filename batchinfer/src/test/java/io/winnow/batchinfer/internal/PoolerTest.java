package io.winnow.batchinfer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.winnow.batchinfer.Pooling;
import org.junit.jupiter.api.Test;

class PoolerTest {
    // Two texts, 3 token positions, hidden size 2; the second text has 1 real token and 2 padding positions.
    private static final float[] OUTPUT = {1, 2, 3, 4, 5, 6, 7, 8, 99, 99, 99, 99};
    private static final long[] SHAPE = {2, 3, 2};

    @Test
    void meanPoolingIgnoresPaddingPositions() {
        float[][] pooled = Pooler.pool(OUTPUT, SHAPE, new int[] {3, 1}, Pooling.MEAN, false);
        assertThat(pooled[0]).containsExactly(3, 4);
        assertThat(pooled[1]).containsExactly(7, 8);
    }

    @Test
    void clsPoolingTakesTheFirstTokenAndNormaliseGivesUnitLength() {
        float[][] pooled = Pooler.pool(OUTPUT, SHAPE, new int[] {3, 1}, Pooling.CLS, true);
        assertThat(pooled[0][0]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-6f));
        assertThat(pooled[0][1]).isCloseTo((float) (2 / Math.sqrt(5)), within(1e-6f));
    }

    @Test
    void noPoolingKeepsTheRealTokensOrATwoDimensionalOutputAsIs() {
        assertThat(Pooler.pool(OUTPUT, SHAPE, new int[] {3, 1}, Pooling.NONE, false)[1]).containsExactly(7, 8);
        assertThat(Pooler.pool(new float[] {1, 2, 3, 4}, new long[] {2, 2}, new int[] {5, 7}, Pooling.MEAN, false)[1])
                .containsExactly(3, 4);
    }
}
