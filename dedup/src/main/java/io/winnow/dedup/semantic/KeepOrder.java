package io.winnow.dedup.semantic;

import io.winnow.core.config.ConfigEnum;

/**
 * Order of the items within a cluster (NeMo Curator's {@code which_to_keep}); the first item of a group of
 * near-duplicates in this order is the one kept.
 */
public enum KeepOrder implements ConfigEnum {
    /** Farthest from the centroid first (SemDeDup's default {@code keep_hard=True}): keeps the least prototypical. */
    HARD("hard"),
    /** Closest to the centroid first: keeps the most prototypical. */
    EASY("easy"),
    /** A seeded random order (hash of seed and doc id). */
    RANDOM("random");

    private final String configName;

    KeepOrder(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
