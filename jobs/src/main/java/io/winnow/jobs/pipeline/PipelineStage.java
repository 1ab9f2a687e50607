package io.winnow.jobs.pipeline;

import io.winnow.core.config.ConfigEnum;

/** The stages `winnow run` can chain, in their config names. Stages talk only through tables. */
public enum PipelineStage implements ConfigEnum {
    INGEST("ingest"),
    EXACT_DEDUP("exact-dedup"),
    FUZZY_DEDUP("fuzzy-dedup"),
    QUALITY("quality"),
    DECONTAMINATE("decontaminate"),
    TOKENIZE("tokenize"),
    INFER("infer"),
    EMBED("embed"),
    SEMANTIC_DEDUP("semantic-dedup"),
    SELECT("select");

    private final String configName;

    PipelineStage(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
