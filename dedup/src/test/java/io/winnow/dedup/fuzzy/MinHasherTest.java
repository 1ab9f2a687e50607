package io.winnow.dedup.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinHasherTest {
    private final MinHasher chars = new MinHasher(ShingleType.CHAR, 24, 260, 42);

    @Test
    void theSignatureEstimateTracksExactJaccardOnRealEdits() {
        List<String> documents = PlantedCorpus.c4Documents(60, 1500);
        double totalError = 0;
        int pairs = 0;
        for (int i = 0; i < documents.size(); i++) {
            String original = documents.get(i).toLowerCase();
            for (double fraction : new double[] {0.01, 0.03, 0.08, 0.2}) {
                String edited = PlantedCorpus.replaceWords(original, fraction, i * 31L);
                double exact = MinHasher.jaccard(chars.shingleSet(original), chars.shingleSet(edited));
                double estimate = MinHasher.estimatedJaccard(chars.signature(original), chars.signature(edited));
                assertThat(estimate).as("pair %d at %.2f", i, fraction).isCloseTo(exact, within(0.12));
                totalError += Math.abs(estimate - exact);
                pairs++;
            }
        }
        // Standard error of a 260-hash estimate is at most 0.031; the mean absolute error must be well below.
        assertThat(totalError / pairs).isLessThan(0.03);
    }

    @Test
    void identicalTextsHaveIdenticalSignaturesAndTheSeedIsRespected() {
        String text = PlantedCorpus.c4Documents(1, 500).get(0);
        assertThat(chars.signature(text)).isEqualTo(new MinHasher(ShingleType.CHAR, 24, 260, 42).signature(text));
        assertThat(chars.signature(text)).isNotEqualTo(new MinHasher(ShingleType.CHAR, 24, 260, 7).signature(text));
        assertThat(MinHasher.estimatedJaccard(chars.signature(text), chars.signature(text))).isEqualTo(1.0);
    }

    @Test
    void emptyTextHasNoSignatureAndShortTextIsOneShingle() {
        assertThat(chars.signature("")).isNull();
        assertThat(chars.shingleSet("short")).hasSize(1);
        assertThat(chars.signature("short")).hasSize(260);
        assertThat(new MinHasher(ShingleType.WORD, 5, 16, 1).signature(" \n\t ")).isNull();
    }

    @Test
    void charShinglesAreAllDistinctWindowsOfTheGivenWidth() {
        MinHasher threes = new MinHasher(ShingleType.CHAR, 3, 4, 1);
        assertThat(threes.shingleSet("abcabcab")).as("abc bca cab (repeats collapse)").hasSize(3);
        assertThat(MinHasher.jaccard(threes.shingleSet("abcd"), threes.shingleSet("abce"))).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void wordShinglesIgnoreWhitespaceRunsButNotWordOrder() {
        MinHasher words = new MinHasher(ShingleType.WORD, 2, 64, 1);
        assertThat(words.shingleSet("the cat sat")).isEqualTo(words.shingleSet("  the\n cat \t sat "));
        assertThat(MinHasher.jaccard(words.shingleSet("the cat sat"), words.shingleSet("sat the cat"))).isCloseTo(1.0 / 3, within(1e-9));
    }
}
