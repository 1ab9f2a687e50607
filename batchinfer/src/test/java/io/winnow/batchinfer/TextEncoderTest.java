package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextEncoderTest {
    static final List<String> SENTENCES = List.of(
            "A man is playing a guitar.",
            "A woman is slicing an onion in the kitchen while the radio plays an old song nobody remembers.",
            "The stock market fell sharply on Monday.",
            "Cats sleep.",
            "Three children are running across a wide green field toward a red kite that is stuck in a tall oak tree.",
            "The new library opens next week.",
            "A dog catches a frisbee.",
            "Scientists have discovered a new species of frog in the rainforests of Ecuador, according to a report.");

    private static TextEncoder open(String model) {
        return TextEncoder.open(ModelSpec.of(model), EncoderOptions.defaults(2));
    }

    @Test
    void miniLmGivesUnitLength384DimensionalVectorsInInputOrder() {
        try (TextEncoder encoder = open("all-minilm-l6-v2")) {
            float[][] vectors = encoder.encode(SENTENCES);
            assertThat(vectors).hasNumberOfRows(SENTENCES.size());
            for (float[] vector : vectors) {
                assertThat(vector).hasSize(384);
                assertThat(Vectors.norm(vector)).isCloseTo(1.0, within(1e-4));
            }
            // Encoding one at a time gives the same vector as inside a sorted, padded batch.
            for (int i = 0; i < SENTENCES.size(); i++) {
                float[] alone = encoder.encode(List.of(SENTENCES.get(i)))[0];
                assertThat(Vectors.cosine(alone, vectors[i])).isGreaterThan(0.99999);
            }
        }
    }

    @Test
    void shuffledInputOfMixedLengthsComesBackInInputOrderWithinTheTokenBudget() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add(SENTENCES.get(i % SENTENCES.size()) + " " + "and more words ".repeat(i % 7));
        }
        Collections.shuffle(texts, new Random(7));
        try (TextEncoder reference = open("all-minilm-l6-v2");
                TextEncoder batched = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2"),
                        EncoderOptions.defaults(2).withBatching(200, 16, true))) {
            float[][] expected = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                expected[i] = reference.encode(List.of(texts.get(i)))[0];
            }
            float[][] actual = batched.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Vectors.cosine(expected[i], actual[i])).as("text %s", i).isGreaterThan(0.99999);
            }
            EncoderStats stats = batched.stats();
            assertThat(stats.texts()).isEqualTo(40);
            int longest = java.util.Arrays.stream(batched.tokenLengths(texts)).max().orElseThrow();
            assertThat(stats.batches()).isGreaterThanOrEqualTo((stats.tokens() + stats.paddedTokens() + 199) / 200);
            assertThat(longest).isLessThan(200);
        }
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        try (TextEncoder encoder = open("all-minilm-l6-v2")) {
            float[][] v = encoder.encode(List.of(
                    "A man with a hard hat is dancing.",
                    "A man wearing a hard hat is dancing.",
                    "The central bank raised interest rates again."));
            assertThat(Vectors.cosine(v[0], v[1])).isGreaterThan(0.9);
            assertThat(Vectors.cosine(v[0], v[2])).isLessThan(0.3);
        }
    }

    @Test
    void longTextsAreTruncatedToMaxTokensAndCounted() {
        ModelSpec spec = ModelSpec.of("all-minilm-l6-v2").withMaxTokens(16);
        try (TextEncoder encoder = TextEncoder.open(spec, EncoderOptions.defaults(1))) {
            String longText = "word ".repeat(100);
            assertThat(encoder.tokenLengths(List.of(longText))).containsExactly(16);
            encoder.encode(List.of(longText, "short"));
            assertThat(encoder.stats().truncated()).isEqualTo(1);
            assertThat(encoder.stats().tokens()).isEqualTo(16 + 3);
        }
    }

    @Test
    void bgeClsPoolingDiffersFromMeanPoolingAndIsNormalised() {
        ModelSpec bge = ModelSpec.of("bge-small-en-v1.5");
        assertThat(bge.pooling()).isEqualTo(Pooling.CLS);
        assertThat(bge.normalize()).isTrue();
        try (TextEncoder cls = TextEncoder.open(bge, EncoderOptions.defaults(2));
                TextEncoder mean = TextEncoder.open(bge.withPooling(Pooling.MEAN), EncoderOptions.defaults(2))) {
            float[][] clsVectors = cls.encode(SENTENCES);
            float[][] meanVectors = mean.encode(SENTENCES);
            for (int i = 0; i < SENTENCES.size(); i++) {
                assertThat(clsVectors[i]).hasSize(384);
                assertThat(Vectors.norm(clsVectors[i])).isCloseTo(1.0, within(1e-4));
                assertThat(Vectors.cosine(clsVectors[i], meanVectors[i])).isLessThan(0.999);
            }
            float[][] pair = cls.encode(List.of("A man with a hard hat is dancing.", "A man wearing a hard hat is dancing.",
                    "The central bank raised interest rates again."));
            assertThat(Vectors.cosine(pair[0], pair[1])).isGreaterThan(Vectors.cosine(pair[0], pair[2]));
        }
    }

    @Test
    void withoutNormalisationMeanVectorsAreNotUnitLength() {
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2").withNormalize(false),
                EncoderOptions.defaults(2))) {
            assertThat(Vectors.norm(encoder.encode(List.of("Cats sleep."))[0])).isNotCloseTo(1.0, within(0.01));
        }
    }
}
