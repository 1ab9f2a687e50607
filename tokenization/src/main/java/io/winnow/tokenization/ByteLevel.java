package io.winnow.tokenization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2 style byte-level pre-tokenization, as HuggingFace's {@code ByteLevel} pre-tokenizer does it
 * (with {@code use_regex: true}, {@code add_prefix_space: false}): split the text with the GPT-2
 * regex, then write each piece's UTF-8 bytes as the 256 printable "byte-level" characters.
 */
public final class ByteLevel {
    /** The GPT-2 split pattern; {@code UNICODE_CHARACTER_CLASS} makes {@code \s} Unicode-aware like Oniguruma's. */
    public static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int next = 0;
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            char c = printable[b] ? (char) b : (char) (256 + next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The byte-level character standing for byte {@code b} (0..255). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte (0..255) a byte-level character stands for. */
    public static int byteOf(char c) {
        int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
        if (b < 0) {
            throw new IllegalArgumentException("Not a byte-level character: U+" + Integer.toHexString(c));
        }
        return b;
    }

    /** The byte-level form of a piece of text: one character per UTF-8 byte. */
    public static String encode(CharSequence piece) {
        byte[] bytes = piece.toString().getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** Back from byte-level characters to text. */
    public static String decode(CharSequence byteLevel) {
        byte[] bytes = new byte[byteLevel.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) byteOf(byteLevel.charAt(i));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Splits with the GPT-2 regex and hands each piece, in byte-level form, to {@code sink}. */
    public static void preTokenize(String text, Consumer<String> sink) {
        Matcher m = GPT2_SPLIT.matcher(text);
        while (m.find()) {
            sink.accept(encode(text.subSequence(m.start(), m.end())));
        }
    }

    public static List<String> preTokenize(String text) {
        List<String> out = new ArrayList<>();
        preTokenize(text, out::add);
        return out;
    }
}
