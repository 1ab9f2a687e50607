package io.winnow.core.ingest;

import io.winnow.core.config.ConfigEnum;
import java.util.List;
import java.util.Locale;

/** How input files are read. {@code AUTO} decides per file from its name. */
public enum InputFormat implements ConfigEnum {
    AUTO("auto"),
    /** One JSON object per line; {@code .jsonl}, {@code .json}, {@code .ndjson}, optionally compressed. */
    JSONL("jsonl"),
    PARQUET("parquet"),
    /** Each file is one document; {@code .txt}, {@code .text}, {@code .md}, optionally compressed. */
    TEXT("text");

    static final List<String> KNOWN_ENDINGS = List.of(
            ".jsonl", ".json", ".ndjson", ".parquet", ".txt", ".text", ".md", "(each may end in .gz, .bz2 or .deflate)");

    private final String configName;

    InputFormat(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** The format named by a file's extension, ignoring a compression suffix; null when unknown. */
    static InputFormat fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String compression : List.of(".gz", ".bz2", ".deflate")) {
            if (lower.endsWith(compression)) {
                lower = lower.substring(0, lower.length() - compression.length());
                break;
            }
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
            return JSONL;
        }
        if (lower.endsWith(".parquet")) {
            return PARQUET;
        }
        if (lower.endsWith(".txt") || lower.endsWith(".text") || lower.endsWith(".md")) {
            return TEXT;
        }
        return null;
    }
}
