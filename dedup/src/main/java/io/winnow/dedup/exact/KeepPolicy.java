package io.winnow.dedup.exact;

import io.winnow.core.config.ConfigEnum;

/** Which document of a duplicate group survives. Both are total orders, so the choice is deterministic. */
public enum KeepPolicy implements ConfigEnum {
    /** The smallest doc_id (string order). */
    LOWEST_DOC_ID("lowest-doc-id"),
    /** The earliest by source file, then line; doc_id breaks ties. */
    FIRST_SEEN("first-seen");

    private final String configName;

    KeepPolicy(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
