package io.winnow.dedup.fuzzy;

import io.winnow.core.text.TextNormalizer;
import org.apache.spark.sql.api.java.UDF1;

/** Text to MinHash signature (null when the normalised text has no shingle). One per task after deserialisation. */
final class SignatureFunction implements UDF1<String, long[]> {
    private static final long serialVersionUID = 1L;

    private final TextNormalizer normalizer;
    private final MinHasher hasher;

    SignatureFunction(FuzzyDedupConfig config) {
        this.normalizer = new TextNormalizer(config.normalization());
        this.hasher = new MinHasher(config.shingleType(), config.shingleSize(), config.lsh().numHashes(), config.seed());
    }

    @Override
    public long[] call(String text) {
        return text == null ? null : hasher.signature(normalizer.normalize(text));
    }
}
