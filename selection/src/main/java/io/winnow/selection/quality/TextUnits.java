package io.winnow.selection.quality;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a document into the units the heuristic filters count: words, lines, paragraphs and
 * sentences. The word rule imitates the NLTK word tokenizer datatrove uses for English: runs of
 * letters, digits and marks (with inner apostrophes and hyphens, and number separators) are words, and every run of other visible
 * characters is a token of its own, so punctuation counts as "words" exactly where datatrove's does.
 */
public final class TextUnits {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\n+");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n{2,}");

    private TextUnits() {}

    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            int codePoint = text.codePointAt(i);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            int start = i;
            if (isWordCharacter(codePoint)) {
                i += Character.charCount(codePoint);
                while (i < length) {
                    int next = text.codePointAt(i);
                    if (isWordCharacter(next)) {
                        i += Character.charCount(next);
                    } else if (isInnerConnector(text, i)) {
                        i += 1;
                    } else {
                        break;
                    }
                }
            } else {
                i += Character.charCount(codePoint);
                while (i < length) {
                    int next = text.codePointAt(i);
                    if (isWordCharacter(next) || Character.isWhitespace(next) || Character.isSpaceChar(next)) {
                        break;
                    }
                    i += Character.charCount(next);
                }
            }
            words.add(text.substring(start, i));
        }
        return words;
    }

    /**
     * Characters NLTK keeps inside a token: apostrophes and hyphens between word characters, and
     * the separators of numbers such as 1,000 and 4.99.
     */
    private static boolean isInnerConnector(String text, int at) {
        if (at + 1 >= text.length() || !isWordCharacter(text.codePointAt(at + 1))) {
            return false;
        }
        char connector = text.charAt(at);
        if (connector == '\'' || connector == '\u2019' || connector == '-') {
            return true;
        }
        return (connector == '.' || connector == ',') && at > 0 && Character.isDigit(text.charAt(at - 1))
                && Character.isDigit(text.charAt(at + 1));
    }

    private static boolean isWordCharacter(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK
                || Character.getType(codePoint) == Character.COMBINING_SPACING_MARK || codePoint == '_';
    }

    /** True when every character is punctuation or a symbol (datatrove's "symbol word"). */
    public static boolean isSymbolWord(String word) {
        return word.codePoints().allMatch(TextUnits::isPunctuationOrSymbol);
    }

    static boolean isPunctuationOrSymbol(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    public static boolean containsLetter(String word) {
        return word.codePoints().anyMatch(Character::isLetter);
    }

    /** Python's {@code str.splitlines()} for the usual breaks: \n, \r\n and \r; no trailing empty line. */
    public static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(LINE_BREAK.split(text, -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Lines as the Gopher repetition filter splits them: on runs of newlines. */
    public static List<String> nonEmptyLineRuns(String text) {
        return List.of(LINE_BREAKS.split(text, -1));
    }

    /** Paragraphs: the stripped text split on two or more newlines. */
    public static List<String> paragraphs(String text) {
        return List.of(PARAGRAPH_BREAK.split(text.strip(), -1));
    }

    /** A sentence iterator to reuse across calls of one thread (creating one per line is costly). */
    public static BreakIterator sentenceIterator() {
        return BreakIterator.getSentenceInstance(Locale.ENGLISH);
    }

    public static int sentenceCount(String line) {
        return sentenceCount(line, sentenceIterator());
    }

    public static int sentenceCount(String line, BreakIterator sentences) {
        sentences.setText(line);
        int count = 0;
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            if (!line.substring(start, end).isBlank()) {
                count++;
            }
        }
        return count;
    }

    /** Occurrences of {@code needle} without overlap, as Python's {@code str.count}. */
    public static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
