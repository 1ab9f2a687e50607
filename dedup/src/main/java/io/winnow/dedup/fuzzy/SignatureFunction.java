package io.winnow.dedup.fuzzy;

import io.winnow.core.text.Murmur3;
import io.winnow.core.text.TextNormalizer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Text to MinHash signature and its LSH band keys, in one pass (null when the normalised text has
 * no shingle). Band keys are computed here, in Java, because doing it with Spark SQL array
 * functions allocated arrays per row and cost as much as the signatures themselves.
 */
final class SignatureFunction implements UDF1<String, Row> {
    static final ArrayType LONGS = DataTypes.createArrayType(DataTypes.LongType, true);
    static final StructType RESULT = new StructType().add("signature", LONGS, false).add("bands", LONGS, false);
    private static final long serialVersionUID = 1L;

    private final TextNormalizer normalizer;
    private final MinHasher hasher;
    private final LshParameters lsh;

    SignatureFunction(FuzzyDedupConfig config) {
        this.normalizer = new TextNormalizer(config.normalization());
        this.hasher = new MinHasher(config.shingleType(), config.shingleSize(), config.lsh().numHashes(), config.seed());
        this.lsh = config.lsh();
    }

    @Override
    public Row call(String text) {
        long[] signature = signatureOf(text);
        return signature == null ? null : RowFactory.create(signature, bandKeys(signature, lsh));
    }

    /** The band keys alone (null when no shingle): Spark then never converts the 260-value signature. */
    UDF1<String, long[]> bandsOnly() {
        return text -> {
            long[] signature = signatureOf(text);
            return signature == null ? null : bandKeys(signature, lsh);
        };
    }

    private long[] signatureOf(String text) {
        return text == null ? null : hasher.signature(normalizer.normalize(text));
    }

    /** One 64-bit key per band: the band's rows mixed together with the band index. */
    static long[] bandKeys(long[] signature, LshParameters lsh) {
        long[] keys = new long[lsh.bands()];
        for (int band = 0; band < lsh.bands(); band++) {
            long key = Murmur3.fmix64(band + 0x9E3779B97F4A7C15L);
            for (int row = 0; row < lsh.rows(); row++) {
                key = Murmur3.fmix64(key ^ signature[band * lsh.rows() + row]) * 0x100000001B3L;
            }
            keys[band] = key;
        }
        return keys;
    }
}
