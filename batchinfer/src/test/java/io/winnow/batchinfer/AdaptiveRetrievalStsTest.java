package io.winnow.batchinfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.winnow.core.vector.AdaptiveRetrieval;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matryoshka adaptive retrieval on real MiniLM embeddings of STS-B sentences (skipped without ../shared/data). */
class AdaptiveRetrievalStsTest {
    @Test
    void lowDimensionalShortlistsRerankedAtFullDimensionRecallMostOfTheExactTopTen() {
        Optional<Path> sts = StsSentences.directory();
        assumeTrue(sts.isPresent(), "STS-B files not found under ../shared/data");
        List<String> sentences = StsSentences.sentences(sts.get(), 2100);
        float[][] vectors;
        try (TextEncoder encoder = TextEncoder.open(ModelSpec.of("all-minilm-l6-v2-int8"), EncoderOptions.defaults(2))) {
            vectors = encoder.encode(sentences);
        }
        float[][] corpus = java.util.Arrays.copyOfRange(vectors, 0, 2000);
        float[][] queries = java.util.Arrays.copyOfRange(vectors, 2000, vectors.length);
        AdaptiveRetrieval index = AdaptiveRetrieval.of(corpus);
        double[] recall = new double[3];
        int[] lowDims = {32, 64, 128};
        for (float[] query : queries) {
            AdaptiveRetrieval.Neighbors exact = index.exact(query, 10);
            assertThat(index.search(query, 10, 384, 10).ids()).containsExactly(exact.ids());
            for (int d = 0; d < lowDims.length; d++) {
                recall[d] += AdaptiveRetrieval.recallAtK(exact, index.search(query, 10, lowDims[d], 200), 10) / queries.length;
            }
        }
        System.out.printf("recall@10 with a 200 shortlist at 32/64/128 of 384 dims: %.3f / %.3f / %.3f%n",
                recall[0], recall[1], recall[2]);
        // MiniLM is not Matryoshka-trained, so 32 dims lose much; 128 dims with a 200 shortlist recover nearly all.
        assertThat(recall[0]).isLessThan(recall[1]);
        assertThat(recall[1]).isLessThan(recall[2]);
        assertThat(recall[2]).isGreaterThan(0.95);
        assertThat(recall[0]).isGreaterThan(0.5);
    }
}
