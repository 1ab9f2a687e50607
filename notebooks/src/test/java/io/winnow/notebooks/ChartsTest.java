package io.winnow.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final int BAR_RGB = 0x1f77b4;

    @Test
    void barsAreDrawnAt640By400WithTheLongestBarForTheLargestValue() {
        BufferedImage image = Charts.bars("kept per stage", List.of("ingest", "quality"), List.of(1000L, 500L));

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(barPixelsInRow(image, 44 + 356 / 4)).isGreaterThan(barPixelsInRow(image, 44 + 3 * 356 / 4));
        assertThat(barPixelsInRow(image, 44 + 3 * 356 / 4) * 2.0)
                .isCloseTo(barPixelsInRow(image, 44 + 356 / 4), org.assertj.core.data.Offset.offset(4.0));
    }

    @Test
    void aHistogramPutsEveryValueInABinIncludingTheBounds() {
        BufferedImage image = Charts.histogram("similarity", "Jaccard", new double[] {0.8, 0.85, 0.9, 1.0, 1.0}, 4, 0.8, 1.0);

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(columnHasBar(image, 60 + 560 / 8)).isTrue();
        assertThat(columnHasBar(image, 60 + 7 * 560 / 8)).isTrue();
    }

    @Test
    void labelsAndValuesOfDifferentSizesAreRejected() {
        assertThatThrownBy(() -> Charts.bars("t", List.of("a", "b"), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels and values must have the same size, got 2 labels and 1 values");
    }

    @Test
    void numbersAreWholeWhenWholeAndRoundedOtherwise() {
        assertThat(Charts.number(1234)).isEqualTo("1,234");
        assertThat(Charts.number(0.8765)).isEqualTo("0.877");
    }

    private static int barPixelsInRow(BufferedImage image, int y) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) & 0xffffff) == BAR_RGB) {
                count++;
            }
        }
        return count;
    }

    private static boolean columnHasBar(BufferedImage image, int x) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xffffff) == BAR_RGB) {
                return true;
            }
        }
        return false;
    }
}
