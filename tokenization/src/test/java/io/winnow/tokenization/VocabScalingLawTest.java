package io.winnow.tokenization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.winnow.tokenization.VocabScalingLaw.TokensPerCharacter;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VocabScalingLawTest {

    /** The released tool's table (reference-algorithms.md section 2.6): N_nv, C_opt, V by approaches 1, 2, 3. */
    @ParameterizedTest(name = "N_nv={0}")
    @CsvSource({
        "3e9,   1.3e21,  39368,  42539,  36648",
        "7e9,   7.05e21, 62281,  67450,  59548",
        "13e9,  2.43e22, 83429,  90504,  81347",
        "30e9,  1.3e23,  141711, 154071, 141899",
        "70e9,  7.05e23, 211860, 230861, 217961",
        "130e9, 2.43e24, 236501, 258138, 248188",
        "300e9, 1.3e25,  355894, 389324, 383659",
    })
    void theToolsPredictionsAreReproducedWithinOnePercentForEachApproach(double nnv, double compute, long v1, long v2, long v3) {
        var predictions = VocabScalingLaw.predict(nnv, OptionalDouble.empty(), TokensPerCharacter.PAPER, "paper",
                VocabScalingLaw.GAMMA);
        assertThat(VocabScalingLaw.optimalCompute(nnv)).isCloseTo(compute, within(compute * 0.01));
        assertThat((double) predictions.get(0).vocabSize()).isCloseTo(v1, within(v1 * 0.01));
        assertThat((double) predictions.get(1).vocabSize()).isCloseTo(v2, within(v2 * 0.01));
        assertThat((double) predictions.get(2).vocabSize()).isCloseTo(v3, within(v3 * 0.01));
    }

    @Test
    void tokensPerCharacterMatchesThePapersExamplesAndIsCappedAt200k() {
        assertThat(TokensPerCharacter.PAPER.at(32_000)).isCloseTo(0.2524, within(1e-4));
        assertThat(TokensPerCharacter.PAPER.at(128_000)).isCloseTo(0.2293, within(1e-4));
        assertThat(TokensPerCharacter.PAPER.at(500_000)).isEqualTo(TokensPerCharacter.PAPER.at(200_000));
    }

    @Test
    void theDerivativeSolveWithThePapersFRecoversTheToolsGamma() {
        double gamma = VocabScalingLaw.derivedGamma(TokensPerCharacter.PAPER);
        System.out.printf("gamma re-derived from dC/dV = 0 with the paper's f(V): %.6f (tool: %.6f)%n", gamma, VocabScalingLaw.GAMMA);
        assertThat(gamma).isCloseTo(VocabScalingLaw.GAMMA, within(0.01));
    }

    @Test
    void aFitToPointsOnTheCurveReturnsTheCurvesCoefficients() {
        double[] v = {500, 1000, 2000, 4000, 8000};
        double[] f = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = TokensPerCharacter.PAPER.at(v[i]);
        }
        TokensPerCharacter fit = TokensPerCharacter.fit(v, f);
        assertThat(fit.a()).isCloseTo(0.00639222, within(1e-7));
        assertThat(fit.b()).isCloseTo(-0.15811069, within(1e-6));
        assertThat(fit.c()).isCloseTo(1.20470122, within(1e-6));
    }

    @Test
    void flopsFollowSixTimesParametersTimesTokens() {
        double nnv = 3e9;
        double h = 1e12;
        double expected = 6 * (nnv + 32_000 * 3200.0) * h * TokensPerCharacter.PAPER.at(32_000);
        assertThat(VocabScalingLaw.flops(nnv, h, 32_000, TokensPerCharacter.PAPER)).isCloseTo(expected, within(expected * 1e-12));
    }
}
