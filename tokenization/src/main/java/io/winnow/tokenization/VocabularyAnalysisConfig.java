package io.winnow.tokenization;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import io.winnow.core.error.WinnowErrors;
import java.io.Serializable;
import java.util.List;

/**
 * Config of {@code winnow vocab-analysis} (YAML section {@code vocab-analysis}).
 *
 * @param input warehouse table (default {@code curated}) or .jsonl/.json/.parquet path whose tokens per character are measured
 * @param tokenizersDir directory with the {@code bpe-<size>/tokenizer.json} files of train-tokenizers
 * @param output Delta table of measurements, fitted coefficients and predictions (default {@code vocab_analysis})
 * @param plot PNG file of measured f(V), the fitted curve and the paper's
 * @param nonVocabParams N_nv values to predict the compute-optimal vocabulary for
 * @param computeFlops FLOPs budget for approach 3 (0: the compute-optimal budget of each N_nv)
 * @param multilingual UDHR JSONL (id, text) for the multilingual comparison; empty or missing: skipped
 * @param languages UDHR ids to compare
 * @param maxDocuments measure on at most this many documents (0 = all)
 */
public record VocabularyAnalysisConfig(
        String input,
        String tokenizersDir,
        String output,
        String plot,
        List<Double> nonVocabParams,
        double computeFlops,
        String multilingual,
        List<String> languages,
        long maxDocuments) implements Serializable {

    public static final String SECTION = "vocab-analysis";
    public static final List<String> DEFAULT_LANGUAGES = List.of("eng", "deu", "fra", "spa", "rus", "arb", "hin", "cmn_hans");

    public VocabularyAnalysisConfig {
        requireNonNull(input, "input is null");
        requireNonNull(tokenizersDir, "tokenizersDir is null");
        requireNonNull(output, "output is null");
        requireNonNull(plot, "plot is null");
        nonVocabParams = List.copyOf(requireNonNull(nonVocabParams, "nonVocabParams is null"));
        requireNonNull(multilingual, "multilingual is null");
        languages = List.copyOf(requireNonNull(languages, "languages is null"));
        for (double n : nonVocabParams) {
            if (!(n > 0)) {
                throw new IllegalArgumentException("non-vocabulary parameter counts must be > 0, got " + n);
            }
        }
        if (computeFlops < 0 || maxDocuments < 0) {
            throw new IllegalArgumentException("computeFlops and maxDocuments must be >= 0");
        }
    }

    public static VocabularyAnalysisConfig defaults() {
        return new VocabularyAnalysisConfig("curated", TrainTokenizersConfig.DEFAULT_OUTPUT_DIR, "vocab_analysis",
                "_reports/vocab_analysis.png",
                List.of(3e9, 7e9, 70e9), 0, "", DEFAULT_LANGUAGES, 0);
    }

    public VocabularyAnalysisConfig withPaths(String newInput, String newTokenizersDir, String newPlot, String newMultilingual) {
        return new VocabularyAnalysisConfig(newInput, newTokenizersDir, output, newPlot, nonVocabParams, computeFlops,
                newMultilingual, languages, maxDocuments);
    }

    public static VocabularyAnalysisConfig fromConfig(ConfigSection section) {
        VocabularyAnalysisConfig d = defaults();
        List<String> nnv = section.stringList("non-vocab-params", d.nonVocabParams().stream().map(String::valueOf).toList());
        List<Double> parsed;
        try {
            parsed = nnv.stream().map(s -> Double.parseDouble(s.trim().replace("_", ""))).toList();
        } catch (NumberFormatException e) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("non-vocab-params"), nnv,
                    "a list of parameter counts such as [3e9, 7e9, 70e9]");
        }
        if (parsed.stream().anyMatch(n -> !(n > 0))) {
            throw WinnowErrors.badConfigValue(section.source(), section.qualified("non-vocab-params"), nnv,
                    "positive parameter counts such as [3e9, 7e9, 70e9]");
        }
        VocabularyAnalysisConfig config = new VocabularyAnalysisConfig(
                section.string("input", d.input()),
                section.string("tokenizers-dir", d.tokenizersDir()),
                section.string("output", d.output()),
                section.string("plot", d.plot()),
                parsed,
                section.decimal("compute-flops", d.computeFlops(), 0, Double.MAX_VALUE),
                section.string("multilingual", d.multilingual()),
                section.stringList("languages", d.languages()),
                section.integer("max-documents", d.maxDocuments(), 0, Long.MAX_VALUE));
        section.finish();
        return config;
    }
}
