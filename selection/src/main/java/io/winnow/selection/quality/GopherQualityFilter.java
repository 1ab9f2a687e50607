package io.winnow.selection.quality;

import static io.winnow.selection.quality.DocumentFilter.above;
import static io.winnow.selection.quality.DocumentFilter.below;
import static io.winnow.selection.quality.DocumentFilter.ratio;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Gopher's quality rules (Rae et al. 2021, appendix A) with datatrove's defaults: document length
 * in non-symbol words, mean word length, hash and ellipsis ratios, bullet and ellipsis lines,
 * words with a letter, and occurrences of English stop words (matched case-sensitively, as datatrove does).
 */
public final class GopherQualityFilter implements DocumentFilter {
    public static final String TOO_FEW_WORDS = "gopher_too_few_words";
    public static final String TOO_MANY_WORDS = "gopher_too_many_words";
    public static final String MEAN_WORD_LENGTH_TOO_SHORT = "gopher_mean_word_length_too_short";
    public static final String MEAN_WORD_LENGTH_TOO_LONG = "gopher_mean_word_length_too_long";
    public static final String TOO_MANY_HASHES = "gopher_too_many_hashes";
    public static final String TOO_MANY_ELLIPSES = "gopher_too_many_ellipses";
    public static final String TOO_MANY_BULLET_LINES = "gopher_too_many_bullet_lines";
    public static final String TOO_MANY_ELLIPSIS_LINES = "gopher_too_many_ellipsis_lines";
    public static final String TOO_FEW_ALPHA_WORDS = "gopher_too_few_alpha_words";
    public static final String TOO_FEW_STOP_WORDS = "gopher_too_few_stop_words";

    static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");

    /** Thresholds; NaN switches a rule off. */
    public record Config(
            boolean enabled,
            double minWords,
            double maxWords,
            double minMeanWordLength,
            double maxMeanWordLength,
            double maxHashRatio,
            double maxEllipsisRatio,
            double maxBulletLineFraction,
            double maxEllipsisLineFraction,
            double minAlphaWordFraction,
            double minStopWords) implements Serializable {
        public static Config defaults() {
            return new Config(true, 50, 100_000, 3, 10, 0.1, 0.1, 0.9, 0.3, 0.8, 2);
        }
    }

    private final Config config;

    public GopherQualityFilter(Config config) {
        this.config = config;
    }

    @Override
    public void assess(QualityAssessment assessment) {
        String text = assessment.text();
        List<String> words = assessment.words();
        int wordCount = words.size();
        long nonSymbolWords = 0;
        long nonSymbolCharacters = 0;
        long alphaWords = 0;
        long stopWords = 0;
        for (String word : words) {
            if (!TextUnits.isSymbolWord(word)) {
                nonSymbolWords++;
                nonSymbolCharacters += word.length();
            }
            if (TextUnits.containsLetter(word)) {
                alphaWords++;
            }
            if (STOP_WORDS.contains(word)) {
                stopWords++;
            }
        }
        double meanWordLength = ratio(nonSymbolCharacters, nonSymbolWords);
        double hashRatio = ratio(TextUnits.count(text, "#"), wordCount);
        double ellipsisRatio = ratio(TextUnits.count(text, "...") + TextUnits.count(text, "\u2026"), wordCount);
        List<String> lines = TextUnits.lines(text);
        long bulletLines = lines.stream().map(String::stripLeading)
                .filter(line -> line.startsWith("\u2022") || line.startsWith("-")).count();
        long ellipsisLines = lines.stream().map(String::stripTrailing)
                .filter(line -> line.endsWith("...") || line.endsWith("\u2026")).count();
        double bulletFraction = ratio(bulletLines, lines.size());
        double ellipsisLineFraction = ratio(ellipsisLines, lines.size());
        double alphaFraction = ratio(alphaWords, wordCount);

        assessment.measure("words", wordCount);
        assessment.measure("non_symbol_words", nonSymbolWords);
        assessment.measure("mean_word_length", meanWordLength);
        assessment.measure("hash_ratio", hashRatio);
        assessment.measure("ellipsis_ratio", ellipsisRatio);
        assessment.measure("bullet_line_fraction", bulletFraction);
        assessment.measure("ellipsis_line_fraction", ellipsisLineFraction);
        assessment.measure("alpha_word_fraction", alphaFraction);
        assessment.measure("stop_words", stopWords);
        if (!config.enabled()) {
            return;
        }
        if (below(nonSymbolWords, config.minWords())) {
            assessment.fail(TOO_FEW_WORDS);
        }
        if (above(nonSymbolWords, config.maxWords())) {
            assessment.fail(TOO_MANY_WORDS);
        }
        if (nonSymbolWords > 0 && below(meanWordLength, config.minMeanWordLength())) {
            assessment.fail(MEAN_WORD_LENGTH_TOO_SHORT);
        }
        if (above(meanWordLength, config.maxMeanWordLength())) {
            assessment.fail(MEAN_WORD_LENGTH_TOO_LONG);
        }
        if (above(hashRatio, config.maxHashRatio())) {
            assessment.fail(TOO_MANY_HASHES);
        }
        if (above(ellipsisRatio, config.maxEllipsisRatio())) {
            assessment.fail(TOO_MANY_ELLIPSES);
        }
        if (above(bulletFraction, config.maxBulletLineFraction())) {
            assessment.fail(TOO_MANY_BULLET_LINES);
        }
        if (above(ellipsisLineFraction, config.maxEllipsisLineFraction())) {
            assessment.fail(TOO_MANY_ELLIPSIS_LINES);
        }
        if (wordCount > 0 && below(alphaFraction, config.minAlphaWordFraction())) {
            assessment.fail(TOO_FEW_ALPHA_WORDS);
        }
        if (below(stopWords, config.minStopWords())) {
            assessment.fail(TOO_FEW_STOP_WORDS);
        }
    }
}
