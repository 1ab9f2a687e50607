package io.winnow.selection.rds;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A pool item with its score for one task.
 *
 * @param itemId the pool item's id
 * @param score the per-task score (max cosine over the task's queries)
 */
public record RankedItem(String itemId, double score) implements Serializable {
    /** Best first: higher score, then the smaller item id, so ties break the same way on every run. */
    public static final Comparator<RankedItem> BEST_FIRST = Comparator.comparingDouble(RankedItem::score).reversed()
            .thenComparing(RankedItem::itemId);

    public RankedItem {
        requireNonNull(itemId, "itemId is null");
    }
}
