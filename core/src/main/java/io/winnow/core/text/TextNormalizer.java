package io.winnow.core.text;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.text.Normalizer;

/** Normalises text per {@link NormalizationOptions}; one pass over code points, no regular expressions. */
public final class TextNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NormalizationOptions options;

    public TextNormalizer(NormalizationOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    public NormalizationOptions options() {
        return options;
    }

    public String normalize(String text) {
        requireNonNull(text, "text is null");
        String source = text;
        if (options.unicodeNfkc()) {
            source = Normalizer.normalize(source, Normalizer.Form.NFKC);
        }
        if (options.accents()) {
            source = Normalizer.normalize(source, Normalizer.Form.NFD);
        }
        StringBuilder out = new StringBuilder(source.length());
        boolean pendingSpace = false;
        int index = 0;
        while (index < source.length()) {
            int codePoint = source.codePointAt(index);
            index += Character.charCount(codePoint);
            if (options.whitespace() && Character.isWhitespace(codePoint)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            int type = Character.getType(codePoint);
            if (options.accents() && type == Character.NON_SPACING_MARK) {
                continue;
            }
            if (options.punctuation() && (isPunctuation(type) || isInvisible(codePoint, type))) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            if (options.digits() && Character.isDigit(codePoint)) {
                out.append('0');
            } else if (options.lowercase()) {
                out.appendCodePoint(Character.toLowerCase(codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        }
        return out.toString();
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
