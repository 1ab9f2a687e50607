package io.winnow.dedup.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShingleJaccardTest {

    @Test
    void hashTableJaccardEqualsTheSortedSetJaccardOnRealEdits() {
        MinHasher hasher = new MinHasher(ShingleType.CHAR, 24, 1, 42);
        ShingleJaccard jaccard = new ShingleJaccard(hasher);
        List<String> documents = PlantedCorpus.c4Documents(40, 1500);
        int compared = 0;
        for (int i = 0; i < documents.size(); i++) {
            String original = documents.get(i).toLowerCase();
            for (double fraction : new double[] {0.0, 0.02, 0.1, 0.5}) {
                String edited = PlantedCorpus.replaceWords(original, fraction, i * 17L);
                double expected = MinHasher.jaccard(hasher.shingleSet(original), hasher.shingleSet(edited));
                assertThat(jaccard.similarity(original, edited)).as("document %d at %.2f", i, fraction).isEqualTo(expected);
                compared++;
            }
            // An unrelated document, and a long text against a short one (the table is reused at both sizes).
            String other = documents.get((i + 1) % documents.size()).toLowerCase();
            assertThat(jaccard.similarity(original, other))
                    .isEqualTo(MinHasher.jaccard(hasher.shingleSet(original), hasher.shingleSet(other)));
        }
        assertThat(compared).isEqualTo(160);
    }

    @Test
    void repeatedShinglesCountOnceAndEmptyTextsGiveZero() {
        MinHasher threes = new MinHasher(ShingleType.CHAR, 3, 1, 1);
        ShingleJaccard jaccard = new ShingleJaccard(threes);
        assertThat(jaccard.similarity("abcabcab", "abc")).as("{abc,bca,cab} vs {abc}").isEqualTo(1.0 / 3);
        assertThat(jaccard.similarity("abcd", "abce")).isEqualTo(1.0 / 3);
        assertThat(jaccard.similarity("", "")).isEqualTo(0.0);
        assertThat(new ShingleJaccard(new MinHasher(ShingleType.WORD, 2, 1, 1)).similarity("the cat sat", "sat the cat"))
                .isEqualTo(1.0 / 3);
    }
}
