package io.winnow.core.text;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.text.Normalizer;

/**
 * Normalises text per {@link NormalizationOptions}; one pass over code points, no regular expressions,
 * ASCII characters through a per-instance lookup table. Thread-safe (the table is built idempotently).
 */
public final class TextNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final int ASCII_LIMIT = 128;
    private static final int WHITESPACE = -1;
    private static final int DROP = -2;

    private final NormalizationOptions options;
    private transient int[] asciiActions;

    public TextNormalizer(NormalizationOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    public NormalizationOptions options() {
        return options;
    }

    public String normalize(String text) {
        requireNonNull(text, "text is null");
        String source = text;
        // Pure ASCII is already NFKC and NFD: skip the Unicode normaliser, the larger cost on web text.
        if ((options.unicodeNfkc() || options.accents()) && !isAscii(text)) {
            if (options.unicodeNfkc()) {
                source = Normalizer.normalize(source, Normalizer.Form.NFKC);
            }
            if (options.accents()) {
                source = Normalizer.normalize(source, Normalizer.Form.NFD);
            }
        }
        int[] ascii = asciiActions();
        StringBuilder out = new StringBuilder(source.length());
        boolean pendingSpace = false;
        int index = 0;
        int length = source.length();
        while (index < length) {
            char c = source.charAt(index);
            int action;
            if (c < ASCII_LIMIT) {
                action = ascii[c];
                index++;
            } else {
                int codePoint = source.codePointAt(index);
                index += Character.charCount(codePoint);
                action = action(codePoint);
            }
            if (action == WHITESPACE) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (action == DROP) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(action);
        }
        return out.toString();
    }

    /** What happens to one code point: {@link #WHITESPACE}, {@link #DROP} or the code point to write. */
    private int action(int codePoint) {
        if (options.whitespace() && Character.isWhitespace(codePoint)) {
            return WHITESPACE;
        }
        int type = Character.getType(codePoint);
        if (options.accents() && type == Character.NON_SPACING_MARK) {
            return DROP;
        }
        if (options.punctuation() && (isPunctuation(type) || isInvisible(codePoint, type))) {
            return DROP;
        }
        if (options.digits() && Character.isDigit(codePoint)) {
            return '0';
        }
        return options.lowercase() ? Character.toLowerCase(codePoint) : codePoint;
    }

    /** {@link #action} of every ASCII character, computed once per instance (most text is mostly ASCII). */
    private int[] asciiActions() {
        int[] table = asciiActions;
        if (table == null) {
            table = new int[ASCII_LIMIT];
            for (int c = 0; c < ASCII_LIMIT; c++) {
                table[c] = action(c);
            }
            asciiActions = table;
        }
        return table;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= ASCII_LIMIT) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPunctuation(int type) {
        return type == Character.CONNECTOR_PUNCTUATION
                || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION
                || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isInvisible(int codePoint, int type) {
        return (type == Character.CONTROL && !Character.isWhitespace(codePoint)) || type == Character.FORMAT;
    }
}
