package io.winnow.dedup.exact;

import io.winnow.core.config.ConfigEnum;

/** CCNet-style exact dedup of text units across documents, after document-level dedup. */
public enum LineDedupMode implements ConfigEnum {
    OFF("off", null),
    /** Units are lines (split on "\n"). */
    LINE("line", "\n"),
    /** Units are paragraphs (split on a blank line, "\n\n"). */
    PARAGRAPH("paragraph", "\n\n");

    private final String configName;
    private final String delimiter;

    LineDedupMode(String configName, String delimiter) {
        this.configName = configName;
        this.delimiter = delimiter;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Splitting on and re-joining with the same literal delimiter gives back the text exactly. */
    public String delimiter() {
        return delimiter;
    }
}
