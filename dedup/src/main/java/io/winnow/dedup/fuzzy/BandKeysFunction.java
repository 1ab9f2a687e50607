package io.winnow.dedup.fuzzy;

import org.apache.spark.sql.api.java.UDF1;
import scala.collection.Seq;

/** Band keys of a stored signature (incremental runs read signatures without their band keys). */
final class BandKeysFunction implements UDF1<Seq<Long>, long[]> {
    private static final long serialVersionUID = 1L;

    private final LshParameters lsh;

    BandKeysFunction(LshParameters lsh) {
        this.lsh = lsh;
    }

    @Override
    public long[] call(Seq<Long> signature) {
        if (signature == null) {
            return null;
        }
        long[] values = new long[signature.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = signature.apply(i);
        }
        return SignatureFunction.bandKeys(values, lsh);
    }
}
