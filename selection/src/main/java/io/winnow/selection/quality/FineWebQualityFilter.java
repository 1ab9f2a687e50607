package io.winnow.selection.quality;

import static io.winnow.selection.quality.DocumentFilter.above;
import static io.winnow.selection.quality.DocumentFilter.below;
import static io.winnow.selection.quality.DocumentFilter.ratio;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * FineWeb's own filter (Penedo et al. 2024, datatrove defaults), applied after C4's line removals
 * as in the FineWeb recipe: too few lines ending in terminal punctuation, too many short lines,
 * too many characters in duplicated lines, too many newlines per word (lists).
 */
public final class FineWebQualityFilter implements DocumentFilter {
    public static final String EMPTY = "fineweb_empty";
    public static final String LINE_PUNCTUATION_RATIO = "fineweb_line_punct_ratio";
    public static final String SHORT_LINE_RATIO = "fineweb_short_line_ratio";
    public static final String CHAR_DUPLICATE_RATIO = "fineweb_char_dup_ratio";
    public static final String LIST_RATIO = "fineweb_list_ratio";

    /** Terminal punctuation of the common scripts (a subset of datatrove's TERMINAL_PUNCTUATION). */
    static final Set<Integer> TERMINAL_PUNCTUATION = Set.of(
            (int) '.', (int) '!', (int) '?', (int) '\u2026', (int) '\u3002', (int) '\uff01', (int) '\uff1f', (int) '\uff0e',
            (int) '\u061f', (int) '\u06d4', (int) '\u0964', (int) '\u0965', (int) '\u0589', (int) '\u037e', (int) '\u1362');

    /** Thresholds; NaN switches a rule off. */
    public record Config(
            boolean enabled,
            double minLinePunctuationRatio,
            double maxShortLineRatio,
            int shortLineLength,
            double maxCharDuplicateRatio,
            double maxNewlinesPerWord) implements Serializable {
        public static Config defaults() {
            return new Config(true, 0.12, 0.67, 30, 0.01, 0.3);
        }
    }

    private final Config config;

    public FineWebQualityFilter(Config config) {
        this.config = config;
    }

    @Override
    public void assess(QualityAssessment assessment) {
        String text = assessment.text();
        List<String> lines = text.lines().filter(line -> !line.strip().isEmpty()).toList();
        if (lines.isEmpty()) {
            assessment.measure("fineweb_line_punct_ratio", 0);
            if (config.enabled()) {
                assessment.fail(EMPTY);
            }
            return;
        }
        double punctuationRatio = ratio(lines.stream().filter(FineWebQualityFilter::endsWithTerminalPunctuation).count(),
                lines.size());
        double shortLineRatio = ratio(lines.stream().filter(line -> line.length() <= config.shortLineLength()).count(),
                lines.size());
        double charDuplicateRatio = ratio(DuplicateCounts.of(lines).characters(), text.replace("\n", "").length());
        double newlineRatio = ratio(TextUnits.count(text, "\n"), assessment.words().size());
        assessment.measure("fineweb_line_punct_ratio", punctuationRatio);
        assessment.measure("fineweb_short_line_ratio", shortLineRatio);
        assessment.measure("fineweb_char_dup_ratio", charDuplicateRatio);
        assessment.measure("fineweb_newline_ratio", newlineRatio);
        if (!config.enabled()) {
            return;
        }
        if (below(punctuationRatio, config.minLinePunctuationRatio())) {
            assessment.fail(LINE_PUNCTUATION_RATIO);
        }
        if (above(shortLineRatio, config.maxShortLineRatio())) {
            assessment.fail(SHORT_LINE_RATIO);
        }
        if (above(charDuplicateRatio, config.maxCharDuplicateRatio())) {
            assessment.fail(CHAR_DUPLICATE_RATIO);
        }
        if (above(newlineRatio, config.maxNewlinesPerWord())) {
            assessment.fail(LIST_RATIO);
        }
    }

    private static boolean endsWithTerminalPunctuation(String line) {
        return !line.isEmpty() && TERMINAL_PUNCTUATION.contains(line.codePointBefore(line.length()));
    }
}
