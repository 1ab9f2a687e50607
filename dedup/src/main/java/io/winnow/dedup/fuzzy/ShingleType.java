package io.winnow.dedup.fuzzy;

import io.winnow.core.config.ConfigEnum;

/** What a shingle is: NeMo Curator uses character 24-grams, datatrove word 5-grams. */
public enum ShingleType implements ConfigEnum {
    CHAR("char"),
    WORD("word");

    private final String configName;

    ShingleType(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
