package io.winnow.dedup.decontamination;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a text with their character offsets, so a matched n-gram maps back to a span.
 *
 * <p>A word is a maximal run of the code points Python's Unicode {@code \w} accepts (letters and
 * numbers of any script, the underscore) plus combining marks, so a decomposed accent ("e" + U+0301)
 * does not split a word; every other character (spaces, punctuation, symbols, emoji) separates words. Words are lower-cased (root locale) one by one,
 * so the offsets always point into the original text even where lower-casing changes lengths.
 * Megatron-LM and NeMo Curator instead blank out ASCII punctuation and split on spaces; with
 * {@code \w} a typographic apostrophe or dash ("Janet’s", "well‐known") splits exactly like its
 * ASCII twin, so an eval text copied through a word processor still matches.
 */
public final class Words {
    private final String text;
    private final String[] words;
    private final int[] starts;
    private final int[] ends;

    private Words(String text, String[] words, int[] starts, int[] ends) {
        this.text = text;
        this.words = words;
        this.starts = starts;
        this.ends = ends;
    }

    public static Words of(String text) {
        List<String> found = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        int length = text.length();
        int position = 0;
        while (position < length) {
            int codePoint = text.codePointAt(position);
            if (!isWordCharacter(codePoint)) {
                position += Character.charCount(codePoint);
                continue;
            }
            int start = position;
            while (position < length && isWordCharacter(text.codePointAt(position))) {
                position += Character.charCount(text.codePointAt(position));
            }
            found.add(text.substring(start, position).toLowerCase(Locale.ROOT));
            spans.add(new int[] {start, position});
        }
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
        }
        return new Words(text, found.toArray(String[]::new), starts, ends);
    }

    static boolean isWordCharacter(int codePoint) {
        if (codePoint == '_' || Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    public int size() {
        return words.length;
    }

    public String word(int index) {
        return words[index];
    }

    /** Character offset of the first character of word {@code index} in the original text. */
    public int start(int index) {
        return starts[index];
    }

    /** Character offset just after word {@code index} in the original text. */
    public int end(int index) {
        return ends[index];
    }

    public String text() {
        return text;
    }

    /** Words {@code from} (inclusive) to {@code to} (exclusive) joined by single spaces: the n-gram's canonical text. */
    public String join(int from, int to) {
        return String.join(" ", java.util.Arrays.asList(words).subList(from, to));
    }
}
