package io.winnow.selection.classifier;

import io.winnow.core.config.ConfigEnum;

/** How hashed n-gram counts become feature values before the logistic regression. */
public enum FeatureWeighting implements ConfigEnum {
    /** Raw term counts. */
    COUNTS("counts"),
    /** 1 if the n-gram occurs, else 0: long documents do not dominate through repetition. */
    BINARY("binary"),
    /** Counts scaled by inverse document frequency, fitted on the training split. */
    TF_IDF("tf-idf"),
    /** Presence (0/1) scaled by inverse document frequency. */
    BINARY_IDF("binary-idf");

    private final String configName;

    FeatureWeighting(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    boolean binary() {
        return this == BINARY || this == BINARY_IDF;
    }

    boolean inverseDocumentFrequency() {
        return this == TF_IDF || this == BINARY_IDF;
    }
}
