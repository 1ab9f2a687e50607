package io.winnow.dedup.decontamination;

import java.io.Serializable;

/**
 * What happens around a match: Megatron-LM's / NeMo Curator's {@code remove_char_each_side},
 * {@code min_document_length} (applied to pieces) and {@code max_splits}.
 *
 * @param removeCharsEachSide characters removed before and after each matched span
 * @param minPieceChars pieces shorter than this are dropped
 * @param maxSplits a document needing more removal windows than this is dropped whole
 */
public record RemovalRule(int removeCharsEachSide, int minPieceChars, int maxSplits) implements Serializable {
    public RemovalRule {
        if (removeCharsEachSide < 0 || minPieceChars < 0 || maxSplits < 0) {
            throw new IllegalArgumentException("removal settings must be >= 0, got " + removeCharsEachSide + ", "
                    + minPieceChars + ", " + maxSplits);
        }
    }
}
