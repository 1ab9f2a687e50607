package io.winnow.batchinfer;

import io.winnow.core.config.ConfigEnum;
import java.util.Locale;

/** How one vector is made from the model's per-token output ({@code last_hidden_state}). */
public enum Pooling implements ConfigEnum {
    /** Average over the real tokens only (attention mask 1); sentence-transformers' default, MiniLM's pooling. */
    MEAN,
    /** The first token's ({@code [CLS]}) vector; BGE's pooling. */
    CLS,
    /**
     * The model's output as is: a {@code [batch, dim]} output row by row, or for a
     * {@code [batch, tokens, hidden]} output the real tokens' vectors concatenated (tokens x hidden values).
     */
    NONE;

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
