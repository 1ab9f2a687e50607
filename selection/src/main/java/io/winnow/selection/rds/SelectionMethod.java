package io.winnow.selection.rds;

import io.winnow.core.config.ConfigEnum;
import java.util.Locale;

/** How the {@code select} stage picks its budget of pool items; every method writes the same selection table. */
public enum SelectionMethod implements ConfigEnum {
    /** RDS+: per-task max cosine to the task's queries, round-robin across tasks. */
    RDS,
    /** A uniform random sample of the pool (seeded). */
    RANDOM,
    /** Uniform over sources, then uniform within a source; exhausted sources hand their share to the others. */
    BALANCED_RANDOM,
    /** Prototype pruning: k-means in embedding space, keep the items farthest from their centroid. */
    PROTOTYPE_HARD,
    /** Prototype pruning: keep the items nearest to their centroid. */
    PROTOTYPE_EASY;

    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name written in the selection table's {@code method} column (snake case). */
    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsEmbeddings() {
        return this == RDS || this == PROTOTYPE_HARD || this == PROTOTYPE_EASY;
    }
}
