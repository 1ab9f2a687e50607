package io.winnow.selection.classifier;

import io.winnow.core.config.ConfigEnum;

/** How a quality score decides whether a document is kept. */
public enum ClassifierKeepMode implements ConfigEnum {
    /** Keep when the score reaches a fixed threshold. */
    THRESHOLD("threshold"),
    /**
     * GPT-3 / NeMo Curator FastTextQualityFilter: keep when a Pareto (Lomax) draw exceeds 1 - score,
     * so low-score documents are mostly, not entirely, dropped and the kept data stays diverse.
     */
    PARETO("pareto");

    private final String configName;

    ClassifierKeepMode(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
