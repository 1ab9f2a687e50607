package io.winnow.dedup.semantic;

import java.io.Serializable;

/**
 * Matryoshka adaptive search for the pairwise step: for each item, shortlist the {@code size} earlier items with
 * the highest cosine on the first {@code lowDim} dimensions (each prefix re-normalised), then take the maximum
 * full-dimension cosine over the shortlist. Exact whenever an item's true nearest earlier item makes the
 * shortlist; {@link #OFF} compares every pair at full dimension.
 *
 * @param lowDim shortlist dimension; 0 = off
 * @param size shortlist length per item
 */
public record AdaptiveShortlist(int lowDim, int size) implements Serializable {
    public static final AdaptiveShortlist OFF = new AdaptiveShortlist(0, 0);

    public AdaptiveShortlist {
        if (lowDim < 0) {
            throw new IllegalArgumentException("lowDim must be >= 0 (0 = off), got " + lowDim);
        }
        if (lowDim > 0 && size < 1) {
            throw new IllegalArgumentException("the shortlist size must be >= 1 when lowDim is set, got " + size);
        }
    }

    public boolean enabled() {
        return lowDim > 0;
    }
}
