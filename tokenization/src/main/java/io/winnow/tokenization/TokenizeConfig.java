package io.winnow.tokenization;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.WinnowErrors;
import io.winnow.core.table.Tables;
import java.io.Serializable;

/**
 * Config of the {@code tokenize} stage (YAML section {@code tokenize}).
 *
 * @param input documents table (default {@code curated})
 * @param tokenizer path of a tokenizer.json, or of a directory holding one
 * @param output per-document token counts table (default {@code token_counts})
 * @param writeIds also write each document's token ids
 * @param quarantine table for rows without doc_id or text
 */
public record TokenizeConfig(String input, String tokenizer, String output, boolean writeIds, String quarantine)
        implements Serializable {

    public static final String SECTION = "tokenize";
    /** The largest default size written by train-tokenizers (under a local warehouse). */
    public static final String DEFAULT_TOKENIZER = TrainTokenizersConfig.DEFAULT_OUTPUT_DIR + "/bpe-8000/tokenizer.json";

    public TokenizeConfig {
        requireNonNull(input, "input is null");
        requireNonNull(tokenizer, "tokenizer is null");
        requireNonNull(output, "output is null");
        requireNonNull(quarantine, "quarantine is null");
        if (tokenizer.isBlank()) {
            throw new IllegalArgumentException("tokenizer is empty; give the path of a tokenizer.json");
        }
    }

    public static TokenizeConfig defaults(String tokenizerPath) {
        return new TokenizeConfig("curated", tokenizerPath, "token_counts", false, Tables.QUARANTINE);
    }

    public TokenizeConfig withTables(String inputTable, String outputTable) {
        return new TokenizeConfig(inputTable, tokenizer, outputTable, writeIds, quarantine);
    }

    public TokenizeConfig withWriteIds(boolean ids) {
        return new TokenizeConfig(input, tokenizer, output, ids, quarantine);
    }

    public TokenizeConfig withTokenizer(String tokenizerPath) {
        return new TokenizeConfig(input, tokenizerPath, output, writeIds, quarantine);
    }

    public static TokenizeConfig fromConfig(ConfigSection section) {
        String tokenizer = section.string("tokenizer", DEFAULT_TOKENIZER);
        if (tokenizer == null || tokenizer.isBlank()) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("tokenizer"), tokenizer,
                    "the path of a tokenizer.json (for example tokenizers/bpe-8000/tokenizer.json from train-tokenizers)");
        }
        TokenizeConfig d = defaults(tokenizer);
        TokenizeConfig config = new TokenizeConfig(
                section.string("input", d.input()),
                tokenizer,
                section.string("output", d.output()),
                section.bool("write-ids", d.writeIds()),
                section.string("quarantine", d.quarantine()));
        section.finish();
        return config;
    }
}
