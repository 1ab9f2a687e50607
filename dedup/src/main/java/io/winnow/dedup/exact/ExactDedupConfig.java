package io.winnow.dedup.exact;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.table.Tables;
import io.winnow.core.text.NormalizationOptions;
import java.io.Serializable;

/**
 * Config of the {@code exact_dedup} stage (YAML section {@code exact-dedup}).
 *
 * @param input documents table to deduplicate
 * @param output table of kept documents
 * @param duplicates table of removed documents with their hash and representative
 * @param quarantine table for rows without doc_id or text
 * @param normalization applied before hashing documents
 * @param keep which document of a duplicate group survives
 * @param lineMode CCNet-style line/paragraph dedup after document dedup, or off
 * @param lineNormalization applied to each line/paragraph before hashing (CCNet's by default)
 * @param minRemainingChars a document that lost units and has fewer characters left is dropped (CCNet: 300)
 */
public record ExactDedupConfig(
        String input,
        String output,
        String duplicates,
        String quarantine,
        NormalizationOptions normalization,
        KeepPolicy keep,
        LineDedupMode lineMode,
        NormalizationOptions lineNormalization,
        long minRemainingChars) implements Serializable {

    public static final String SECTION = "exact-dedup";

    public ExactDedupConfig {
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(duplicates, "duplicates is null");
        requireNonNull(quarantine, "quarantine is null");
        requireNonNull(normalization, "normalization is null");
        requireNonNull(keep, "keep is null");
        requireNonNull(lineMode, "lineMode is null");
        requireNonNull(lineNormalization, "lineNormalization is null");
        if (minRemainingChars < 0) {
            throw new IllegalArgumentException("minRemainingChars must be >= 0, got " + minRemainingChars);
        }
    }

    public static ExactDedupConfig defaults() {
        return new ExactDedupConfig(Tables.DOCUMENTS, Tables.EXACT_DEDUPED, Tables.EXACT_DUPLICATES, Tables.QUARANTINE,
                NormalizationOptions.DOCUMENT_DEFAULT, KeepPolicy.LOWEST_DOC_ID, LineDedupMode.OFF,
                NormalizationOptions.CCNET_LINE, 300);
    }

    public ExactDedupConfig withNormalization(NormalizationOptions options) {
        return new ExactDedupConfig(input, output, duplicates, quarantine, options, keep, lineMode, lineNormalization,
                minRemainingChars);
    }

    public ExactDedupConfig withLineMode(LineDedupMode mode, long minimumRemainingChars) {
        return new ExactDedupConfig(input, output, duplicates, quarantine, normalization, keep, mode, lineNormalization,
                minimumRemainingChars);
    }

    public ExactDedupConfig withKeep(KeepPolicy policy) {
        return new ExactDedupConfig(input, output, duplicates, quarantine, normalization, policy, lineMode,
                lineNormalization, minRemainingChars);
    }

    public ExactDedupConfig withTables(String inputTable, String outputTable, String duplicatesTable) {
        return new ExactDedupConfig(inputTable, outputTable, duplicatesTable, quarantine, normalization, keep, lineMode,
                lineNormalization, minRemainingChars);
    }

    public static ExactDedupConfig fromConfig(ConfigSection section) {
        ExactDedupConfig defaults = defaults();
        ConfigSection lines = section.section("line-dedup");
        ExactDedupConfig config = new ExactDedupConfig(
                section.string("input", defaults.input()),
                section.string("output", defaults.output()),
                section.string("duplicates", defaults.duplicates()),
                section.string("quarantine", defaults.quarantine()),
                normalization(section.section("normalize"), defaults.normalization()),
                section.enumValue("keep", KeepPolicy.class, defaults.keep()),
                lines.enumValue("mode", LineDedupMode.class, defaults.lineMode()),
                normalization(lines.section("normalize"), defaults.lineNormalization()),
                lines.integer("min-remaining-chars", defaults.minRemainingChars(), 0, Integer.MAX_VALUE));
        lines.finish();
        section.finish();
        return config;
    }

    static NormalizationOptions normalization(ConfigSection section, NormalizationOptions defaults) {
        NormalizationOptions options = new NormalizationOptions(
                section.bool("unicode-nfkc", defaults.unicodeNfkc()),
                section.bool("lowercase", defaults.lowercase()),
                section.bool("whitespace", defaults.whitespace()),
                section.bool("punctuation", defaults.punctuation()),
                section.bool("digits", defaults.digits()),
                section.bool("accents", defaults.accents()));
        section.finish();
        return options;
    }
}
