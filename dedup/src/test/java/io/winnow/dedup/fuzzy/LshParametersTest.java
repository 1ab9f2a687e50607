package io.winnow.dedup.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LshParametersTest {
    @Test
    void nemoDefaultsMatchThePublishedSCurve() {
        LshParameters nemo = new LshParameters(20, 13);
        assertThat(nemo.numHashes()).isEqualTo(260);
        assertThat(nemo.threshold()).isCloseTo(0.794, within(0.001));
        assertThat(nemo.candidateProbability(0.7)).isCloseTo(0.18, within(0.005));
        assertThat(nemo.candidateProbability(0.8)).isCloseTo(0.68, within(0.005));
        assertThat(nemo.candidateProbability(0.85)).isCloseTo(0.92, within(0.005));
        assertThat(nemo.candidateProbability(0.9)).isCloseTo(0.997, within(0.001));
    }

    @Test
    void choosingForThresholdPointSevenWith250HashesGivesTextDedupsAnswer() {
        assertThat(LshParameters.choose(0.7, 250, 0.5, 0.5)).isEqualTo(new LshParameters(25, 10));
    }

    @Test
    void theSCurveTableListsEveryStepFromHalfToNinetyFivePercent() {
        String table = new LshParameters(14, 8).sCurve();
        assertThat(table).contains("bands x rows = 14 x 8 (112 hashes), threshold ~ 0.719")
                .contains("| 0.50 |").contains("| 0.95 |").contains("| 0.80 | 0.92");
    }
}
