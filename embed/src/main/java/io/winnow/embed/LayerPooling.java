package io.winnow.embed;

import io.winnow.batchinfer.Pooling;
import io.winnow.core.config.ConfigEnum;
import java.util.Locale;

/** How one layer's token states {@code [seq, hidden]} become one vector (padding is always excluded). */
public enum LayerPooling implements ConfigEnum {
    /** The first token's ({@code [CLS]}) state; BGE's and Starbucks retrieval's pooling. */
    CLS,
    /** Mean over the real tokens (attention mask 1); sentence-transformers' and MiniLM's pooling. */
    MEAN,
    /**
     * Position-weighted mean (SGPT, used by RDS+): token i of S real tokens (1-based) gets weight
     * {@code i / (1 + 2 + ... + S) = 2i / (S(S+1))}, so later tokens count more.
     */
    WEIGHTED_MEAN;

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The batchinfer pooling's counterpart (a model's default pooling). */
    public static LayerPooling of(Pooling pooling) {
        return switch (pooling) {
            case CLS -> CLS;
            case MEAN -> MEAN;
            case NONE -> throw new IllegalArgumentException("pooling none has no per-layer counterpart; use cls, mean or weighted-mean");
        };
    }
}
