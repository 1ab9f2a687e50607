package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatryoshkaTest {

    @Test
    void weightedMeanPoolingWeighsTokenIByIOverTheSumOfPositionsAndIgnoresPadding() {
        // batch of 2, seq 3, hidden 2; the second text has 2 real tokens and one padding position
        float[] data = {
            1, 10, 2, 20, 3, 30,
            4, 40, 5, 50, 99, 99,
        };
        float[][] pooled = Matryoshka.pool(data, 2, 3, 2, new int[] {3, 2}, Pooling.WEIGHTED_MEAN);
        // text 1: weights 1/6, 2/6, 3/6 -> (1 + 4 + 9) / 6 = 14/6
        assertThat(pooled[0][0]).isCloseTo(14f / 6, within(1e-6f));
        assertThat(pooled[0][1]).isCloseTo(140f / 6, within(1e-5f));
        // text 2: weights 1/3, 2/3 -> (4 + 10) / 3
        assertThat(pooled[1][0]).isCloseTo(14f / 3, within(1e-6f));
        assertThat(pooled[1][1]).isCloseTo(140f / 3, within(1e-5f));

        float[][] mean = Matryoshka.pool(data, 2, 3, 2, new int[] {3, 2}, Pooling.MEAN);
        assertThat(mean[1]).containsExactly(4.5f, 45f);
        float[][] cls = Matryoshka.pool(data, 2, 3, 2, new int[] {3, 2}, Pooling.CLS);
        assertThat(cls[1]).containsExactly(4f, 40f);
    }

    @Test
    void truncationIsTheRenormalisedPrefix() {
        float[] truncated = Matryoshka.truncate(new float[] {3, 4, 12}, 2);
        assertThat(truncated).containsExactly(0.6f, 0.8f);
        assertThat(Matryoshka.truncate(new float[] {0, 0, 1}, 2)).containsExactly(0f, 0f);
    }

    @Test
    void truncatedEmbeddingsEqualTheRenormalisedPrefixOfTheFullOnesAndTheLastLayerMatchesTextEncoder() {
        ModelSpec spec = ModelSpec.of("all-minilm-l6-v2");
        List<Granularity> sizes = List.of(new Granularity(6, 384), new Granularity(6, 64), new Granularity(3, 384),
                new Granularity(3, 32));
        Map<Granularity, float[][]> vectors;
        try (TextEncoder encoder = TextEncoder.open(spec, EncoderOptions.defaults(2).withGranularities(sizes))) {
            vectors = encoder.encodeGranularities(OrtRunner.SENTENCES);
        }
        assertThat(vectors).containsOnlyKeys(sizes);
        float[][] full6 = vectors.get(new Granularity(6, 384));
        float[][] full3 = vectors.get(new Granularity(3, 384));
        for (int i = 0; i < OrtRunner.SENTENCES.size(); i++) {
            assertThat(vectors.get(new Granularity(6, 64))[i]).hasSize(64)
                    .containsExactly(Matryoshka.truncate(full6[i], 64), within(1e-6f));
            assertThat(vectors.get(new Granularity(3, 32))[i]).hasSize(32)
                    .containsExactly(Matryoshka.truncate(full3[i], 32), within(1e-6f));
            assertThat(Matryoshka.dot(full3[i], full3[i])).isCloseTo(1.0, within(1e-5));
        }
        float[][] reference;
        try (TextEncoder encoder = TextEncoder.open(spec, EncoderOptions.defaults(2))) {
            reference = encoder.encode(OrtRunner.SENTENCES);
        }
        for (int i = 0; i < reference.length; i++) {
            assertThat(Matryoshka.dot(reference[i], full6[i])).isGreaterThan(0.9999);
            // an earlier layer is a different, still related, representation
            assertThat(Matryoshka.dot(full3[i], full6[i])).isLessThan(0.99);
        }
    }
}
