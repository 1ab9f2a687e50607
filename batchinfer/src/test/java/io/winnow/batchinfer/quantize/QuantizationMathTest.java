package io.winnow.batchinfer.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantizationMathTest {
    @Test
    void spearmanGivesTiedValuesTheirAverageRank() {
        assertThat(Spearman.ranks(new double[] {10, 20, 20, 30, 20})).containsExactly(1, 3, 3, 5, 3);
    }

    @Test
    void spearmanIsExactOnAHandExampleWithTies() {
        double[] x = {1, 2, 2, 3};
        double[] y = {1, 3, 2, 4};
        // ranks x = 1, 2.5, 2.5, 4 ; ranks y = 1, 3, 2, 4 ; Pearson of the ranks = 4.5 / sqrt(4.5 * 5)
        assertThat(Spearman.correlation(x, y)).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
        assertThat(Spearman.correlation(new double[] {1, 2, 3}, new double[] {30, 20, 10})).isCloseTo(-1, within(1e-12));
        assertThat(Spearman.correlation(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void int8PerColumnWeightsRoundTripWithinHalfAStep() {
        float[] w = {0.5f, -2f, -0.25f, 1f, 0.125f, 0f};
        WeightQuantization.Int8 q = WeightQuantization.int8PerColumn(w, 3, 2);
        assertThat(q.scales()).containsExactly(0.5f / 127, 2f / 127);
        for (int i = 0; i < w.length; i++) {
            assertThat(q.values()[i] * q.scales()[i % 2]).isCloseTo(w[i], within(q.scales()[i % 2] / 2 + 1e-7f));
        }
        assertThat(q.values()[0]).isEqualTo((byte) 127);
        assertThat(q.values()[1]).isEqualTo((byte) -127);
    }

    @Test
    void int4BlocksPackTheLowerIndexIntoTheLowNibbleAndKeepZeroExact() {
        int k = 64;
        float[] w = new float[k]; // one column, two blocks of 32
        for (int i = 0; i < k; i++) {
            w[i] = (i % 16) - 5; // -5 .. 10: scale 1, zero point 5
        }
        WeightQuantization.Int4Blocks q = WeightQuantization.int4Blocks(w, k, 1, 32);
        assertThat(q.blocks()).isEqualTo(2);
        assertThat(q.scales()).containsExactly(1f, 1f);
        assertThat(q.zeroPoints()).containsExactly((byte) 0x55);
        assertThat(q.packed()).hasSize(32);
        assertThat(q.packed()[0] & 0xFF).isEqualTo(0x10); // values 0 (low nibble) and 1 (high nibble)
        for (int i = 0; i < k; i++) {
            int nibble = (q.packed()[i / 2] >> (4 * (i % 2))) & 0x0F;
            assertThat((nibble - 5) * 1f).isEqualTo(w[i]);
        }
    }

    @Test
    void halfPrecisionConversionRoundsToNearestEven() {
        assertThat(WeightQuantization.toHalf(1f)).isEqualTo((short) 0x3C00);
        assertThat(WeightQuantization.toHalf(-2f)).isEqualTo((short) 0xC000);
        assertThat(WeightQuantization.toHalf(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(WeightQuantization.toHalf(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(WeightQuantization.toHalf(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(WeightQuantization.toHalf(5.960464477539063e-8f)).isEqualTo((short) 0x0001);
        assertThat(WeightQuantization.toHalf(1e-9f)).isEqualTo((short) 0);
        assertThat(WeightQuantization.toHalf(1f + 1f / 2048)).isEqualTo((short) 0x3C00); // tie -> even
        assertThat(WeightQuantization.toHalf(Float.NaN) & 0x7C00).isEqualTo(0x7C00);
    }

    @Test
    void stsLinesWithQuotedCommasAndDoubledQuotesAreSplitCorrectly() {
        assertThat(StsPairs.fields("A woman by a pillar.,\"a woman, where \"\"u2\"\" is written.\",4.2"))
                .containsExactly("A woman by a pillar.", "a woman, where \"u2\" is written.", "4.2");
    }
}
