package io.winnow.dedup.exact;

import io.winnow.core.text.Murmur3;
import io.winnow.core.text.NormalizationOptions;
import io.winnow.core.text.TextNormalizer;
import org.apache.spark.sql.api.java.UDF1;

/**
 * 128-bit MurmurHash3 (32 hex chars) of normalised text. At 128 bits an accidental collision is
 * negligible even across billions of documents; 64 bits would give a few percent chance at 1e9.
 * Text that normalises to nothing hashes to null when {@code emptyIsNull} (used for lines, where
 * blank lines must never be treated as duplicates of each other).
 */
final class NormalizedHash implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;

    private final TextNormalizer normalizer;
    private final boolean emptyIsNull;

    NormalizedHash(NormalizationOptions options, boolean emptyIsNull) {
        this.normalizer = new TextNormalizer(options);
        this.emptyIsNull = emptyIsNull;
    }

    @Override
    public String call(String text) {
        if (text == null) {
            return null;
        }
        String normalized = normalizer.normalize(text);
        if (emptyIsNull && normalized.isEmpty()) {
            return null;
        }
        return Murmur3.hex128(normalized);
    }
}
