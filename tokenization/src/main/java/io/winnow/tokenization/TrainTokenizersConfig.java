package io.winnow.tokenization;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.WinnowErrors;
import java.io.Serializable;
import java.util.List;

/**
 * Config of {@code winnow train-tokenizers} (YAML section {@code train-tokenizers}).
 *
 * @param input warehouse table (default {@code curated}) or a .jsonl/.json/.parquet path with a {@code text} column
 * @param outputDir directory that gets one {@code bpe-<size>/tokenizer.json} per size
 * @param vocabSizes the vocabulary sizes to write (special tokens and the 256 bytes included); trained once to the largest
 * @param specialTokens added first, with ids 0.. (default {@code <|endoftext|>})
 * @param maxDocuments train on at most this many documents (0 = all)
 */
public record TrainTokenizersConfig(
        String input,
        String outputDir,
        List<Integer> vocabSizes,
        List<String> specialTokens,
        long maxDocuments) implements Serializable {

    public static final String SECTION = "train-tokenizers";
    /** Relative directories are placed under a local warehouse by the command line. */
    public static final String DEFAULT_OUTPUT_DIR = "_tokenizers";
    public static final List<Integer> DEFAULT_SIZES = List.of(500, 1000, 2000, 4000, 8000);

    public TrainTokenizersConfig {
        requireNonNull(input, "input is null");
        requireNonNull(outputDir, "outputDir is null");
        vocabSizes = List.copyOf(requireNonNull(vocabSizes, "vocabSizes is null")).stream().sorted().distinct().toList();
        specialTokens = List.copyOf(requireNonNull(specialTokens, "specialTokens is null"));
        if (vocabSizes.isEmpty()) {
            throw new IllegalArgumentException("vocabSizes is empty; give at least one vocabulary size");
        }
        int base = BpeVocabulary.baseSize(specialTokens);
        if (vocabSizes.get(0) < base) {
            throw new IllegalArgumentException("vocabulary size " + vocabSizes.get(0) + " is below " + base
                    + " (the 256 byte tokens plus " + specialTokens.size() + " special tokens); raise it");
        }
        if (maxDocuments < 0) {
            throw new IllegalArgumentException("maxDocuments must be >= 0, got " + maxDocuments);
        }
    }

    public static TrainTokenizersConfig defaults() {
        return new TrainTokenizersConfig("curated", DEFAULT_OUTPUT_DIR, DEFAULT_SIZES, List.of("<|endoftext|>"), 0);
    }

    public TrainTokenizersConfig withInput(String newInput, String newOutputDir) {
        return new TrainTokenizersConfig(newInput, newOutputDir, vocabSizes, specialTokens, maxDocuments);
    }

    public TrainTokenizersConfig withVocabSizes(List<Integer> sizes) {
        return new TrainTokenizersConfig(input, outputDir, sizes, specialTokens, maxDocuments);
    }

    public static TrainTokenizersConfig fromConfig(ConfigSection section) {
        TrainTokenizersConfig d = defaults();
        List<String> sizes = section.stringList("vocab-sizes", d.vocabSizes().stream().map(String::valueOf).toList());
        List<Integer> parsed;
        try {
            parsed = sizes.stream().map(s -> Integer.parseInt(s.trim().replace("_", ""))).toList();
        } catch (NumberFormatException e) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("vocab-sizes"), sizes,
                    "a list of whole numbers such as [500, 1000, 2000, 4000, 8000]");
        }
        TrainTokenizersConfig config;
        try {
            config = new TrainTokenizersConfig(
                    section.string("input", d.input()),
                    section.string("output-dir", d.outputDir()),
                    parsed,
                    section.stringList("special-tokens", d.specialTokens()),
                    section.integer("max-documents", d.maxDocuments(), 0, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("vocab-sizes"), sizes, e.getMessage());
        }
        section.finish();
        return config;
    }
}
