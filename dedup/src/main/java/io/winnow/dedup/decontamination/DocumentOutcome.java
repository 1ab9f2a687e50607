package io.winnow.dedup.decontamination;

/** What decontamination did to one document; {@link #action()} is the contamination table's word for it. */
public enum DocumentOutcome {
    /** No (non-common) task n-gram: the document is kept as is. */
    UNCHANGED(null),
    /** Matches were cut out; the pieces long enough were kept. */
    SPLIT("removed_span"),
    /** More removal windows than max-splits: the document is too contaminated to keep any of it. */
    DROPPED_TOO_MANY_SPLITS("document_dropped_too_many_splits"),
    /** Matches were cut out and no piece left was long enough to keep. */
    DROPPED_NO_PIECE_LONG_ENOUGH("document_dropped_no_piece_long_enough");

    private final String action;

    DocumentOutcome(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }

    public boolean dropped() {
        return this == DROPPED_TOO_MANY_SPLITS || this == DROPPED_NO_PIECE_LONG_ENOUGH;
    }
}
