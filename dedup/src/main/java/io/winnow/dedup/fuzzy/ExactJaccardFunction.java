package io.winnow.dedup.fuzzy;

import io.winnow.core.text.TextNormalizer;
import org.apache.spark.sql.api.java.UDF2;

/** Exact Jaccard similarity of the shingle sets of two texts, normalised as for signatures. */
final class ExactJaccardFunction implements UDF2<String, String, Double> {
    private static final long serialVersionUID = 1L;

    private final TextNormalizer normalizer;
    private final MinHasher hasher;
    private transient ShingleJaccard jaccard;

    ExactJaccardFunction(FuzzyDedupConfig config) {
        this.normalizer = new TextNormalizer(config.normalization());
        this.hasher = new MinHasher(config.shingleType(), config.shingleSize(), 1, config.seed());
    }

    @Override
    public Double call(String left, String right) {
        if (left == null || right == null) {
            return null;
        }
        if (jaccard == null) {
            jaccard = new ShingleJaccard(hasher);
        }
        return jaccard.similarity(normalizer.normalize(left), normalizer.normalize(right));
    }
}
