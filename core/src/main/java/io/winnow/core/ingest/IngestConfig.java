package io.winnow.core.ingest;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import java.io.Serializable;

/**
 * Config of the {@code ingest} stage (YAML section {@code ingest}).
 *
 * @param input file, directory (read recursively) or glob (local, hdfs://, s3a://), or several separated by commas
 * @param format how to read the files; {@code auto} decides per file by extension
 * @param textField JSON/Parquet field holding the text; dots address nested JSON objects
 * @param idField field holding a document id, or null to generate stable ids from file and line
 * @param urlField field holding the document URL, if present
 * @param source value of the {@code source} column; null means the input directory's name
 * @param maxTextChars longer texts are quarantined as {@code text_too_large}
 * @param rawRecordMaxChars quarantine keeps at most this much of the raw record
 * @param output table name or path for the documents
 * @param quarantine table name or path for quarantined records
 */
public record IngestConfig(
        String input,
        InputFormat format,
        String textField,
        String idField,
        String urlField,
        String source,
        long maxTextChars,
        int rawRecordMaxChars,
        String output,
        String quarantine) implements Serializable {

    public static final String SECTION = "ingest";
    public static final String DEFAULT_INPUT = "data/demo/corpus";

    public IngestConfig {
        requireNonNull(input, "input is null");
        requireNonNull(format, "format is null");
        requireNonNull(textField, "textField is null");
        requireNonNull(output, "output is null");
        requireNonNull(quarantine, "quarantine is null");
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be >= 1, got " + maxTextChars);
        }
        if (rawRecordMaxChars < 16) {
            throw new IllegalArgumentException("rawRecordMaxChars must be >= 16, got " + rawRecordMaxChars);
        }
    }

    public static IngestConfig defaults(String input) {
        return new IngestConfig(input, InputFormat.AUTO, "text", null, "url", null, 1_000_000, 1_000,
                Tables.DOCUMENTS, Tables.QUARANTINE);
    }

    public static IngestConfig fromConfig(ConfigSection section) {
        IngestConfig config = new IngestConfig(
                section.string("input", DEFAULT_INPUT),
                section.enumValue("format", InputFormat.class, InputFormat.AUTO),
                section.string("text-field", "text"),
                section.string("id-field", null),
                section.string("url-field", "url"),
                section.string("source", null),
                section.integer("max-text-chars", 1_000_000, 1, Integer.MAX_VALUE),
                (int) section.integer("raw-record-max-chars", 1_000, 16, 1_000_000),
                section.string("output", Tables.DOCUMENTS),
                section.string("quarantine", Tables.QUARANTINE));
        section.finish();
        return config;
    }
}
