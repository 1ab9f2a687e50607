package io.winnow.selection.quality;

import static io.winnow.selection.quality.DocumentFilter.below;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The C4 filter (Raffel et al. 2020) as datatrove implements it. Line level: a line is removed if
 * it has a word over 1000 characters, lacks terminal punctuation or ends in an ellipsis (when
 * enabled), has fewer than 3 words, mentions "javascript", or carries cookie/policy boilerplate;
 * wiki citations are cut. Document level: "lorem ipsum" or a curly bracket in a kept line, or
 * fewer than 5 sentences in the kept lines, drops the document. The text becomes the kept lines.
 */
public final class C4QualityFilter implements DocumentFilter {
    public static final String LOREM_IPSUM = "c4_lorem_ipsum";
    public static final String CURLY_BRACKET = "c4_curly_bracket";
    public static final String TOO_FEW_SENTENCES = "c4_too_few_sentences";

    private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
    private static final List<String> END_PUNCTUATION = List.of(".", "?", "!", "\"", "'");
    private static final List<String> POLICY_PHRASES = List.of(
            "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies");

    /** Settings; a NaN or negative number switches that rule off. */
    public record Config(
            boolean enabled,
            boolean removeLinesWithoutTerminalPunctuation,
            double minWordsPerLine,
            double maxWordLength,
            boolean removeJavascriptLines,
            boolean removePolicyLines,
            boolean removeCitations,
            boolean dropLoremIpsum,
            boolean dropCurlyBracket,
            double minSentences) implements Serializable {
        /** datatrove's C4 defaults, except the terminal-punctuation line rule, off as in FineWeb's recipe. */
        public static Config defaults() {
            return new Config(true, false, 3, 1000, true, true, true, true, true, 5);
        }
    }

    private final Config config;

    public C4QualityFilter(Config config) {
        this.config = config;
    }

    @Override
    public void assess(QualityAssessment assessment) {
        if (!config.enabled()) {
            return;
        }
        List<String> lines = TextUnits.lines(assessment.text());
        List<String> kept = new ArrayList<>(lines.size());
        int sentences = 0;
        java.text.BreakIterator sentenceIterator = TextUnits.sentenceIterator();
        boolean loremIpsum = false;
        boolean curlyBracket = false;
        for (String original : lines) {
            String line = original.strip();
            String[] words = line.isEmpty() ? new String[0] : line.split("\\s+");
            if (hasLongWord(words)) {
                continue;
            }
            if (config.removeCitations()) {
                line = CITATION.matcher(line).replaceAll("");
            }
            if (config.removeLinesWithoutTerminalPunctuation()
                    && (END_PUNCTUATION.stream().noneMatch(line::endsWith) || line.endsWith("..."))) {
                continue;
            }
            if (below(words.length, config.minWordsPerLine())) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (config.dropLoremIpsum() && lower.contains("lorem ipsum")) {
                loremIpsum = true;
            }
            if (config.removeJavascriptLines() && lower.contains("javascript")) {
                continue;
            }
            if (config.dropCurlyBracket() && line.contains("{")) {
                curlyBracket = true;
            }
            if (config.removePolicyLines() && POLICY_PHRASES.stream().anyMatch(lower::contains)) {
                continue;
            }
            sentences += TextUnits.sentenceCount(line, sentenceIterator);
            kept.add(line);
        }
        assessment.measure("c4_lines", lines.size());
        assessment.measure("c4_lines_removed", lines.size() - kept.size());
        assessment.measure("c4_sentences", sentences);
        if (loremIpsum) {
            assessment.fail(LOREM_IPSUM);
        }
        if (curlyBracket) {
            assessment.fail(CURLY_BRACKET);
        }
        if (below(sentences, config.minSentences())) {
            assessment.fail(TOO_FEW_SENTENCES);
        }
        assessment.replaceText(String.join("\n", kept).strip());
    }

    private boolean hasLongWord(String[] words) {
        double limit = config.maxWordLength();
        if (Double.isNaN(limit) || limit < 0) {
            return false;
        }
        for (String word : words) {
            if (word.length() > limit) {
                return true;
            }
        }
        return false;
    }
}
