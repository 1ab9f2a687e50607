package io.winnow.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorMathTest {
    @Test
    void dotAndNormMatchTheTextbookDefinitions() {
        float[] a = {1, 2, 3};
        float[] b = {4, -5, 6};
        assertThat(VectorMath.dot(a, b)).isEqualTo(12.0);
        assertThat(VectorMath.norm(new float[] {3, 4})).isEqualTo(5.0);
        assertThat(VectorMath.dot(a, 1, b, 1, 2)).isEqualTo(8.0);
    }

    @Test
    void normalizeGivesAUnitVectorAndRejectsZeroOrNonFiniteVectors() {
        float[] unit = VectorMath.normalize(new float[] {3, 4});
        assertThat(unit).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
        assertThat(VectorMath.isNormalizable(new float[] {0, 0})).isFalse();
        assertThat(VectorMath.isNormalizable(new float[] {1, Float.NaN})).isFalse();
        assertThat(VectorMath.isNormalizable(new float[0])).isFalse();
        assertThatThrownBy(() -> VectorMath.normalize(new float[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixTruncatesToTheFirstDimensionsAndRenormalises() {
        float[] v = {3, 4, 100, -7};
        assertThat(VectorMath.prefix(v, 2)).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
        float[] rows = VectorMath.prefixRows(new float[] {3, 4, 9, 0, 2, 1}, 3, 2);
        assertThat(rows).containsExactly(new float[] {0.6f, 0.8f, 0f, 1f}, within(1e-6f));
        assertThatThrownBy(() -> VectorMath.prefix(v, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
