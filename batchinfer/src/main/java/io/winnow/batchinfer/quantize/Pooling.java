package io.winnow.batchinfer.quantize;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.Locale;

/** How token vectors become one sentence vector (always L2-normalised afterwards). */
public enum Pooling {
    /** Mean over the tokens the attention mask keeps (sentence-transformers MiniLM). */
    MEAN,
    /** The first ([CLS]) token's vector (BGE). */
    CLS;

    public static Pooling parse(String value) {
        for (Pooling pooling : values()) {
            if (pooling.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return pooling;
            }
        }
        throw new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "Unknown pooling '%s'. Allowed values: mean, cls. Use mean for all-MiniLM models and cls for BGE models.",
                value));
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
