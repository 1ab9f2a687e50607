package io.winnow.embed;

import io.winnow.core.error.ErrorCode;
import io.winnow.core.error.WinnowException;
import java.util.List;

/** All user-facing errors of the embed module, built in one place: what happened, why, how to fix it. */
final class EmbedErrors {
    private EmbedErrors() {}

    static WinnowException conflictingGranularities(List<String> given) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "embed sets %s, but only one way of choosing (layer, dim) pairs may be used. Set either"
                        + " embed.granularities (a list of 'layer:dim'), or embed.layers and/or embed.dims (a grid), or"
                        + " embed.preset: starbucks.",
                String.join(" and ", given)));
    }

    static WinnowException notAPositiveNumber(String key, String value) {
        return new WinnowException(ErrorCode.CONFIG_INVALID, String.format(
                "%s holds '%s', which is not a whole number >= 1. List layer numbers (from 1) or dims, e.g."
                        + " [2, 4, 6] or [64, 128, 384].", key, value));
    }

    static WinnowException vectorsNotAMultiple(long vectors, String outputPath, int granularities) {
        return new WinnowException(ErrorCode.COUNTS_DO_NOT_ADD_UP, String.format(
                "Stage embed wrote %d vectors to '%s', not a multiple of its %d granularities, so some documents"
                        + " lack some sizes. This is a bug or a concurrent write; rerun the stage with --force.",
                vectors, outputPath, granularities));
    }
}
