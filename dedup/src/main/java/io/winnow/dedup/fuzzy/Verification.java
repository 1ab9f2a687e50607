package io.winnow.dedup.fuzzy;

import io.winnow.core.config.ConfigEnum;

/** How LSH candidate pairs are confirmed before they join a component. */
public enum Verification implements ConfigEnum {
    /** Exact Jaccard of the two shingle sets, recomputed from the texts (NeMo's false-positive check). */
    EXACT("exact"),
    /** Fraction of equal MinHash values: an estimate with standard error about sqrt(J(1-J)/hashes). */
    SIGNATURE("signature"),
    /** Every LSH candidate pair is connected (text-dedup's Spark script, datatrove). */
    OFF("off");

    private final String configName;

    Verification(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
