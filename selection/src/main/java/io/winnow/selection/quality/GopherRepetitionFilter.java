package io.winnow.selection.quality;

import static io.winnow.selection.quality.DocumentFilter.above;
import static io.winnow.selection.quality.DocumentFilter.ratio;

import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gopher's repetition rules with datatrove's defaults: duplicated lines and paragraphs (as a
 * fraction of elements and of characters), the share of text covered by the most frequent 2/3/4-gram,
 * and the share covered by duplicated 5..10-grams. Character fractions are over the whole text.
 */
public final class GopherRepetitionFilter implements DocumentFilter {
    public static final String DUP_LINE_FRACTION = "gopher_dup_line_fraction";
    public static final String DUP_PARAGRAPH_FRACTION = "gopher_dup_paragraph_fraction";
    public static final String DUP_LINE_CHAR_FRACTION = "gopher_dup_line_char_fraction";
    public static final String DUP_PARAGRAPH_CHAR_FRACTION = "gopher_dup_paragraph_char_fraction";

    public static String topNgramReason(int n) {
        return "gopher_top_" + n + "gram";
    }

    public static String duplicatedNgramReason(int n) {
        return "gopher_duplicated_" + n + "grams";
    }

    /** Thresholds; NaN switches a rule off. Arrays are indexed by n: top[2..4], duplicated[5..10]. */
    public record Config(
            boolean enabled,
            double maxDupLineFraction,
            double maxDupParagraphFraction,
            double maxDupLineCharFraction,
            double maxDupParagraphCharFraction,
            Map<Integer, Double> maxTopNgramCharFraction,
            Map<Integer, Double> maxDuplicatedNgramCharFraction) implements Serializable {
        public Config {
            maxTopNgramCharFraction = Map.copyOf(maxTopNgramCharFraction);
            maxDuplicatedNgramCharFraction = Map.copyOf(maxDuplicatedNgramCharFraction);
        }

        public static Config defaults() {
            return new Config(true, 0.3, 0.3, 0.2, 0.2,
                    Map.of(2, 0.20, 3, 0.18, 4, 0.16),
                    Map.of(5, 0.15, 6, 0.14, 7, 0.13, 8, 0.12, 9, 0.11, 10, 0.10));
        }

        /** Stable order for reports and the config hash. */
        @Override
        public String toString() {
            return "Config[enabled=" + enabled + ", lines=" + maxDupLineFraction + ", paragraphs=" + maxDupParagraphFraction
                    + ", lineChars=" + maxDupLineCharFraction + ", paragraphChars=" + maxDupParagraphCharFraction
                    + ", top=" + new java.util.TreeMap<>(maxTopNgramCharFraction)
                    + ", duplicated=" + new java.util.TreeMap<>(maxDuplicatedNgramCharFraction) + "]";
        }
    }

    private final Config config;

    public GopherRepetitionFilter(Config config) {
        this.config = config;
    }

    @Override
    public void assess(QualityAssessment assessment) {
        String text = assessment.text();
        int length = text.length();
        List<String> paragraphs = TextUnits.paragraphs(text);
        DuplicateCounts paragraphDuplicates = DuplicateCounts.of(paragraphs);
        List<String> lines = TextUnits.nonEmptyLineRuns(text);
        DuplicateCounts lineDuplicates = DuplicateCounts.of(lines);
        double paragraphFraction = ratio(paragraphDuplicates.elements(), paragraphs.size());
        double paragraphCharFraction = ratio(paragraphDuplicates.characters(), length);
        double lineFraction = ratio(lineDuplicates.elements(), lines.size());
        double lineCharFraction = ratio(lineDuplicates.characters(), length);
        assessment.measure("dup_paragraph_fraction", paragraphFraction);
        assessment.measure("dup_paragraph_char_fraction", paragraphCharFraction);
        assessment.measure("dup_line_fraction", lineFraction);
        assessment.measure("dup_line_char_fraction", lineCharFraction);
        boolean enabled = config.enabled();
        if (enabled && above(paragraphFraction, config.maxDupParagraphFraction())) {
            assessment.fail(DUP_PARAGRAPH_FRACTION);
        }
        if (enabled && above(paragraphCharFraction, config.maxDupParagraphCharFraction())) {
            assessment.fail(DUP_PARAGRAPH_CHAR_FRACTION);
        }
        if (enabled && above(lineFraction, config.maxDupLineFraction())) {
            assessment.fail(DUP_LINE_FRACTION);
        }
        if (enabled && above(lineCharFraction, config.maxDupLineCharFraction())) {
            assessment.fail(DUP_LINE_CHAR_FRACTION);
        }

        List<String> words = assessment.words();
        for (int n = 2; n <= 4; n++) {
            double fraction = ratio(topNgramCharacters(words, n), length);
            assessment.measure("top_" + n + "gram_char_fraction", fraction);
            if (enabled && above(fraction, config.maxTopNgramCharFraction().getOrDefault(n, Double.NaN))) {
                assessment.fail(topNgramReason(n));
            }
        }
        for (int n = 5; n <= 10; n++) {
            double fraction = ratio(duplicatedNgramCharacters(words, n), length);
            assessment.measure("duplicated_" + n + "gram_char_fraction", fraction);
            if (enabled && above(fraction, config.maxDuplicatedNgramCharFraction().getOrDefault(n, Double.NaN))) {
                assessment.fail(duplicatedNgramReason(n));
            }
        }
    }

    /** Characters of the most frequent n-gram (words joined by spaces) times its count; ties go to the first seen. */
    static long topNgramCharacters(List<String> words, int n) {
        if (words.size() < n) {
            return 0;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
            counts.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
        }
        String top = null;
        int topCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > topCount) {
                top = entry.getKey();
                topCount = entry.getValue();
            }
        }
        return (long) top.length() * topCount;
    }

    /**
     * Characters of n-grams (words concatenated) that repeat an earlier n-gram; after a repeat the
     * window jumps past it, so overlapping repeats are not counted twice.
     */
    static long duplicatedNgramCharacters(List<String> words, int n) {
        Set<String> seen = new HashSet<>();
        long repeated = 0;
        int i = 0;
        while (i <= words.size() - n) {
            String ngram = String.join("", words.subList(i, i + n));
            if (seen.contains(ngram)) {
                repeated += ngram.length();
                i += n;
            } else {
                seen.add(ngram);
                i++;
            }
        }
        return repeated;
    }
}
