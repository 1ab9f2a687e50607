package io.winnow.selection.quality;

import static java.util.Objects.requireNonNull;

import io.winnow.core.config.ConfigSection;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Settings of the four heuristic filters. In YAML every threshold can be a number or {@code off};
 * a whole filter can be switched off with {@code enabled: false} (its metrics are still measured).
 */
public record QualityRules(
        GopherRepetitionFilter.Config gopherRepetition,
        GopherQualityFilter.Config gopherQuality,
        C4QualityFilter.Config c4,
        FineWebQualityFilter.Config fineWeb) implements Serializable {

    public QualityRules {
        requireNonNull(gopherRepetition, "gopherRepetition is null");
        requireNonNull(gopherQuality, "gopherQuality is null");
        requireNonNull(c4, "c4 is null");
        requireNonNull(fineWeb, "fineWeb is null");
    }

    public static QualityRules defaults() {
        return new QualityRules(GopherRepetitionFilter.Config.defaults(), GopherQualityFilter.Config.defaults(),
                C4QualityFilter.Config.defaults(), FineWebQualityFilter.Config.defaults());
    }

    /** Reads the filter sections of the {@code quality} section; the caller finishes that section. */
    public static QualityRules fromConfig(ConfigSection quality) {
        return new QualityRules(
                gopherRepetition(quality.section("gopher-repetition")),
                gopherQuality(quality.section("gopher-quality")),
                c4(quality.section("c4")),
                fineWeb(quality.section("fineweb")));
    }

    private static GopherRepetitionFilter.Config gopherRepetition(ConfigSection section) {
        GopherRepetitionFilter.Config defaults = GopherRepetitionFilter.Config.defaults();
        GopherRepetitionFilter.Config config = new GopherRepetitionFilter.Config(
                section.bool("enabled", defaults.enabled()),
                fraction(section, "max-dup-line-fraction", defaults.maxDupLineFraction()),
                fraction(section, "max-dup-paragraph-fraction", defaults.maxDupParagraphFraction()),
                fraction(section, "max-dup-line-char-fraction", defaults.maxDupLineCharFraction()),
                fraction(section, "max-dup-paragraph-char-fraction", defaults.maxDupParagraphCharFraction()),
                byNgramSize(section.section("max-top-ngram-char-fraction"), defaults.maxTopNgramCharFraction(), 2, 4),
                byNgramSize(section.section("max-duplicated-ngram-char-fraction"),
                        defaults.maxDuplicatedNgramCharFraction(), 5, 10));
        section.finish();
        return config;
    }

    private static Map<Integer, Double> byNgramSize(ConfigSection section, Map<Integer, Double> defaults, int from, int to) {
        Map<Integer, Double> limits = new HashMap<>();
        for (int n = from; n <= to; n++) {
            limits.put(n, fraction(section, Integer.toString(n), defaults.get(n)));
        }
        section.finish();
        return limits;
    }

    private static GopherQualityFilter.Config gopherQuality(ConfigSection section) {
        GopherQualityFilter.Config defaults = GopherQualityFilter.Config.defaults();
        GopherQualityFilter.Config config = new GopherQualityFilter.Config(
                section.bool("enabled", defaults.enabled()),
                number(section, "min-words", defaults.minWords()),
                number(section, "max-words", defaults.maxWords()),
                number(section, "min-mean-word-length", defaults.minMeanWordLength()),
                number(section, "max-mean-word-length", defaults.maxMeanWordLength()),
                number(section, "max-hash-ratio", defaults.maxHashRatio()),
                number(section, "max-ellipsis-ratio", defaults.maxEllipsisRatio()),
                fraction(section, "max-bullet-line-fraction", defaults.maxBulletLineFraction()),
                fraction(section, "max-ellipsis-line-fraction", defaults.maxEllipsisLineFraction()),
                fraction(section, "min-alpha-word-fraction", defaults.minAlphaWordFraction()),
                number(section, "min-stop-words", defaults.minStopWords()));
        section.finish();
        return config;
    }

    private static C4QualityFilter.Config c4(ConfigSection section) {
        C4QualityFilter.Config defaults = C4QualityFilter.Config.defaults();
        C4QualityFilter.Config config = new C4QualityFilter.Config(
                section.bool("enabled", defaults.enabled()),
                section.bool("remove-lines-without-terminal-punctuation", defaults.removeLinesWithoutTerminalPunctuation()),
                number(section, "min-words-per-line", defaults.minWordsPerLine()),
                number(section, "max-word-length", defaults.maxWordLength()),
                section.bool("remove-javascript-lines", defaults.removeJavascriptLines()),
                section.bool("remove-policy-lines", defaults.removePolicyLines()),
                section.bool("remove-citations", defaults.removeCitations()),
                section.bool("drop-lorem-ipsum", defaults.dropLoremIpsum()),
                section.bool("drop-curly-bracket", defaults.dropCurlyBracket()),
                number(section, "min-sentences", defaults.minSentences()));
        section.finish();
        return config;
    }

    private static FineWebQualityFilter.Config fineWeb(ConfigSection section) {
        FineWebQualityFilter.Config defaults = FineWebQualityFilter.Config.defaults();
        FineWebQualityFilter.Config config = new FineWebQualityFilter.Config(
                section.bool("enabled", defaults.enabled()),
                fraction(section, "min-line-punct-ratio", defaults.minLinePunctuationRatio()),
                fraction(section, "max-short-line-ratio", defaults.maxShortLineRatio()),
                (int) section.integer("short-line-length", defaults.shortLineLength(), 0, Integer.MAX_VALUE),
                fraction(section, "max-char-dup-ratio", defaults.maxCharDuplicateRatio()),
                number(section, "max-newlines-per-word", defaults.maxNewlinesPerWord()));
        section.finish();
        return config;
    }

    private static double fraction(ConfigSection section, String key, double defaultValue) {
        return section.optionalDecimal(key, optional(defaultValue), 0, 1).orElse(Double.NaN);
    }

    private static double number(ConfigSection section, String key, double defaultValue) {
        return section.optionalDecimal(key, optional(defaultValue), 0, Double.MAX_VALUE).orElse(Double.NaN);
    }

    private static OptionalDouble optional(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
