package io.winnow.batchinfer;

import io.winnow.core.config.ConfigEnum;
import java.util.Locale;

/** How one layer's token states {@code [seq, hidden]} become one vector (padding is always excluded). */
public enum Pooling implements ConfigEnum {
    /** Mean over the real tokens (attention mask 1); sentence-transformers' and MiniLM's pooling. */
    MEAN,
    /** The first token's ({@code [CLS]}) state; BGE's and Starbucks retrieval's pooling. */
    CLS,
    /**
     * Position-weighted mean (SGPT, used by RDS+): token i of S real tokens (1-based) gets weight
     * {@code i / (1 + 2 + ... + S) = 2i / (S(S+1))}, so later tokens count more.
     */
    WEIGHTED_MEAN;

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
